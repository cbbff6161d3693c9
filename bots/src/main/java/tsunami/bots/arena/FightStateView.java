package tsunami.bots.arena;

import tsunami.bots.data.UnitType;
import tsunami.bots.heuristic.GameView;
import tsunami.bots.heuristic.Order;
import tsunami.env.FightState;

import java.util.List;

/**
 * A {@link FightState} seen as a {@link GameView}, so that {@link ObservationEncoder} makes the
 * observations of an imagined state exactly as it makes those of a real one. Unit ids are the
 * state's slots; the learning side plays as {@code learnerPlayer}. The state holds no orders, so
 * every unit reads as stopped.
 */
final class FightStateView implements GameView {
    private final UnitType[] unitTypes;
    private final int learnerUnits, learnerPlayer;
    private final int mapWidth, mapHeight;
    private FightState state;

    FightStateView(List<UnitType> scenarioTypes, int[] unitType, int learnerUnits, int learnerPlayer, int mapWidth, int mapHeight) {
        this.unitTypes = new UnitType[unitType.length];
        for (int i = 0; i < unitType.length; i++) unitTypes[i] = scenarioTypes.get(unitType[i]);
        this.learnerUnits = learnerUnits;
        this.learnerPlayer = learnerPlayer;
        this.mapWidth = mapWidth;
        this.mapHeight = mapHeight;
    }

    FightStateView of(FightState s) {
        state = s;
        return this;
    }

    @Override public int getFrameCount() { return state.frame; }
    @Override public int mapWidth() { return mapWidth; }
    @Override public int mapHeight() { return mapHeight; }
    @Override public int getUnitCount() { return unitTypes.length; }
    @Override public boolean exists(int u) { return state.alive[u]; }
    @Override public int getPlayer(int u) { return u < learnerUnits ? learnerPlayer : 1 - learnerPlayer; }
    @Override public UnitType getType(int u) { return unitTypes[u]; }
    @Override public int getX(int u) { return (int) state.x[u]; }   // truncated, as the arena's
    @Override public int getY(int u) { return (int) state.y[u]; }
    @Override public float positionX(int u) { return state.x[u]; }
    @Override public float positionY(int u) { return state.y[u]; }
    @Override public int getHitPoints(int u) { return (int) Math.ceil(state.hitPoints[u]); }   // rounded up, as the arena's
    @Override public int getShields(int u) { return (int) Math.ceil(state.shields[u]); }
    @Override public int getEnergy(int u) { return 0; }
    @Override public int getCooldown(int u) { return Math.max(0, Math.round(state.cooldown[u])); }
    @Override public Order getOrder(int u) { return Order.STOP; }
    @Override public int getTarget(int u) { return state.target[u]; }
    @Override public boolean isFlying(int u) { return unitTypes[u].flyer(); }

    @Override
    public float hitPointRatio(int u) {
        return state.hitPoints[u] / unitTypes[u].hitPoints();
    }

    @Override
    public float shieldRatio(int u) {
        int max = unitTypes[u].shields();
        return max == 0 ? 0f : state.shields[u] / max;
    }

    @Override
    public int countAlive(int player) {
        return state.aliveCount(player == learnerPlayer ? 0 : 1);
    }
}
