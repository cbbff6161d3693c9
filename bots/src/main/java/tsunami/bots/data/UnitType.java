package tsunami.bots.data;

/**
 * One BW unit type (BWAPI UnitType) as the arena uses it. Distances in pixels, speed in px per
 * frame; {@code id} is the index in {@link GameData#unitTypes()}. {@code regeneratesHp}: BW's units.dat
 * flag for Zerg units, whose hit points grow by 4/256 per frame.
 */
public record UnitType(int id, String name, int hitPoints, int shields, int armor, UnitSize size,
                       boolean flyer, boolean organic,
                       int dimLeft, int dimUp, int dimRight, int dimDown,
                       int seekRange, int sightRange, double topSpeed, int acceleration, int haltDistance, int turnRate,
                       WeaponType groundWeapon, int groundHits, WeaponType airWeapon, int airHits,
                       int maxEnergy, int startEnergy, int healPerFrame256, int healRange, boolean regeneratesHp) {

    public boolean canAttack() {
        return groundWeapon != null || airWeapon != null;
    }

    public boolean isHealer() {
        return healPerFrame256 > 0;
    }

    /** The weapon this type uses against a target that flies or not; null when it cannot hit it. */
    public WeaponType weaponAgainst(boolean targetFlies) {
        return targetFlies ? airWeapon : groundWeapon;
    }

    public int hitsAgainst(boolean targetFlies) {
        return targetFlies ? airHits : groundHits;
    }

    /** Longest weapon range, 0 for units without weapons. */
    public int maxRange() {
        int r = 0;
        if (groundWeapon != null) r = Math.max(r, groundWeapon.maxRange());
        if (airWeapon != null) r = Math.max(r, airWeapon.maxRange());
        return r;
    }

    public int width() { return dimLeft + dimRight + 1; }

    public int height() { return dimUp + dimDown + 1; }

    /** Short human name: "Marine" for "Terran_Marine". */
    public String shortName() {
        int i = name.indexOf('_');
        return i < 0 ? name : name.substring(i + 1);
    }
}
