package tsunami.bots.heuristic;

import tsunami.bots.data.UnitType;

/**
 * A unit seen through a {@link GameView}, with BWAPI's method names, for heuristics that prefer
 * objects to ids. Live: it reads the game when asked. Allocates one small object per call of
 * {@link GameView#getUnit}; per-frame code that must not allocate uses the id methods instead.
 */
public final class Unit {
    private final GameView game;
    private final int id;

    Unit(GameView game, int id) {
        this.game = game;
        this.id = id;
    }

    public int getID() { return id; }
    public boolean exists() { return game.exists(id); }
    public int getPlayer() { return game.getPlayer(id); }
    public UnitType getType() { return game.getType(id); }
    public int getX() { return game.getX(id); }
    public int getY() { return game.getY(id); }
    public int getHitPoints() { return game.getHitPoints(id); }
    public int getShields() { return game.getShields(id); }
    public int getEnergy() { return game.getEnergy(id); }
    public int getCooldown() { return game.getCooldown(id); }
    public Order getOrder() { return game.getOrder(id); }
    public boolean isFlying() { return game.isFlying(id); }
    public int getDistance(Unit other) { return game.getDistance(id, other.id); }
    public boolean isInWeaponRange(Unit target) { return game.isInWeaponRange(id, target.id); }

    /** The unit being attacked, or null. */
    public Unit getTarget() {
        int t = game.getTarget(id);
        return t < 0 ? null : new Unit(game, t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Unit u && u.id == id && u.game == game;
    }

    @Override
    public int hashCode() {
        return id;
    }

    @Override
    public String toString() {
        return getType().name() + "#" + id;
    }
}
