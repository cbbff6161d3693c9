package tsunami.bots.bwapi;

import tsunami.bots.data.GameData;
import tsunami.bots.heuristic.Heuristic;
import tsunami.bots.scenario.ScenarioLoader;

/**
 * A heuristic playing as a BWAPI bot. It asks for complete map information on its first frame
 * (heuristics are written for the arena, where they see every unit) and decides every
 * {@code interval} frames, as it would inside the arena: the scenario's own interval when
 * the map is a built-in scenario, else the given default.
 */
public final class HeuristicBot implements BwapiBot {
    private final Heuristic heuristic;
    private final GameData data;
    private final int defaultInterval;
    private final boolean forceInterval;
    private BwapiGameView view;
    private int interval;

    /** @param forceInterval decide every {@code interval} frames even on a built-in scenario's map */
    public HeuristicBot(Heuristic heuristic, GameData data, int interval, boolean forceInterval) {
        if (interval < 1) throw new IllegalArgumentException("decision interval must be at least 1");
        this.heuristic = heuristic;
        this.data = data;
        this.defaultInterval = interval;
        this.forceInterval = forceInterval;
    }

    @Override
    public void onStart(BwapiGame game) {
        game.enableFlag(Bwapi.FLAG_COMPLETE_MAP_INFORMATION);
        String map = game.mapName();
        interval = !forceInterval && ScenarioLoader.BUILT_IN.contains(map) ? new ScenarioLoader(data).builtIn(map).decisionInterval() : defaultInterval;
        view = new BwapiGameView(game, data);
        heuristic.onStart(view, game.self());
    }

    @Override
    public void onFrame(BwapiGame game) {
        if (game.frameCount() % interval == 0) heuristic.onFrame(view, game.self(), view);
    }

}
