package tsunami.bots.arena;

import tsunami.bots.data.GameData;
import tsunami.bots.heuristic.GameView;
import tsunami.bots.heuristic.Heuristic;
import tsunami.bots.scenario.Scenario;

import java.util.function.BooleanSupplier;
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

    /** Told after every game: the games played so far and their outcomes. */
    @FunctionalInterface
    public interface Progress {
        void played(int games, int redWins, int blueWins, int draws);
    }

    /**
     * @param recorder watches each game (e.g. {@code ReplayRecorder.into(sink)}), or null to record nothing
     */
    public static MatchResult play(Scenario scenario, GameData data, String redName, Supplier<Heuristic> red,
                                   String blueName, Supplier<Heuristic> blue, int games, long seed,
                                   GameRecorder recorder) {
        return play(scenario, data, redName, red, blueName, blue, games, seed, recorder, null, null);
    }

    /**
     * As {@link #play(Scenario, GameData, String, Supplier, String, Supplier, int, long, GameRecorder)}, telling
     * {@code progress} (or nobody, when null) after each game, and stopping early, between games, once {@code stop}
     * (when not null) says so: the result then counts the games played.
     */
    public static MatchResult play(Scenario scenario, GameData data, String redName, Supplier<Heuristic> red,
                                   String blueName, Supplier<Heuristic> blue, int games, long seed,
                                   GameRecorder recorder, Progress progress, BooleanSupplier stop) {
        Arena arena = new Arena(scenario, data);
        int rw = 0, bw = 0, dr = 0;
        long frames = 0;
        int played = 0;
        for (int g = 0; g < games; g++) {
            if (stop != null && stop.getAsBoolean()) break;
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
            played++;
            if (progress != null) progress.played(played, rw, bw, dr);
        }
        arena.setObserver(null);
        return new MatchResult(scenario.name(), redName, blueName, played, rw, bw, dr, played == 0 ? 0 : (double) frames / played, seed);
    }
}
