package tsunami.bots.data;

/** BW weapon damage types (BWAPI DamageTypes); the ratio against each size comes from the data file. */
public enum DamageType { NORMAL, EXPLOSIVE, CONCUSSIVE }
