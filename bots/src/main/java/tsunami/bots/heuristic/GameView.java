package tsunami.bots.heuristic;

import tsunami.bots.data.UnitType;
import tsunami.bots.data.WeaponType;

/**
 * Read view of an arena game, shaped like BWAPI's {@code Game}/{@code Unit} so that a heuristic
 * written here reads naturally to a BWAPI author. Units are addressed by id
 * ({@code 0 <= id < getUnitCount()}); dead units keep their id and report {@code exists == false}.
 * Index-based rather than object-based so that heuristics can run every frame without allocating.
 */
public interface GameView {
    int RED = 0;
    int BLUE = 1;

    int getFrameCount();

    int mapWidth();

    int mapHeight();

    /** Unit ids run from 0 to this, exclusive; the same for the whole game. */
    int getUnitCount();

    boolean exists(int unit);

    /** 0 (red) or 1 (blue). */
    int getPlayer(int unit);

    UnitType getType(int unit);

    /** Centre position in pixels. */
    int getX(int unit);

    int getY(int unit);

    int getHitPoints(int unit);

    int getShields(int unit);

    int getEnergy(int unit);

    /** Frames until the unit can fire again (BWAPI getGroundWeaponCooldown / getAirWeaponCooldown). */
    int getCooldown(int unit);

    Order getOrder(int unit);

    /** The unit being attacked, or -1. */
    int getTarget(int unit);

    boolean isFlying(int unit);

    /** Position in px with the game's sub-pixel precision where it keeps one (the arena does; BWAPI gives whole pixels). */
    default float positionX(int unit) {
        return getX(unit);
    }

    default float positionY(int unit) {
        return getY(unit);
    }

    /** Hit points as a fraction of the type's maximum, as exactly as the game keeps them. */
    default float hitPointRatio(int unit) {
        return (float) getHitPoints(unit) / getType(unit).hitPoints();
    }

    /** Shields as a fraction of the type's maximum; 0 for a type without shields. */
    default float shieldRatio(int unit) {
        int max = getType(unit).shields();
        return max == 0 ? 0f : (float) getShields(unit) / max;
    }

    /** Edge-to-edge distance as BW measures it (bounding boxes, BW's approximate distance). */
    default int getDistance(int unit, int other) {
        return boxDistance(getType(unit), getX(unit), getY(unit), getType(other), getX(other), getY(other));
    }

    /** Whether {@code unit} has a weapon that can hit {@code target} (ground/air). */
    default boolean canAttack(int unit, int target) {
        return getType(unit).weaponAgainst(isFlying(target)) != null;
    }

    /** Whether {@code target} is within the range of {@code unit}'s weapon against it. */
    default boolean isInWeaponRange(int unit, int target) {
        WeaponType w = getType(unit).weaponAgainst(isFlying(target));
        if (w == null) return false;
        int d = getDistance(unit, target);
        return d <= w.maxRange() && d >= w.minRange();
    }

    /** BW's approximate Euclidean distance (BWAPI {@code Position::getApproxDistance}). */
    static int approxDistance(int dx, int dy) {
        dx = Math.abs(dx);
        dy = Math.abs(dy);
        int max = Math.max(dx, dy), min = Math.min(dx, dy);
        if (min <= (max >> 2)) return max;
        int minCalc = (3 * min) >> 3;
        return (minCalc >> 5) + minCalc + max - (max >> 4) - (max >> 6);
    }

    /** The gap between two units' boxes, centred at the given positions, as BW measures it (BWAPI {@code Unit::getDistance}). */
    static int boxDistance(UnitType a, int ax, int ay, UnitType b, int bx, int by) {
        int xd = (ax - a.dimLeft()) - (bx + b.dimRight() + 1);
        if (xd < 0) {
            xd = (bx - b.dimLeft()) - (ax + a.dimRight() + 1);
            if (xd < 0) xd = 0;
        }
        int yd = (ay - a.dimUp()) - (by + b.dimDown() + 1);
        if (yd < 0) {
            yd = (by - b.dimUp()) - (ay + a.dimDown() + 1);
            if (yd < 0) yd = 0;
        }
        return approxDistance(xd, yd);
    }

    /** Living units of a player. */
    int countAlive(int player);

    /** The unit with this id as an object with BWAPI's method names (allocates; see {@link Unit}). */
    default Unit getUnit(int id) {
        return new Unit(this, id);
    }

    /** A player's living units, in id order (allocates). */
    default java.util.List<Unit> getUnits(int player) {
        java.util.List<Unit> out = new java.util.ArrayList<>();
        for (int u = 0, n = getUnitCount(); u < n; u++) {
            if (exists(u) && getPlayer(u) == player) out.add(new Unit(this, u));
        }
        return out;
    }
}
