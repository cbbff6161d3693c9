package tsunami.bots.data;

/** BW unit size classes; with the weapon's damage type they decide the damage ratio. */
public enum UnitSize { SMALL, MEDIUM, LARGE }
