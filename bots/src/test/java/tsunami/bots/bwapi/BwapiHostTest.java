package tsunami.bots.bwapi;

import org.junit.jupiter.api.Test;
import tsunami.BadInputException;
import tsunami.bots.arena.Match;
import tsunami.bots.data.GameData;
import tsunami.bots.heuristic.GameView;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.replay.Replay;
import tsunami.bots.replay.ReplayFile;
import tsunami.bots.replay.ReplayRecorder;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The arena served over BWAPI to clients in other OS processes and threads: real shared memory, real sockets. */
class BwapiHostTest {
    private static final GameData DATA = GameData.standard();
    private static final HeuristicRegistry HEURISTICS = HeuristicRegistry.load(List.of());

    private static GameHost.Settings settings(String scenario, GameHost.Side red, GameHost.Side blue, int games, boolean completeMap) {
        Scenario s = new ScenarioLoader(DATA).builtIn(scenario);
        return new GameHost.Settings(s, scenario, DATA, red, blue, games, 11, Duration.ofSeconds(60), Duration.ofSeconds(20), completeMap);
    }

    private static GameHost.Builtin builtin(String name) {
        return new GameHost.Builtin(name, () -> HEURISTICS.create(name));
    }

    /** Starts a client JVM running {@link TestBotProcess} against one server id. */
    private static Process botProcess(int serverId, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TestBotProcess.class.getName());
        cmd.add(Integer.toUnsignedString(serverId));
        cmd.addAll(Arrays.asList(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static long replayHash(Replay r) {
        return Arrays.hashCode(ReplayFile.encode(r)) & 0xffffffffL;
    }

    @Test
    void aHeuristicAsABotProcessPlaysTheSameGamesAsInProcess() throws Exception {
        // hold-focus reads which enemies target its units, so the order of decisions matters too
        assertSameGames("hold-focus", "attack-move", 0);
        assertSameGames("focus-fire", "hold-focus", 1);
    }

    /** {@code red} vs {@code blue} in the arena, then again with side {@code clientSide} played by a bot process over BWAPI. */
    private static void assertSameGames(String red, String blue, int clientSide) throws Exception {
        int games = 3;
        List<Long> inProcess = new ArrayList<>();
        Scenario s = new ScenarioLoader(DATA).builtIn("m5v5");
        Match.play(s, DATA, red, () -> HEURISTICS.create(red), blue, () -> HEURISTICS.create(blue), games, 11,
                ReplayRecorder.into(r -> inProcess.add(replayHash(r))));

        List<Long> hosted = new ArrayList<>();
        GameHost.Result result;
        Process bot;
        GameHost.Side redSide = clientSide == 0 ? new GameHost.Client(red) : builtin(red);
        GameHost.Side blueSide = clientSide == 1 ? new GameHost.Client(blue) : builtin(blue);
        try (GameHost host = new GameHost(settings("m5v5", redSide, blueSide, games, true))) {
            bot = botProcess(host.serverIds().get(0), "heuristic", clientSide == 0 ? red : blue);
            result = host.run(ReplayRecorder.into(r -> hosted.add(replayHash(r))));
        }
        assertTrue(bot.waitFor(30, TimeUnit.SECONDS), "the bot process ends when the host closes");
        assertEquals(0, bot.exitValue());
        assertEquals(games, hosted.size(), "one replay per game");
        assertEquals(inProcess, hosted, "same replays, game for game: " + red + " vs " + blue);
        assertEquals(0, result.clients().get(0).ignoredCommands(), "a heuristic's orders are all valid");
        assertTrue(result.clients().get(0).frameTimes().frames() > 100);
    }

    @Test
    void twoClientsEachSeeTheirOwnPlayerAndOnlyWhatTheirUnitsSee() throws Exception {
        try (GameHost host = new GameHost(settings("m5v5", new GameHost.Client("a"), new GameHost.Client("b"), 1, false))) {
            List<Integer> ids = host.serverIds();
            List<CompletableFuture<int[]>> seen = new ArrayList<>();
            for (int id : ids) {
                // a thread each: the common pool may have a single worker on a small machine
                seen.add(CompletableFuture.supplyAsync(() -> {
                    try (BwapiClient c = BwapiClient.connect(id)) {
                        int[] out = new int[4];   // self, enemies visible at frame 0, most enemies visible later, games
                        out[3] = c.play(new BwapiBot() {
                            @Override
                            public void onFrame(BwapiGame g) {
                                int visible = 0;
                                for (int u = 0; u < g.unitIdBound(); u++) if (g.exists(u) && g.unitPlayer(u) == g.enemy()) visible++;
                                if (g.frameCount() == 0) {
                                    out[0] = g.self();
                                    out[1] = visible;
                                }
                                out[2] = Math.max(out[2], visible);
                                for (int u = 0; u < g.unitIdBound(); u++) {
                                    if (g.exists(u) && g.unitPlayer(u) == g.self()) g.attackMove(u, g.mapWidth() * 16, g.mapHeight() * 16);
                                }
                            }
                        });
                        return out;
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }, r -> Thread.ofPlatform().start(r)));
            }
            GameHost.Result r = host.run(null);
            int[] red = seen.get(0).get(30, TimeUnit.SECONDS), blue = seen.get(1).get(30, TimeUnit.SECONDS);
            assertEquals(0, red[0]);
            assertEquals(1, blue[0]);
            assertEquals(0, red[1], "m5v5 starts out of sight: no enemy visible on frame 0");
            assertEquals(0, blue[1]);
            assertTrue(red[2] > 0 && blue[2] > 0, "enemies come into sight as the armies close in");
            assertEquals(1, red[3]);
            assertEquals(1, r.games().size());
        }
    }

    @Test
    void aClientKilledMidGameLosesAndItsSeatIsFreed() throws Exception {
        int serverId;
        GameHost.Result result;
        try (GameHost host = new GameHost(settings("m5v5", new GameHost.Client("victim"), builtin("attack-move"), 2, true))) {
            serverId = host.serverIds().get(0);
            Process bot = botProcess(serverId, "heuristic", "attack-closest");
            CompletableFuture<GameHost.Result> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return host.run(null);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, r -> Thread.ofPlatform().start(r));
            // let it play a while, then kill it hard: no goodbye on the socket
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (host.framesPlayed() < 50 && System.nanoTime() < deadline) Thread.onSpinWait();
            assertTrue(host.framesPlayed() >= 50, "the bot played");
            bot.destroyForcibly();
            result = run.get(30, TimeUnit.SECONDS);
        }
        assertEquals(1, result.games().size(), "the session ends with the game the client died in");
        GameHost.GameResult g = result.games().get(0);
        assertEquals(GameView.BLUE, g.winner(), "the killed client loses");
        assertEquals(GameEnd.DISCONNECTED, g.end());
        assertEquals(0, g.loser());
        assertNotNull(result.clients().get(0).disconnected());
        assertFalse(Files.exists(SharedMemory.path(Bwapi.gameDataName(serverId))), "shared memory removed");
        assertFalse(Files.exists(Path.of(Bwapi.socketPath(serverId))), "socket removed");
        for (GameTable.Row row : new GameTable().rows()) assertNotEquals(serverId, row.serverId(), "game table row cleared");
    }

    @Test
    void garbageAndFloodsFromAClientAreCountedAndNeverCrashTheHost() throws Exception {
        GameHost.Result result;
        Process bot;
        try (GameHost host = new GameHost(settings("m5v5", new GameHost.Client("hostile"), builtin("attack-move"), 2, false))) {
            bot = botProcess(host.serverIds().get(0), "hostile");
            result = host.run(null);
        }
        assertTrue(bot.waitFor(30, TimeUnit.SECONDS), "the client ends when the host closes");
        assertEquals(2, result.games().size(), "both games played to the end");
        GameHost.ClientReport c = result.clients().get(0);
        assertTrue(c.ignoredCommands() > 1_000, "invalid orders ignored and counted: " + c.ignoredCommands());
        assertTrue(c.clampedCounts() > 10, "counts out of range clamped and counted: " + c.clampedCounts());
        assertNull(c.disconnected(), "the client stayed in lockstep throughout");
    }

    @Test
    void staleRowsOfACrashedHostAreClearedAtStart() throws Exception {
        // a process that has exited: its pid is a dead owner
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        int staleId = GameTable.serverId(gone.pid(), 0);
        GameTable table = new GameTable();
        ByteBuffer shm = SharedMemory.create(Bwapi.gameDataName(staleId), 64);
        shm.putInt(0, Bwapi.CLIENT_VERSION);
        Files.writeString(Path.of(Bwapi.socketPath(staleId)), "");
        int row = table.claim(staleId);
        try (GameHost host = new GameHost(settings("3m", new GameHost.Client("c"), builtin("attack-move"), 1, false))) {
            assertFalse(host.serverIds().contains(staleId));
            for (GameTable.Row r : table.rows()) assertNotEquals(staleId, r.serverId(), "stale row cleared");
            assertFalse(Files.exists(SharedMemory.path(Bwapi.gameDataName(staleId))));
            assertFalse(Files.exists(Path.of(Bwapi.socketPath(staleId))));
        } finally {
            table.release(row, staleId);
        }
    }

    @Test
    void aClientThatNeverConnectsLosesByNoConnection() throws Exception {
        GameHost.Settings s = settings("3m", new GameHost.Client("absent"), builtin("attack-move"), 3, false);
        s = new GameHost.Settings(s.scenario(), s.scenarioText(), DATA, s.red(), s.blue(), 3, 1, Duration.ofMillis(300),
                Duration.ofSeconds(5), false, GameHost.FrameRules.SSCAIT, null, 0, false);
        GameHost.Result r;
        try (GameHost host = new GameHost(s)) {
            r = host.run(null);
        }
        assertEquals(1, r.games().size());
        assertEquals(GameEnd.NO_CONNECTION, r.games().get(0).end());
        assertEquals(GameView.BLUE, r.games().get(0).winner());
        assertEquals("did not connect", r.clients().get(0).disconnected());
    }

    @Test
    void aClientOverTheFrameRulesLosesWithTheRuleNamed() throws Exception {
        GameHost.Settings s = settings("m5v5", new GameHost.Client("slow"), builtin("attack-move"), 2, false);
        // a rule of at most 2 frames over 85 ms: the client sleeps 100 ms on every frame from frame 5
        s = new GameHost.Settings(s.scenario(), s.scenarioText(), DATA, s.red(), s.blue(), 2, 1, Duration.ofSeconds(30),
                Duration.ofSeconds(5), false, new GameHost.FrameRules(2, 10), null, 0, false);
        GameHost.Result r;
        try (GameHost host = new GameHost(s)) {
            int id = host.serverIds().get(0);
            Thread client = Thread.ofPlatform().start(() -> {
                try (BwapiClient c = BwapiClient.connect(id)) {
                    c.play(g -> {
                        if (g.frameCount() >= 5) {
                            try {
                                Thread.sleep(100);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    });
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            r = host.run(null);
            client.join(30_000);
        }
        assertEquals(2, r.games().size(), "a slow client stays connected for the next game");
        for (GameHost.GameResult g : r.games()) {
            assertEquals(GameEnd.FRAMES_OVER_85MS, g.end());
            assertEquals(0, g.loser());
            assertEquals(7, g.frames(), "the third slow frame (frame 7) breaks the rule before it is played");
        }
    }

    @Test
    void aClientRefusesAServerOfAnotherBwapiVersion() throws Exception {
        int fakeId = GameTable.serverId(ProcessHandle.current().pid(), 511);
        ByteBuffer shm = SharedMemory.create(Bwapi.gameDataName(fakeId), BwapiLayout.GAME_DATA_SIZE);
        try {
            shm.putInt(BwapiLayout.CLIENT_VERSION, 10002);
            BadInputException e = assertThrows(BadInputException.class, () -> BwapiClient.connect(fakeId));
            assertTrue(e.getMessage().contains("client_version 10002") && e.getMessage().contains("10003"), e.getMessage());
        } finally {
            SharedMemory.unlink(Bwapi.gameDataName(fakeId));
        }
    }
}
