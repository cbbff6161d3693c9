package tsunami.launcher.match;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.BadInputException;
import tsunami.bots.arena.GameRecorder;
import tsunami.bots.bwapi.Bwapi;
import tsunami.bots.bwapi.FrameTimes;
import tsunami.bots.bwapi.GameEnd;
import tsunami.bots.bwapi.GameHost;
import tsunami.bots.data.GameData;
import tsunami.bots.replay.ReplayFile;
import tsunami.bots.replay.ReplayRecorder;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;
import tsunami.launcher.container.ContainerDriver;
import tsunami.launcher.container.BotProcess;
import tsunami.launcher.container.SandboxMarker;
import tsunami.launcher.container.Sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Plays a match on the arena's BWAPI game host, each bot in its own sandbox. Bots stay connected
 * from game to game, as in BWAPI; sides alternate every game. A bot that crashes, hangs or leaves
 * its connection loses that game, and both bots are started afresh for the games still to play.
 * The SSCAIT frame rules apply. Every game leaves {@code result.json}, its replay and the bots'
 * {@code write/} in {@code OUT/game-NNNN/}; bot logs are in {@code OUT/logs/}.
 */
public final class BwapiMatchRunner implements MatchRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BwapiMatchRunner.class);
    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(10);
    /** Threads count as processes for the limit: a JVM bot starts a few dozen. */
    private static final int MAX_PROCESSES = 512;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);

    private final ContainerDriver driver;
    private final MatchStatus status;

    /** A runner whose matches, games and bot processes are told to {@code status} as they happen (null: to no one). */
    public BwapiMatchRunner(ContainerDriver driver, MatchStatus status) {
        this.driver = driver;
        this.status = status;
    }

    public BwapiMatchRunner(ContainerDriver driver) {
        this(driver, null);
    }

    /** A runner on {@code driver} reporting to {@code status} (may be null), once the sandboxes of launchers killed hard are gone. */
    public static BwapiMatchRunner withLeftoversRemoved(ContainerDriver driver, MatchStatus status) {
        removeLeftovers(driver);
        return new BwapiMatchRunner(driver, status);
    }

    /** Label prefix of this launcher's sandboxes: {@code tsunami-<pid>-}; a match and bot follow. */
    private static final String LABEL_PREFIX = "tsunami-";
    private static final java.util.concurrent.atomic.AtomicInteger MATCHES = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Removes what launchers killed hard left behind: sandboxes whose label names a process that is
     * gone. Those of launchers still running, this one included, are left alone.
     */
    public static void removeLeftovers(ContainerDriver driver) {
        java.util.Set<Long> dead = new java.util.TreeSet<>();
        for (ProcessHandle h : SandboxMarker.find(l -> l.startsWith(LABEL_PREFIX))) {
            String label = SandboxMarker.labelOf(h);
            if (label == null) continue;
            String[] parts = label.split("-");
            if (parts.length < 3) continue;
            try {
                long pid = Long.parseLong(parts[1]);
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                dead.add(pid);
            } catch (NumberFormatException ignored) {
                // not one of ours
            }
        }
        for (long pid : dead) {
            LOG.warn("removing bots left by launcher process {}, which is gone", pid);
            driver.removeLeftovers(LABEL_PREFIX + pid + "-");
        }
    }

    @Override
    public MatchSummary play(BotSpec a, BotSpec b, MatchSettings settings, Path outDir) throws IOException {
        if (a.name().equals(b.name())) throw new BadInputException("both bots are named '" + a.name() + "': names must differ");
        ScenarioLoader loader = new ScenarioLoader();
        Scenario scenario = loader.load(settings.scenario());
        String scenarioText = Files.isRegularFile(Path.of(settings.scenario()))
                ? Files.readString(Path.of(settings.scenario()), StandardCharsets.UTF_8) : settings.scenario();
        Files.createDirectories(outDir.resolve("logs"));
        String matchLabel = LABEL_PREFIX + ProcessHandle.current().pid() + "-m" + MATCHES.incrementAndGet();
        // contained bots each get a private game table with only their own row; plain processes share BWAPI's
        Path tables = driver.name().equals("none") ? null : Files.createDirectories(outDir.resolve("tables"));
        // a runner nobody watches keeps its record in a status of its own, which no one reads
        MatchStatus.Match live = (status != null ? status : new MatchStatus(outDir)).begin(a.name(), b.name(), settings.games(), outDir);
        try {
            MatchSummary s = play(a, b, settings, outDir, scenario, scenarioText, matchLabel, tables, live);
            live.end("finished");
            return s;
        } catch (IOException | RuntimeException e) {
            live.end("failed: " + e.getMessage());
            throw e;
        }
    }

    private MatchSummary play(BotSpec a, BotSpec b, MatchSettings settings, Path outDir, Scenario scenario, String scenarioText,
                              String matchLabel, Path tables, MatchStatus.Match live) throws IOException {
        List<GameOutcome> outcomes = new ArrayList<>();
        int session = 0;
        while (outcomes.size() < settings.games()) {
            int first = outcomes.size();
            var hostSettings = new GameHost.Settings(scenario, scenarioText, GameData.standard(), new GameHost.Client(a.name()),
                    new GameHost.Client(b.name()), settings.games() - first, settings.seed(), settings.connectLimit(), FRAME_TIMEOUT,
                    false, GameHost.FrameRules.SSCAIT, tables, first, true);
            List<GameHost.GameResult> results = session(a, b, hostSettings, settings, outDir, session++, matchLabel, live);
            for (GameHost.GameResult r : results) {
                GameOutcome o = outcome(r);
                outcomes.add(o);
                live.gameEnded(o, r.redName(), r.blueName());
                Path gameDir = gameDir(outDir, r.game());
                JSON.writeValue(gameDir.resolve("result.json").toFile(), resultJson(settings, r, o));
                for (BotSpec bot : List.of(a, b)) keepWrite(bot, gameDir);
            }
            if (results.isEmpty()) throw new IOException("the game host ended a session without a game");
            // a bot that never connects would lose every later game the same way: it forfeits them now
            GameHost.GameResult last = results.get(results.size() - 1);
            if (last.end() == GameEnd.NO_CONNECTION) {
                for (int g = outcomes.size(); g < settings.games(); g++) {
                    GameOutcome o = new GameOutcome(g, 0, last.winnerName(), GameOutcome.Reason.NO_CONNECTION, last.loserName(), 0, List.of());
                    outcomes.add(o);
                    live.gameEnded(o, null, null);
                    JSON.writeValue(gameDir(outDir, g).resolve("result.json").toFile(), resultJson(settings, null, o));
                }
            }
        }
        return summary(scenario.name(), a.name(), b.name(), outcomes);
    }

    private static Path gameDir(Path outDir, int game) throws IOException {
        return Files.createDirectories(outDir.resolve(String.format("game-%04d", game + 1)));
    }

    /** One host session with both bots started in their sandboxes; they are stopped when it ends. */
    private List<GameHost.GameResult> session(BotSpec a, BotSpec b, GameHost.Settings hs, MatchSettings settings, Path outDir,
                                              int session, String matchLabel, MatchStatus.Match live) throws IOException {
        List<BotProcess> runs = new ArrayList<>();
        Map<BotProcess, String> endReasons = new HashMap<>();
        try (GameHost host = new GameHost(hs)) {
            List<Integer> ids = host.serverIds();
            Map<Integer, Path> replays = new LinkedHashMap<>();
            CompletableFuture<GameHost.Result> run = CompletableFuture.supplyAsync(() -> {
                try {
                    AtomicInteger started = new AtomicInteger(hs.firstGame());
                    GameRecorder replay = ReplayRecorder.into(r -> {
                        try {
                            Path f = gameDir(outDir, hs.firstGame() + replays.size()).resolve("replay.tsr");
                            ReplayFile.write(f, r);
                            replays.put(replays.size(), f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    return host.run((sc, seed, red, blue) -> {
                        live.gameStarted(started.getAndIncrement(), red, blue);
                        return replay.start(sc, seed, red, blue);
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, r -> Thread.ofPlatform().name("game-host").start(r));
            BotSpec[] bots = {a, b};
            for (int side = 0; side < 2; side++) {
                Path table = hs.gameTables() == null ? null : GameHost.gameTable(hs.gameTables(), side);
                BotProcess bot = start(bots[side], ids.get(side), table, settings, outDir, session, matchLabel);
                runs.add(bot);
                live.botStarted(bots[side].name(), session + 1, bot, driver.name());
                int seat = side;
                bot.onExit().thenRun(() -> host.giveUp(seat));   // a bot that dies before connecting is not waited for
                // a third-party bot among plain processes finds its server in BWAPI's shared game table: the next
                // one starts once this one has taken its row, so each joins the side meant for it
                if (side == 0 && table == null && thirdParty(bots[1])) host.awaitConnected(0, settings.connectLimit());
            }
            List<GameHost.GameResult> games = run.get().games();
            for (int side = 0; side < runs.size(); side++) endReasons.put(runs.get(side), endReason(bots[side].name(), games));
            return games;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("the game host failed: " + e.getCause(), e.getCause());
        } finally {
            for (BotProcess r : runs) {
                r.close();
                live.botEnded(r, endReasons.getOrDefault(r, "session_failed"));
            }
        }
    }

    /**
     * Why a bot's process of a session ended: the rule it broke in the session's last game
     * ({@code crashed}, {@code frame_over_10s}...), or the session being over
     * ({@code session_over}: its games were played, and it exited or was stopped).
     */
    static String endReason(String bot, List<GameHost.GameResult> games) {
        if (!games.isEmpty()) {
            GameHost.GameResult last = games.get(games.size() - 1);
            GameOutcome.Reason r = reason(last.end());
            if (bot.equals(last.loserName()) && r != GameOutcome.Reason.LAST_UNIT_STANDING && r != GameOutcome.Reason.TIME_LIMIT_DRAW) {
                return r.name().toLowerCase(Locale.ROOT);
            }
        }
        // at a session's end the host hangs up, and a bot may exit on its own before it is stopped: both are the session's end
        return "session_over";
    }

    private static boolean thirdParty(BotSpec bot) {
        return bot.kind() == BotSpec.Kind.JAVA_JAR || bot.kind() == BotSpec.Kind.LINUX_EXE;
    }

    private BotProcess start(BotSpec bot, int serverId, Path privateTable, MatchSettings settings, Path outDir, int session,
                             String matchLabel) throws IOException {
        Path work = bot.folder() != null ? bot.folder().toAbsolutePath().normalize()
                : Files.createDirectories(outDir.resolve("work").resolve(bot.name())).toAbsolutePath().normalize();
        Map<Path, Path> remapped = privateTable == null ? Map.of()
                : Map.of(privateTable.toAbsolutePath(), Path.of(Bwapi.SHM_DIR, Bwapi.GAME_TABLE_NAME));
        Sandbox sandbox = new Sandbox(matchLabel + "-" + bot.name(), work, BotCommandLine.readOnly(bot),
                BotCommandLine.writable(bot, serverId, privateTable == null, work), settings.memoryBytes(), MAX_PROCESSES, remapped);
        List<String> argv = BotCommandLine.argv(bot, serverId, settings.memoryBytes(), (int) settings.connectLimit().toSeconds());
        Path logs = outDir.resolve("logs");
        String stem = bot.name() + "-session-" + (session + 1);
        return BotProcess.start(driver, sandbox, argv, logs.resolve(stem + ".out"), logs.resolve(stem + ".err"), null);
    }

    /** SSCAIT gives a bot's write/ back as read/ for its next game; the game's folder keeps a copy. */
    private static void keepWrite(BotSpec bot, Path gameDir) throws IOException {
        if (bot.folder() == null) return;
        Path write = bot.writeDir(), read = bot.readDir();
        copyTree(write, gameDir.resolve(bot.name() + "-write"));
        copyTree(write, read);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) return;
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isSymbolicLink(f)) continue;   // a bot's link must not pull in files from elsewhere
                Path dst = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(dst);
                else if (Files.isRegularFile(f)) Files.copy(f, dst, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static GameOutcome.Reason reason(GameEnd end) {
        return switch (end) {
            case LAST_UNIT_STANDING -> GameOutcome.Reason.LAST_UNIT_STANDING;
            case TIME_LIMIT -> GameOutcome.Reason.TIME_LIMIT_DRAW;
            case LEFT_GAME -> GameOutcome.Reason.LEFT_GAME;
            case DISCONNECTED -> GameOutcome.Reason.CRASHED;
            case FRAME_TIMEOUT -> GameOutcome.Reason.FRAME_OVER_10S;
            case FRAMES_OVER_1S -> GameOutcome.Reason.FRAMES_OVER_1S;
            case FRAMES_OVER_85MS -> GameOutcome.Reason.FRAMES_OVER_85MS;
            case NO_CONNECTION -> GameOutcome.Reason.NO_CONNECTION;
        };
    }

    private static GameOutcome outcome(GameHost.GameResult r) {
        List<GameOutcome.BotGameStats> stats = new ArrayList<>();
        for (GameHost.ClientGameStats c : r.clients()) {
            FrameTimes t = c.frameTimes();
            stats.add(new GameOutcome.BotGameStats(c.name(), t.frames(), t.quantileNanos(0.5) / 1e3, t.quantileNanos(0.99) / 1e3,
                    t.maxNanos() / 1e6, t.framesOver85ms(), t.framesOver1s(), t.framesOver10s(), c.ignoredCommands()));
        }
        return new GameOutcome(r.game(), r.seed(), r.winnerName(), reason(r.end()), r.loserName(), r.frames(), stats);
    }

    private static Map<String, Object> resultJson(MatchSettings s, GameHost.GameResult r, GameOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("game", o.game() + 1);
        m.put("scenario", s.scenario());
        m.put("seed", o.seed());
        m.put("red", r == null ? null : r.redName());
        m.put("blue", r == null ? null : r.blueName());
        m.put("winner", o.winner());
        m.put("loser", o.loser());
        m.put("reason", o.reason().name().toLowerCase(java.util.Locale.ROOT));
        m.put("frames", o.frames());
        m.put("bots", o.bots());
        return m;
    }

    static MatchSummary summary(String scenario, String a, String b, List<GameOutcome> outcomes) {
        int aw = 0, bw = 0, d = 0;
        Map<GameOutcome.Reason, Integer> reasons = new EnumMap<>(GameOutcome.Reason.class);
        for (GameOutcome o : outcomes) {
            if (a.equals(o.winner())) aw++;
            else if (b.equals(o.winner())) bw++;
            else d++;
            reasons.merge(o.reason(), 1, Integer::sum);
        }
        return new MatchSummary(scenario, a, b, outcomes.size(), aw, bw, d, reasons, List.copyOf(outcomes));
    }
}
