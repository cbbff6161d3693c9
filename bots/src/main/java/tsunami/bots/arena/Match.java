package tsunami.bots.arena;

import tsunami.bots.data.GameData;
import tsunami.bots.heuristic.GameView;
import tsunami.bots.heuristic.Heuristic;
import tsunami.bots.scenario.Scenario;

import java.util.function.Supplier;

/** Plays N games of a scenario between two heuristics; game {@code g} uses seed {@code gameSeed(seed, g)}. */
public final class Match {
    private Match() {
    }

    public static long gameSeed(long seed, int game) {
        long z = seed * 0x9E3779B97F4A7C15L + game;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        return z ^ (z >>> 33);
    }

    /**
     * @param recorder watches each game (e.g. {@code ReplayRecorder.into(sink)}), or null to record nothing
     */
    public static MatchResult play(Scenario scenario, GameData data, String redName, Supplier<Heuristic> red,
                                   String blueName, Supplier<Heuristic> blue, int games, long seed,
                                   GameRecorder recorder) {
        Arena arena = new Arena(scenario, data);
        int rw = 0, bw = 0, dr = 0;
        long frames = 0;
        for (int g = 0; g < games; g++) {
            long s = gameSeed(seed, g);
            arena.setObserver(recorder == null ? null : recorder.start(scenario, s, redName, blueName));
            arena.setController(0, red.get());
            arena.setController(1, blue.get());
            arena.reset(s);
            arena.playOut();
            switch (arena.winner()) {
                case GameView.RED -> rw++;
                case GameView.BLUE -> bw++;
                default -> dr++;
            }
            frames += arena.getFrameCount();
        }
        arena.setObserver(null);
        return new MatchResult(scenario.name(), redName, blueName, games, rw, bw, dr, games == 0 ? 0 : (double) frames / games, seed);
    }
}
