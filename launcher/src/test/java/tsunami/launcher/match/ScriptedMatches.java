package tsunami.launcher.match;

import tsunami.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test doubles for tournament tests, which test scheduling, records and rating maths, not games:
 * a bot parser for {@code heuristic:NAME} only, and a match runner whose results are scripted
 * from each bot's strength (the end-to-end test with the real runner comes with 'monkey match').
 */
final class ScriptedMatches {
    private ScriptedMatches() {
    }

    /** {@code heuristic:NAME} with NAME one of {@code known}; anything else is an unknown bot. */
    static BotSpec parse(String arg, Set<String> known) {
        if (!arg.startsWith("heuristic:") || !known.contains(arg.substring("heuristic:".length()))) {
            throw new BadInputException("unknown bot " + arg + " (this test knows heuristic:" + String.join(", heuristic:", known) + ")");
        }
        return new BotSpec(arg, BotSpec.Kind.HEURISTIC, null, null, arg.substring("heuristic:".length()));
    }

    static BotSpec heuristic(String name) {
        return new BotSpec("heuristic:" + name, BotSpec.Kind.HEURISTIC, null, null, name);
    }

    /** A bot that lives in a folder, as a Java bot would. */
    static BotSpec folderBot(String name, Path folder) {
        return new BotSpec(name, BotSpec.Kind.JAVA_JAR, "Terran", folder, "bot.jar");
    }

    /** One play call as the runner saw it. */
    record Call(String a, String b, int games, long seed, Path dir) {
    }

    /**
     * Plays no game: the bot with the higher strength (the number of letters in its name) wins,
     * except every second game of a match where it plays first (so 3 of 4 in a 2+2 pair); equal
     * strengths draw. Writes a game file per game, as a real runner
     * writes result.json. Subclasses hook {@link #before} to block or fail.
     */
    static class Runner implements MatchRunner {
        final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

        void before(int callNumber, Call call) throws IOException {
        }

        @Override
        public MatchSummary play(BotSpec a, BotSpec b, MatchSettings settings, Path outDir) throws IOException {
            Call call = new Call(a.name(), b.name(), settings.games(), settings.seed(), outDir);
            int n;
            synchronized (calls) {
                calls.add(call);
                n = calls.size();
            }
            before(n, call);
            int sa = a.name().length(), sb = b.name().length();
            int aWins = 0, bWins = 0, draws = 0;
            List<GameOutcome> outcomes = new ArrayList<>();
            for (int g = 0; g < settings.games(); g++) {
                String winner = sa == sb ? null : (sa > sb) == (g % 2 == 0 || sa < sb) ? a.name() : b.name();
                if (winner == null) draws++;
                else if (winner.equals(a.name())) aWins++;
                else bWins++;
                String loser = winner == null ? null : winner.equals(a.name()) ? b.name() : a.name();
                outcomes.add(new GameOutcome(g, settings.seed() + g, winner, winner == null ? GameOutcome.Reason.TIME_LIMIT_DRAW
                        : GameOutcome.Reason.LAST_UNIT_STANDING, loser, 1000 + g, List.of()));
                Files.writeString(outDir.resolve("game-" + g + ".json"), "{}");
            }
            Map<GameOutcome.Reason, Integer> reasons = new EnumMap<>(GameOutcome.Reason.class);
            for (GameOutcome o : outcomes) reasons.merge(o.reason(), 1, Integer::sum);
            return new MatchSummary(settings.scenario(), a.name(), b.name(), settings.games(), aWins, bWins, draws, reasons, outcomes);
        }
    }
}
