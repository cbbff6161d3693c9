package tsunami.bots.arena;

import tsunami.bots.scenario.Scenario;

/**
 * Starts watching each game that {@link Match} or {@link ArenaVectorEnv} plays (replay recording):
 * the arena knows games, not replay files, so whoever turns a game into a record (the replay
 * package) plugs in here and the dependency points from replays to the arena only.
 */
@FunctionalInterface
public interface GameRecorder {
    /**
     * Called before a game starts; the observer returned is attached before the arena's reset, sees
     * every command and frame, and is told {@link Arena.Observer#gameOver} when the game ends.
     */
    Arena.Observer start(Scenario scenario, long seed, String red, String blue);
}
