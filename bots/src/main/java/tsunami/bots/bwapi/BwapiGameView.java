package tsunami.bots.bwapi;

import tsunami.bots.data.GameData;
import tsunami.bots.data.UnitType;
import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;
import tsunami.bots.heuristic.Order;

/**
 * A BWAPI game seen through the heuristic contract ({@link GameView}, {@link Commands}), so that
 * any heuristic, built-in or plug-in, plays as a BWAPI bot. Units of types the arena's data does
 * not know (minerals, buildings, workers in a real game) read as absent. Positions and sizes are
 * those BWAPI gives; the map is its tile size times 32 px.
 */
final class BwapiGameView implements GameView, Commands {
    private final BwapiGame game;
    private final GameData data;
    private final UnitType[] typeById = new UnitType[Bwapi.UNIT_TYPE_UNKNOWN + 1];

    BwapiGameView(BwapiGame game, GameData data) {
        this.game = game;
        this.data = data;
        for (UnitType t : data.unitTypes()) typeById[Bwapi.unitTypeId(t.name())] = t;
        typeById[Bwapi.UNIT_TYPE_UNKNOWN] = null;
    }

    private UnitType typeOrNull(int u) {
        int id = game.unitType(u);
        return id >= 0 && id < typeById.length ? typeById[id] : null;
    }

    @Override public int getFrameCount() { return game.frameCount(); }
    @Override public int mapWidth() { return game.mapWidth() * 32; }
    @Override public int mapHeight() { return game.mapHeight() * 32; }
    @Override public int getUnitCount() { return game.unitIdBound(); }
    @Override public boolean exists(int u) { return game.exists(u) && typeOrNull(u) != null; }
    @Override public int getPlayer(int u) { return game.unitPlayer(u); }
    @Override public UnitType getType(int u) { return typeOrNull(u); }
    @Override public int getX(int u) { return game.x(u); }
    @Override public int getY(int u) { return game.y(u); }
    @Override public int getHitPoints(int u) { return game.hitPoints(u); }
    @Override public int getShields(int u) { return game.shields(u); }
    @Override public int getEnergy(int u) { return game.energy(u); }
    @Override public int getCooldown(int u) { return Math.max(game.groundWeaponCooldown(u), game.airWeaponCooldown(u)); }
    @Override public Order getOrder(int u) { return Bwapi.order(game.order(u)); }
    @Override public int getTarget(int u) { return game.target(u); }
    @Override public boolean isFlying(int u) { UnitType t = typeOrNull(u); return t != null && t.flyer(); }

    @Override
    public int countAlive(int p) {
        int n = 0;
        for (int u = 0, end = getUnitCount(); u < end; u++) if (exists(u) && getPlayer(u) == p) n++;
        return n;
    }

    @Override public void move(int unit, int x, int y) { game.move(unit, x, y); }
    @Override public void attack(int unit, int target) { game.attack(unit, target); }
    @Override public void attackMove(int unit, int x, int y) { game.attackMove(unit, x, y); }
    @Override public void stop(int unit) { game.stop(unit); }
    @Override public void holdPosition(int unit) { game.holdPosition(unit); }
}
