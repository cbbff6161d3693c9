package tsunami.launcher.match;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tsunami.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scheduling, sides, parallelism and resume of a round robin, on a scripted match runner
 * ({@link ScriptedMatches}): these test the tournament's bookkeeping, not games.
 */
class TournamentTest {
    @TempDir
    Path tmp;

    static final class Warnings implements Tournament.Listener {
        final List<String> warnings = new ArrayList<>();
        final AtomicInteger finished = new AtomicInteger();

        @Override
        public void begin(int matches, int games, int matchesDone, int gamesDone) {
        }

        @Override
        public void finished(Tournament.Played played) {
            finished.incrementAndGet();
        }

        @Override
        public synchronized void warn(String message) {
            warnings.add(message);
        }
    }

    private static List<BotSpec> heuristics(String... names) {
        return java.util.Arrays.stream(names).map(ScriptedMatches::heuristic).toList();
    }

    private static Tournament.Settings settings(List<BotSpec> bots, String scenario, int games, long seed) {
        return new Tournament.Settings(bots.stream().map(BotSpec::name).toList(), bots.stream().map(BotSpec::name).toList(), scenario, games, seed);
    }

    private Tournament.Outcome play(List<BotSpec> bots, Tournament.Settings s, MatchRunner runner, int parallel, boolean resume, Tournament.Listener l) {
        Tournament.prepare(tmp.resolve("out"), s, resume);
        return new Tournament(bots, s, "none", tmp.resolve("out"), runner, parallel, l).run();
    }

    @Test
    void everyPairPlaysItsGamesWithSidesSplitAndOneSeedPerPair() {
        List<BotSpec> bots = heuristics("a", "bb", "ccc", "dddd");
        ScriptedMatches.Runner runner = new ScriptedMatches.Runner();
        Tournament.Outcome o = play(bots, settings(bots, "m5v5", 5, 7), runner, 1, false, new Warnings());
        assertTrue(o.complete());
        Map<Set<String>, int[]> firstSide = new HashMap<>();   // pair -> games with its alphabetically first bot first, total
        Map<Set<String>, Set<Long>> seeds = new HashMap<>();
        List<Integer> oddGameToFirstNamed = new ArrayList<>();
        for (ScriptedMatches.Call c : runner.calls) {
            Set<String> pair = Set.of(c.a(), c.b());
            int[] counts = firstSide.computeIfAbsent(pair, k -> new int[2]);
            if (c.a().compareTo(c.b()) < 0) {
                counts[0] += c.games();
                oddGameToFirstNamed.add(c.games() == 3 ? 1 : 0);
            }
            counts[1] += c.games();
            seeds.computeIfAbsent(pair, k -> new HashSet<>()).add(c.seed());
            assertEquals(tmp.resolve("out"), c.dir().getParent().getParent());
        }
        assertEquals(6, firstSide.size(), "every pair of 4 bots");
        for (var e : firstSide.entrySet()) {
            assertEquals(5, e.getValue()[1], e.getKey() + " plays 5 games");
            assertTrue(e.getValue()[0] == 2 || e.getValue()[0] == 3, e.getKey() + " splits sides 3/2");
            assertEquals(1, seeds.get(e.getKey()).size(), "both halves of " + e.getKey() + " share a seed");
        }
        assertEquals(List.of(1, 0, 1, 0, 1, 0), oddGameToFirstNamed, "the odd game alternates sides from pair to pair");
        assertEquals(6, seeds.values().stream().flatMap(Set::stream).distinct().count(), "pairs get different seeds");
        assertEquals(12, o.played().size());
        assertTrue(Files.isRegularFile(tmp.resolve("out/heuristic_a-vs-heuristic_bb/heuristic_a-first/summary.json")));
        assertTrue(Files.isRegularFile(tmp.resolve("out/heuristic_a-vs-heuristic_bb/heuristic_bb-first/summary.json")));
    }

    @Test
    void upToKMatchesRunAtOnceAndNoMore() {
        List<BotSpec> bots = heuristics("a", "b", "c", "d", "e");   // 10 pairs, 20 matches
        int k = 3;
        AtomicInteger running = new AtomicInteger(), most = new AtomicInteger();
        CountDownLatch firstWave = new CountDownLatch(k);
        AtomicBoolean waveIncomplete = new AtomicBoolean();
        ScriptedMatches.Runner runner = new ScriptedMatches.Runner() {
            @Override
            public MatchSummary play(BotSpec a, BotSpec b, MatchSettings settings, Path outDir) throws IOException {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    return super.play(a, b, settings, outDir);
                } finally {
                    running.decrementAndGet();
                }
            }

            @Override
            void before(int callNumber, ScriptedMatches.Call call) {
                if (callNumber > k) return;
                // the first K matches wait for each other: they can only all arrive if K run at once
                firstWave.countDown();
                try {
                    if (!firstWave.await(60, TimeUnit.SECONDS)) waveIncomplete.set(true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Tournament.Outcome o = play(bots, settings(bots, "m5v5", 2, 1), runner, k, false, new Warnings());
        assertTrue(o.complete());
        assertFalse(waveIncomplete.get(), "the first " + k + " matches ran together");
        assertEquals(k, most.get(), "never more than --parallel matches at once");
        assertEquals(20, runner.calls.size());
    }

    @Test
    void aBotFolderIsNeverInTwoMatchesAtOnce() {
        List<BotSpec> bots = List.of(ScriptedMatches.folderBot("F1", tmp.resolve("f1")), ScriptedMatches.folderBot("F2", tmp.resolve("f2")),
                ScriptedMatches.heuristic("h1"), ScriptedMatches.heuristic("h2"));
        Set<String> busy = new HashSet<>();
        AtomicBoolean overlap = new AtomicBoolean();
        // F1-F2, F1-h1, ... in order: with the rule, F1-F2 and both halves of h1-h2 start first, three matches
        CountDownLatch firstWave = new CountDownLatch(3);
        ScriptedMatches.Runner runner = new ScriptedMatches.Runner() {
            @Override
            public MatchSummary play(BotSpec a, BotSpec b, MatchSettings settings, Path outDir) throws IOException {
                List<String> folders = java.util.stream.Stream.of(a, b).filter(x -> x.folder() != null).map(BotSpec::name).toList();
                synchronized (busy) {
                    for (String f : folders) if (!busy.add(f)) overlap.set(true);
                }
                try {
                    return super.play(a, b, settings, outDir);
                } finally {
                    synchronized (busy) {
                        folders.forEach(busy::remove);
                    }
                }
            }

            @Override
            void before(int callNumber, ScriptedMatches.Call call) {
                if (callNumber > 3) return;
                // hold the first wave together: without the rule, more matches (sharing F1 or F2) would start meanwhile
                firstWave.countDown();
                try {
                    firstWave.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Tournament.Outcome o = play(bots, settings(bots, "m5v5", 2, 1), runner, 6, false, new Warnings());
        assertTrue(o.complete());
        assertFalse(overlap.get(), "a bot folder played two matches at once");
        assertEquals(0, firstWave.getCount(), "the three matches that share no folder ran together");
    }

    @Test
    void resumeAfterAnInterruptionPlaysOnlyWhatWasNotFinished() throws IOException {
        List<BotSpec> bots = heuristics("a", "bb", "ccc");   // 3 pairs, 6 matches
        Tournament.Settings s = settings(bots, "m5v5", 4, 3);
        List<Tournament.Match> plan = Tournament.plan(bots, 4, 3, tmp.resolve("out"));
        ScriptedMatches.Runner crashing = new ScriptedMatches.Runner() {
            @Override
            void before(int callNumber, ScriptedMatches.Call call) throws IOException {
                if (callNumber == 3) {
                    // killed half-way through its games: one game written, no summary
                    Files.writeString(call.dir().resolve("game-0.json"), "{\"half\": true}");
                    throw new IOException("game host died");
                }
            }
        };
        Tournament.Outcome first = play(bots, s, crashing, 1, false, new Warnings());
        assertNotNull(first.failure());
        assertTrue(first.failure().getMessage().contains("game host died"), first.failure().getMessage());
        assertEquals(3, crashing.calls.size(), "nothing started after the failure");
        assertEquals(2, first.played().size(), "the first pair's two halves are recorded");
        assertFalse(Files.exists(plan.get(2).dir().resolve(Tournament.SUMMARY_FILE)));

        List<Path> dirsAtCall = new ArrayList<>();
        ScriptedMatches.Runner resumed = new ScriptedMatches.Runner() {
            @Override
            void before(int callNumber, ScriptedMatches.Call call) throws IOException {
                try (var files = Files.list(call.dir())) {
                    assertEquals(0, files.count(), "a match is replayed from a clean folder");
                }
                dirsAtCall.add(call.dir());
            }
        };
        Tournament.Outcome second = play(bots, s, resumed, 1, true, new Warnings());
        assertNull(second.failure());
        assertTrue(second.complete());
        assertEquals(4, resumed.calls.size(), "the four unfinished matches, and only those");
        assertEquals(plan.subList(2, 6).stream().map(Tournament.Match::dir).toList(), dirsAtCall);
        assertEquals(6, second.played().size());

        ScriptedMatches.Runner again = new ScriptedMatches.Runner();
        assertTrue(play(bots, s, again, 1, true, new Warnings()).complete());
        assertEquals(0, again.calls.size(), "a finished tournament replays nothing");
    }

    @Test
    void aDamagedRecordIsPlayedAgainWithAWarning() throws IOException {
        List<BotSpec> bots = heuristics("a", "bb");
        Tournament.Settings s = settings(bots, "m5v5", 2, 3);
        play(bots, s, new ScriptedMatches.Runner(), 1, false, new Warnings());
        Path summary = Tournament.plan(bots, 2, 3, tmp.resolve("out")).get(1).dir().resolve(Tournament.SUMMARY_FILE);
        Files.writeString(summary, Files.readString(summary).replace("\"aWins\" : 1", "\"aWins\" : 0"));
        Warnings w = new Warnings();
        ScriptedMatches.Runner runner = new ScriptedMatches.Runner();
        assertTrue(play(bots, s, runner, 1, true, w).complete());
        assertEquals(1, runner.calls.size());
        assertEquals(summary.getParent(), runner.calls.get(0).dir());
        assertTrue(w.warnings.get(0).contains("checksum"), w.warnings.toString());
    }

    @Test
    void resumeRefusesAnotherTournamentNamingEachDifference() {
        List<BotSpec> bots = heuristics("a", "bb", "ccc");
        Tournament.prepare(tmp.resolve("out"), settings(bots, "m5v5", 4, 3), false);
        BadInputException e = assertThrows(BadInputException.class,
                () -> Tournament.prepare(tmp.resolve("out"), settings(bots.subList(0, 2), "m10v10", 6, 3), true));
        assertTrue(e.getMessage().contains("bots [heuristic:a, heuristic:bb, heuristic:ccc] there, [heuristic:a, heuristic:bb] here"), e.getMessage());
        assertTrue(e.getMessage().contains("scenario m5v5 there, m10v10 here"), e.getMessage());
        assertTrue(e.getMessage().contains("games per pair 4 there, 6 here"), e.getMessage());
        assertFalse(e.getMessage().contains("seed"), e.getMessage());
        assertThrows(BadInputException.class, () -> Tournament.prepare(tmp.resolve("out"), settings(bots, "m5v5", 4, 3), false),
                "a fresh start must not overwrite a tournament");
        assertThrows(BadInputException.class, () -> Tournament.prepare(tmp.resolve("elsewhere"), settings(bots, "m5v5", 4, 3), true),
                "nothing to resume");
    }
}
