package tsunami.bots.bwapi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.bots.arena.Arena;
import tsunami.bots.arena.GameRecorder;
import tsunami.bots.arena.Match;
import tsunami.bots.data.GameData;
import tsunami.bots.heuristic.GameView;
import tsunami.bots.heuristic.Heuristic;
import tsunami.bots.scenario.Scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * An arena game served over the BWAPI 4.4 Linux protocol. Each side is either a heuristic run
 * inside the host or a BWAPI client in another process, which finds the host through BWAPI's game
 * table, maps its own {@code GameData} and keeps lockstep over its socket. Per frame the clients
 * take their turns with the heuristics in the order the arena draws for each decision (red and blue
 * in turn on other frames), each seeing the orders given before it; then the arena steps. Game
 * {@code g} uses seed {@link Match#gameSeed}(seed, g), so a hosted game and {@link Match#play}
 * agree frame for frame.
 *
 * <p>One {@link #run} is a session: the clients stay connected from game to game, as in BWAPI.
 * A client that disconnects, dies or goes over the frame timeout loses that game and ends the
 * session; the games not played are left to the caller (a match runner starts the bots again).
 */
public final class GameHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GameHost.class);

    /** Who plays a side: a BWAPI client that connects, or a heuristic run in the host. */
    public sealed interface Side permits Client, Builtin {
        String name();
    }

    public record Client(String name) implements Side {
    }

    public record Builtin(String name, Supplier<Heuristic> heuristic) implements Side {
    }

    /**
     * Tournament rules on frame times, judged per game (SSCAIT: more than 320 frames over 85 ms or
     * more than 10 over 1 s lose; one frame over 10 s is the frame timeout).
     */
    public record FrameRules(int maxFramesOver85ms, int maxFramesOver1s) {
        public static final FrameRules SSCAIT = new FrameRules(320, 10);
    }

    /**
     * @param completeMap every client sees the whole game from the first frame, as if it had enabled
     *                    BWAPI's CompleteMapInformation before the game (a client's own request takes
     *                    effect from its second frame, as in BWAPI)
     * @param rules       frame-time rules, or null for none but the frame timeout
     * @param gameTables  a folder for one private game table per client ({@link #gameTable}), each
     *                    holding only that client's row, to be bound at BWAPI's place in its container
     *                    so that a contained bot sees no other game; null: BWAPI's own shared table
     *                    ({@code /dev/shm/bwapi_shared_memory_game_list})
     * @param firstGame   index of this session's first game: game g of the session is game firstGame + g
     *                    of the match (its seed, and its sides when they alternate)
     * @param alternateSides red and blue swap in the match's odd games, so that neither always plays red
     */
    public record Settings(Scenario scenario, String scenarioText, GameData data, Side red, Side blue, int games, long seed,
                           Duration connectTimeout, Duration frameTimeout, boolean completeMap, FrameRules rules, Path gameTables,
                           int firstGame, boolean alternateSides) {
        public Settings {
            if (games < 1) throw new IllegalArgumentException("games must be at least 1, got " + games);
            if (frameTimeout.isNegative() || frameTimeout.isZero()) throw new IllegalArgumentException("frame timeout must be positive");
        }

        public Settings(Scenario scenario, String scenarioText, GameData data, Side red, Side blue, int games, long seed,
                        Duration connectTimeout, Duration frameTimeout, boolean completeMap) {
            this(scenario, scenarioText, data, red, blue, games, seed, connectTimeout, frameTimeout, completeMap, null, null, 0, false);
        }
    }

    /** A client's part in one game: its frame times and the commands the host ignored. */
    public record ClientGameStats(int side, String name, FrameTimes frameTimes, long ignoredCommands) {
    }

    /**
     * @param winner {@link GameView#RED}, {@link GameView#BLUE} or {@link Arena#DRAW}
     * @param loser  the side that lost by {@code end} when that was a client's fault, else -1
     */
    public record GameResult(int game, long seed, int winner, int frames, GameEnd end, int loser, long stateHash,
                             List<ClientGameStats> clients, String redName, String blueName) {
        /** The winner's name, or null for a draw. */
        public String winnerName() {
            return winner == GameView.RED ? redName : winner == GameView.BLUE ? blueName : null;
        }

        public String loserName() {
            return loser == GameView.RED ? redName : loser == GameView.BLUE ? blueName : null;
        }
    }

    /** What one client did over the session: its frame times, commands ignored, counts out of range, how it ended. */
    public record ClientReport(String side, String name, FrameTimes frameTimes, long ignoredCommands, long clampedCounts,
                               String disconnected) {
    }

    /** @param playNanos time from the last client's arrival to the end of the last game */
    public record Result(List<GameResult> games, List<ClientReport> clients, long playNanos) {
        public long frames() {
            return games.stream().mapToLong(GameResult::frames).sum();
        }

        public int wins(int side) {
            return (int) games.stream().filter(g -> g.winner() == side).count();
        }
    }

    private final Settings settings;
    private final Arena arena;
    private final ClientSlot[] slots = new ClientSlot[2];
    private final CountDownLatch[] connected = {new CountDownLatch(1), new CountDownLatch(1)};
    private final ScheduledExecutorService watchdog;
    private volatile long framesPlayed;

    /** Makes the shared memory and sockets of the client sides; their game-table rows appear as {@link #run} waits for each. */
    public GameHost(Settings settings) throws IOException {
        this.settings = settings;
        this.arena = new Arena(settings.scenario(), settings.data());
        Side[] sides = {settings.red(), settings.blue()};
        long pid = ProcessHandle.current().pid();
        try {
            GameTable shared = new GameTable();
            if (settings.gameTables() == null) shared.clearStaleRows();
            for (int p = 0, k = 0; p < 2; p++) {
                if (sides[p] instanceof Client c) {
                    GameTable table = shared;
                    if (settings.gameTables() != null) {
                        table = new GameTable(gameTable(settings.gameTables(), p));
                        table.clearStaleRows();   // makes the file, so that it can be bound before the client starts
                    }
                    slots[p] = new ClientSlot(table, p, c.name(), GameTable.serverId(pid, nextSlot()), k++);
                } else {
                    connected[p].countDown();
                }
            }
        } catch (IOException | RuntimeException e) {
            close0();
            throw e;
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bwapi-frame-watchdog");
            t.setDaemon(true);
            return t;
        });
        long limit = settings.frameTimeout().toNanos();
        watchdog.scheduleAtFixedRate(() -> {
            for (ClientSlot s : slots) if (s != null) s.enforceTimeout(limit);
        }, 50, 50, TimeUnit.MILLISECONDS);
    }

    /** Server ids of one process never repeat, so hosts one after another in a JVM never meet each other's leftovers. */
    private static final java.util.concurrent.atomic.AtomicInteger SLOTS = new java.util.concurrent.atomic.AtomicInteger();

    private static int nextSlot() {
        return SLOTS.getAndIncrement() % (1 << (31 - GameTable.PID_BITS));
    }

    /** The private game table of the client first seated on {@code side}, under {@link Settings#gameTables}. */
    public static Path gameTable(Path folder, int side) {
        return folder.resolve("bwapi-game-table-" + (side == 0 ? "red" : "blue"));
    }

    /** Frames played so far, over all games (for progress). */
    public long framesPlayed() {
        return framesPlayed;
    }

    /** The BWAPI server ids of the client sides, red's first. */
    public List<Integer> serverIds() {
        List<Integer> ids = new ArrayList<>();
        for (ClientSlot s : slots) if (s != null) ids.add(s.serverId);
        return ids;
    }

    /**
     * The client that was to take the seat first offered to {@code side} will not come (its process
     * died): the host stops waiting for it, and it loses by {@link GameEnd#NO_CONNECTION}.
     */
    public void giveUp(int side) {
        if (slots[side] != null) slots[side].givenUp = true;
    }

    /** Waits until the client of {@code side} has connected (true at once for a heuristic side). */
    public boolean awaitConnected(int side, Duration timeout) throws InterruptedException {
        return connected[side].await(timeout.toNanos(), TimeUnit.NANOSECONDS) && (slots[side] == null || slots[side].connected);
    }

    /**
     * Waits for every client (red's row in the table first, then blue's), then plays the games of
     * this session. {@code recorder} watches each game (replays), or is null. A client that does not
     * connect in time loses the first game by {@link GameEnd#NO_CONNECTION} and the session ends.
     */
    public Result run(GameRecorder recorder) throws IOException {
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        boolean[] absent = new boolean[2];
        for (ClientSlot s : slots) {
            if (s == null) continue;
            if (s.accept(deadline)) {
                connected[s.side].countDown();
            } else {
                absent[s.side] = true;
                LOG.warn("no BWAPI client connected as {} within {} s", s.side == 0 ? "red" : "blue", settings.connectTimeout().toSeconds());
            }
        }
        List<GameResult> results = new ArrayList<>();
        long started = System.nanoTime();
        if (absent[0] || absent[1]) {
            int winner = absent[0] && absent[1] ? Arena.DRAW : absent[0] ? GameView.BLUE : GameView.RED;
            int g = settings.firstGame();
            Side[] sides = seating(g);
            results.add(new GameResult(g, Match.gameSeed(settings.seed(), g), winner, 0, GameEnd.NO_CONNECTION,
                    absent[0] && absent[1] ? -1 : absent[0] ? 0 : 1, 0, List.of(), sides[0].name(), sides[1].name()));
        } else {
            for (int i = 0; i < settings.games(); i++) {
                int g = settings.firstGame() + i;
                long seed = Match.gameSeed(settings.seed(), g);
                Side[] sides = seating(g);
                Arena.Observer observer = recorder == null ? null
                        : recorder.start(settings.scenario(), seed, sides[0].name(), sides[1].name());
                GameResult r = play(g, seed, observer, i + 1 < settings.games());
                results.add(r);
                LOG.debug("game {}: winner {} after {} frames ({})", g + 1, r.winner(), r.frames(), r.end());
                if (sessionOver()) break;
            }
        }
        long playNanos = System.nanoTime() - started;
        for (ClientSlot s : slots) {
            if (s != null && s.connected && !s.disconnected) {
                s.writer.clearCounts();
                s.writer.outOfGame();
                s.exchange();
            }
            if (s != null) s.hangUp();   // the session is over: clients see the connection close
        }
        List<ClientReport> reports = new ArrayList<>();
        for (ClientSlot s : slots) {
            if (s != null) reports.add(new ClientReport(s.side == 0 ? "red" : "blue", s.name, s.times, s.ignoredCommands,
                    s.clampedCounts, absent[s.side] ? "did not connect" : s.disconnectReason));
        }
        return new Result(results, reports, playNanos);
    }

    /** Who plays red and blue in match game g. */
    private Side[] seating(int g) {
        boolean swap = settings.alternateSides() && g % 2 == 1;
        return swap ? new Side[]{settings.blue(), settings.red()} : new Side[]{settings.red(), settings.blue()};
    }

    private boolean sessionOver() {
        for (ClientSlot s : slots) if (s != null && s.disconnected) return true;
        return false;
    }

    private GameResult play(int game, long seed, Arena.Observer observer, boolean moreToCome) {
        Side[] sides = seating(game);
        String[] names = {sides[0].name(), sides[1].name()};
        // the seats of this game: slot k plays side k, or the other one when sides are swapped
        boolean swap = sides[0] != settings.red();
        ClientSlot[] seat = swap ? new ClientSlot[]{slots[1], slots[0]} : slots.clone();
        boolean[] isClient = {seat[0] != null, seat[1] != null};
        for (int p = 0; p < 2; p++) {
            if (seat[p] == null) continue;
            seat[p].side = p;
            seat[p].writer.setPlayer(p);
        }
        GameEnd[] lost = new GameEnd[2];   // a client's fault that ends the game, per side
        arena.setObserver(observer);
        for (int p = 0; p < 2; p++) arena.setController(p, sides[p] instanceof Builtin b ? b.heuristic().get() : null);
        arena.reset(seed);
        for (ClientSlot s : slots) {
            if (s == null) continue;
            s.leftGame = false;
            s.gameTimes = new FrameTimes();
            s.gameIgnoredCommands = 0;
            s.writer.matchStart(arena, names, isClient, settings.scenarioText(), seed, settings.completeMap());
        }
        boolean firstFrame = true;
        long frameStart = System.nanoTime();
        while (!arena.isOver()) {
            // on decision frames the arena's coin says which side decides first, clients and heuristics
            // alike, exactly as two heuristics take turns inside the arena; clients also get every other frame
            int first = arena.beginFrame();
            for (int k = 0; k < 2; k++) {
                int p = first < 0 ? k : first ^ k;
                ClientSlot s = seat[p];
                if (s == null) {
                    if (first >= 0) arena.decide(p);
                    continue;
                }
                if (!firstFrame) s.writer.clearCounts();
                s.writer.frame(arena);
                if (!s.exchange()) {
                    lost[p] = s.timedOut ? GameEnd.FRAME_TIMEOUT : GameEnd.DISCONNECTED;
                    continue;
                }
                s.applyCommands(arena, arena.commands(p), this::sendText);
                if (s.leftGame) lost[p] = GameEnd.LEFT_GAME;
                else lost[p] = brokenRule(s);
            }
            firstFrame = false;
            if (lost[0] != null || lost[1] != null) break;
            arena.finishFrame();
            framesPlayed++;
            pace(frameStart);
            frameStart = System.nanoTime();
        }
        // a game a client lost by its own fault is over for the record too, where the arena stopped
        if (observer != null && !arena.isOver()) observer.gameOver(arena);
        int winner, loser = -1;
        GameEnd end;
        if (lost[0] != null || lost[1] != null) {
            winner = lost[0] != null && lost[1] != null ? Arena.DRAW : lost[0] != null ? GameView.BLUE : GameView.RED;
            loser = winner == Arena.DRAW ? -1 : 1 - winner;
            end = lost[0] != null ? lost[0] : lost[1];
        } else {
            winner = arena.winner();
            end = arena.countAlive(0) > 0 && arena.countAlive(1) > 0 ? GameEnd.TIME_LIMIT : GameEnd.LAST_UNIT_STANDING;
        }
        boolean[] left = {lost[0] != null, lost[1] != null};
        List<ClientGameStats> stats = new ArrayList<>();
        for (ClientSlot s : seat) {
            if (s == null) continue;
            stats.add(new ClientGameStats(s.side, s.name, s.gameTimes, s.gameIgnoredCommands));
            if (s.disconnected) continue;
            s.writer.clearCounts();
            for (int p = 0; p < 2; p++) if (left[p]) s.writer.playerLeft(p);
            s.writer.frame(arena);
            s.writer.matchEnd(winner, left);
            s.exchange();
            s.writer.clearCounts();
            s.writer.outOfGame();
            if (moreToCome && !sessionOver()) s.exchange();
        }
        arena.setObserver(null);
        return new GameResult(game, seed, winner, arena.getFrameCount(), end, loser, arena.stateHash(), stats, names[0], names[1]);
    }

    private GameEnd brokenRule(ClientSlot s) {
        FrameRules r = settings.rules();
        if (r == null) return null;
        if (s.gameTimes.framesOver1s() > r.maxFramesOver1s()) return GameEnd.FRAMES_OVER_1S;
        if (s.gameTimes.framesOver85ms() > r.maxFramesOver85ms()) return GameEnd.FRAMES_OVER_85MS;
        return null;
    }

    private void sendText(int fromSide, String text) {
        LOG.info("[{}] says: {}", fromSide == 0 ? "red" : "blue", text);
        for (ClientSlot other : slots) if (other != null && other.side != fromSide) other.writer.receiveText(fromSide, text);
    }

    /** SetLocalSpeed: the slowest speed any client asked for, in ms per frame (0: as fast as possible). */
    private void pace(long frameStart) {
        int ms = 0;
        for (ClientSlot s : slots) if (s != null) ms = Math.max(ms, s.localSpeedMs);
        if (ms == 0) return;
        long until = frameStart + ms * 1_000_000L;
        long now;
        while ((now = System.nanoTime()) < until) LockSupport.parkNanos(until - now);
    }

    /** Frees every seat (sockets, shared memory, game-table rows); safe to call twice. */
    @Override
    public void close() {
        if (watchdog != null) watchdog.shutdownNow();
        close0();
    }

    private void close0() {
        for (int p = 0; p < 2; p++) {
            if (slots[p] != null) slots[p].close();
            connected[p].countDown();
        }
    }
}
