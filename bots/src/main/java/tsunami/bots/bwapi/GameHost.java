package tsunami.bots.bwapi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.bots.arena.Arena;
import tsunami.bots.arena.Match;
import tsunami.bots.data.GameData;
import tsunami.bots.heuristic.GameView;
import tsunami.bots.heuristic.Heuristic;
import tsunami.bots.arena.GameRecorder;
import tsunami.bots.scenario.Scenario;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * in turn on other frames), each seeing the orders given before it; then the arena steps. Game {@code g} uses seed
 * {@link Match#gameSeed}(seed, g), so a hosted game and {@link Match#play} agree frame for frame.
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
     * @param completeMap every client sees the whole game from the first frame, as if it had enabled
     *                    BWAPI's CompleteMapInformation before the game (a client's own request takes
     *                    effect from its second frame, as in BWAPI)
     */
    public record Settings(Scenario scenario, String scenarioText, GameData data, Side red, Side blue, int games, long seed,
                           Duration connectTimeout, Duration frameTimeout, boolean completeMap) {
        public Settings {
            if (games < 1) throw new IllegalArgumentException("games must be at least 1, got " + games);
            if (frameTimeout.isNegative() || frameTimeout.isZero()) throw new IllegalArgumentException("frame timeout must be positive");
        }
    }

    public record GameResult(int game, long seed, int winner, int frames, String how, long stateHash) {
    }

    /** What one client did: its frame times, commands ignored, counts out of range, how it ended. */
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
    private final GameTable table = new GameTable();
    private final ScheduledExecutorService watchdog;
    private final boolean[] left = new boolean[2];
    private volatile long framesPlayed;

    /** Claims game-table rows, shared memory and sockets for the client sides; clients may connect from now on. */
    public GameHost(Settings settings) throws IOException {
        this.settings = settings;
        this.arena = new Arena(settings.scenario(), settings.data());
        Side[] sides = {settings.red(), settings.blue()};
        long pid = ProcessHandle.current().pid();
        int k = 0;
        try {
            for (int p = 0; p < 2; p++) {
                if (sides[p] instanceof Client c) slots[p] = new ClientSlot(table, p, c.name(), GameTable.serverId(pid, k), k++);
            }
        } catch (IOException | RuntimeException e) {
            close();
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

    /** Frames played so far, over all games (for progress). */
    public long framesPlayed() {
        return framesPlayed;
    }

    /** The BWAPI server ids clients will find in the game table (one per client side). */
    public List<Integer> serverIds() {
        List<Integer> ids = new ArrayList<>();
        for (ClientSlot s : slots) if (s != null) ids.add(s.serverId);
        return ids;
    }

    /** Waits for every client, then plays the games. {@code recorder} watches each game (replays), or is null. */
    public Result run(GameRecorder recorder) throws IOException {
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        for (ClientSlot s : slots) {
            if (s != null && !s.accept(deadline)) {
                throw new IOException("no BWAPI client connected as " + (s.side == 0 ? "red" : "blue") + " within "
                        + settings.connectTimeout().toSeconds() + " s (server id " + Integer.toUnsignedString(s.serverId) + ")");
            }
        }
        List<GameResult> results = new ArrayList<>();
        long started = System.nanoTime();
        for (int g = 0; g < settings.games(); g++) {
            long seed = Match.gameSeed(settings.seed(), g);
            Arena.Observer observer = recorder == null ? null
                    : recorder.start(settings.scenario(), seed, settings.red().name(), settings.blue().name());
            GameResult r = play(g, seed, observer);
            results.add(r);
            LOG.debug("game {}: {} after {} frames ({})", g + 1, r.winner() == GameView.RED ? "red wins"
                    : r.winner() == GameView.BLUE ? "blue wins" : "draw", r.frames(), r.how());
        }
        for (ClientSlot s : slots) {
            if (s != null && !s.disconnected) {
                s.writer.clearCounts();
                s.writer.outOfGame();
                s.exchange();
            }
            if (s != null) s.hangUp();   // the session is over: clients see the connection close
        }
        long playNanos = System.nanoTime() - started;
        List<ClientReport> reports = new ArrayList<>();
        for (ClientSlot s : slots) {
            if (s != null) reports.add(new ClientReport(s.side == 0 ? "red" : "blue", s.name, s.times, s.ignoredCommands,
                    s.clampedCounts, s.disconnectReason));
        }
        return new Result(results, reports, playNanos);
    }

    private GameResult play(int game, long seed, Arena.Observer observer) {
        Side[] sides = {settings.red(), settings.blue()};
        String[] names = {sides[0].name(), sides[1].name()};
        boolean[] isClient = {slots[0] != null, slots[1] != null};
        left[0] = left[1] = false;
        arena.setObserver(observer);
        for (int p = 0; p < 2; p++) arena.setController(p, sides[p] instanceof Builtin b ? b.heuristic().get() : null);
        arena.reset(seed);
        for (ClientSlot s : slots) {
            if (s == null) continue;
            s.leftGame = false;
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
                ClientSlot s = slots[p];
                if (s == null) {
                    if (first >= 0) arena.decide(p);
                    continue;
                }
                if (s.disconnected) {
                    left[p] = true;
                    continue;
                }
                if (!firstFrame) s.writer.clearCounts();
                s.writer.frame(arena);
                if (!s.exchange()) {
                    left[p] = true;
                    continue;
                }
                s.applyCommands(arena, arena.commands(p), this::sendText);
                if (s.leftGame) left[p] = true;
            }
            firstFrame = false;
            if (left[0] || left[1]) break;
            arena.finishFrame();
            framesPlayed++;
            pace(frameStart);
            frameStart = System.nanoTime();
        }
        // a game ended by a client leaving is over for the record too, where the arena stopped
        if (observer != null && !arena.isOver()) observer.gameOver(arena);
        int winner = left[0] && left[1] ? Arena.DRAW : left[0] ? GameView.BLUE : left[1] ? GameView.RED : arena.winner();
        String how = left[0] || left[1] ? (left[0] ? names[0] : names[1]) + " left" : arena.winner() == Arena.DRAW ? "draw or time limit" : "last unit standing";
        for (ClientSlot s : slots) {
            if (s == null || s.disconnected) continue;
            s.writer.clearCounts();
            for (int p = 0; p < 2; p++) if (left[p]) s.writer.playerLeft(p);
            s.writer.frame(arena);
            s.writer.matchEnd(winner, left);
            s.exchange();
            s.writer.clearCounts();
            s.writer.outOfGame();
            if (game + 1 < settings.games()) s.exchange();
        }
        arena.setObserver(null);
        return new GameResult(game, seed, winner, arena.getFrameCount(), how, arena.stateHash());
    }

    private void sendText(int fromSide, String text) {
        LOG.info("[{}] says: {}", fromSide == 0 ? "red" : "blue", text);
        ClientSlot other = slots[1 - fromSide];
        if (other != null) other.writer.receiveText(fromSide, text);
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
        for (int p = 0; p < 2; p++) {
            if (slots[p] != null) slots[p].close();
        }
    }
}
