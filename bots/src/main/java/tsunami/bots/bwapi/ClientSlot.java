package tsunami.bots.bwapi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.bots.arena.Arena;
import tsunami.bots.heuristic.Commands;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;

import static tsunami.bots.bwapi.BwapiLayout.*;

/**
 * One BWAPI client's seat at the host: its game-table row, its {@code GameData} in shared memory,
 * its socket, the lockstep, and the commands it writes. Everything the client writes is checked:
 * counts are clamped to BWAPI's capacities, commands for units it does not own, dead or unseen
 * units, unknown ids and unknown command types are ignored and counted, never trusted.
 */
final class ClientSlot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSlot.class);

    /** The side played in the current game (it alternates when the host swaps sides between games). */
    int side;
    final String name;
    final int serverId;
    private final GameTable table;
    private int row = -1;
    private final ByteBuffer shm;
    final HostFrameWriter writer;
    private final Path socketPath;
    private ServerSocketChannel listener;
    private SocketChannel channel;
    private final ByteBuffer ready = ByteBuffer.allocateDirect(1);
    private final ByteBuffer in = ByteBuffer.allocateDirect(64);
    final FrameTimes times = new FrameTimes();
    /** This game's frames only (rules are judged per game). */
    FrameTimes gameTimes = new FrameTimes();
    long gameIgnoredCommands;
    /** When the current frame was handed to the client (System.nanoTime), 0 while it is the host's turn. */
    volatile long turnStarted;
    volatile boolean timedOut;
    boolean connected, disconnected, leftGame;
    /** Set from another thread when the client's process is known dead: stop waiting for it. */
    volatile boolean givenUp;
    int localSpeedMs;
    long ignoredCommands, clampedCounts;
    String disconnectReason;

    ClientSlot(GameTable table, int side, String name, int serverId, int instance) throws IOException {
        this.table = table;
        this.side = side;
        this.name = name;
        this.serverId = serverId;
        this.shm = SharedMemory.create(Bwapi.gameDataName(serverId), GAME_DATA_SIZE);
        this.writer = new HostFrameWriter(shm, side, instance);
        this.socketPath = Path.of(Bwapi.socketPath(serverId));
        Files.deleteIfExists(socketPath);
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socketPath), 1);
    }

    /**
     * Waits for the client. As BWAPI's server does on accept, the socket path and the shared
     * memory name are removed (the client has both open), and the row says "connected".
     */
    boolean accept(long deadlineNanos) throws IOException {
        // the row appears only now, so that of two clients finding servers through the table, the
        // first to look takes red (rows of a host are claimed in side order, one at a time)
        row = table.claim(serverId);
        listener.configureBlocking(false);
        try (Selector sel = Selector.open()) {
            listener.register(sel, SelectionKey.OP_ACCEPT);
            while (channel == null) {
                long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
                if (left <= 0 || givenUp) return false;
                sel.select(Math.min(left, 100));
                channel = listener.accept();
                if (channel == null) table.setConnected(row, serverId, false);   // keep-alive while waiting
            }
        }
        table.setConnected(row, serverId, true);
        listener.close();
        listener = null;
        Files.deleteIfExists(socketPath);
        SharedMemory.unlink(Bwapi.gameDataName(serverId));
        discardEarlyDone();
        channel.configureBlocking(true);
        connected = true;
        LOG.info("{} connected as {} (server id {})", name, side == 0 ? "red" : "blue", Integer.toUnsignedString(serverId));
        return true;
    }

    /**
     * Some clients (JBWAPI on Linux) answer "done" once right after connecting, before any "frame
     * ready". Swallowing that byte keeps the lockstep aligned; a client that waits for the first
     * frame, as BWAPI's own does, sends nothing here.
     */
    private void discardEarlyDone() throws IOException {
        channel.configureBlocking(false);
        try (Selector sel = Selector.open()) {
            channel.register(sel, SelectionKey.OP_READ);
            if (sel.select(250) > 0) {
                in.clear();
                channel.read(in);
            }
        }
    }

    /**
     * Hands the frame to the client and waits for its answer. False when the client is gone:
     * closed, or over the frame timeout (the watchdog closes the socket).
     */
    boolean exchange() {
        if (disconnected) return false;
        long t0 = System.nanoTime();
        turnStarted = t0;
        try {
            ready.clear();
            ready.put(0, Bwapi.FRAME_READY);
            while (ready.hasRemaining()) channel.write(ready);
            while (true) {
                in.clear();
                int n = channel.read(in);
                if (n < 0) return disconnect("closed the connection");
                boolean done = false;
                for (int i = 0; i < n; i++) done |= in.get(i) == Bwapi.FRAME_DONE;
                if (done) break;
            }
            turnStarted = 0;
            long ns = System.nanoTime() - t0;
            times.add(ns);
            gameTimes.add(ns);
            return true;
        } catch (IOException e) {
            turnStarted = 0;
            return disconnect(timedOut ? "went over the frame time limit" : "connection failed: " + e.getMessage());
        }
    }

    /** Called by the host's watchdog: a client over the limit loses its connection. */
    void enforceTimeout(long limitNanos) {
        long t = turnStarted;
        if (t != 0 && System.nanoTime() - t > limitNanos) {
            timedOut = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is all we wanted; the host's read fails and names the timeout
            }
        }
    }

    private boolean disconnect(String why) {
        if (!disconnected) LOG.warn("{} ({}) {}", name, side == 0 ? "red" : "blue", why);
        disconnected = true;
        disconnectReason = why;
        return false;
    }

    /**
     * Applies what the client wrote this frame: game commands first (text, flags, leave), then
     * unit commands through {@code orders}. {@code text} receives text the client sends to the game.
     */
    void applyCommands(Arena arena, Commands orders, BiConsumer<Integer, String> text) {
        int strings = clampCount(shm.getInt(STRING_COUNT), MAX_STRINGS);
        int commands = clampCount(shm.getInt(COMMAND_COUNT), MAX_COMMANDS);
        for (int i = 0; i < commands; i++) {
            int at = COMMANDS + i * COMMAND_SIZE;
            int type = shm.getInt(at), v1 = shm.getInt(at + 4), v2 = shm.getInt(at + 8);
            switch (type) {
                case Bwapi.CMD_ENABLE_FLAG -> {
                    if (v1 == Bwapi.FLAG_COMPLETE_MAP_INFORMATION && arena.getFrameCount() == 0) writer.setCompleteMap(true);
                    else if (v1 != Bwapi.FLAG_USER_INPUT) ignore();
                }
                case Bwapi.CMD_PRINTF, Bwapi.CMD_SEND_TEXT -> {
                    if (v1 < 0 || v1 >= strings) {
                        ignore();
                    } else {
                        String s = SharedMemory.getString(shm, STRINGS + v1 * STRING_SIZE, STRING_SIZE);
                        if (type == Bwapi.CMD_SEND_TEXT) text.accept(side, s);
                        else LOG.info("[{}] {}", name, s);
                    }
                }
                case Bwapi.CMD_LEAVE_GAME -> leftGame = true;
                case Bwapi.CMD_SET_LOCAL_SPEED -> localSpeedMs = Math.max(0, Math.min(v1, 1_000));
                default -> {
                    // screen, GUI, latency compensation, frame skip, pause: no meaning without a screen;
                    // accepted and ignored like BWAPI does outside a game
                    if (type <= 0 || type > Bwapi.CMD_MAX) ignore();
                }
            }
        }
        int unitCommands = clampCount(shm.getInt(UNIT_COMMAND_COUNT), MAX_UNIT_COMMANDS);
        for (int i = 0; i < unitCommands; i++) {
            int at = UNIT_COMMANDS + i * UNIT_COMMAND_SIZE;
            if (!applyUnitCommand(arena, orders, shm.getInt(at), shm.getInt(at + 4), shm.getInt(at + 8),
                    shm.getInt(at + 12), shm.getInt(at + 16))) {
                ignore();
            }
        }
    }

    private void ignore() {
        ignoredCommands++;
        gameIgnoredCommands++;
    }

    private int clampCount(int n, int max) {
        if (n >= 0 && n <= max) return n;
        clampedCounts++;
        return n < 0 ? 0 : max;
    }

    private boolean applyUnitCommand(Arena a, Commands orders, int type, int unit, int target, int x, int y) {
        if (unit < 0 || unit >= a.getUnitCount() || a.getPlayer(unit) != side || !a.exists(unit)) return false;
        boolean targetOk = target >= 0 && target < a.getUnitCount() && a.exists(target) && writer.sees(target);
        switch (type) {
            case Bwapi.UC_ATTACK_UNIT -> {
                if (!targetOk || a.getPlayer(target) == side || !a.canAttack(unit, target)) return false;
                orders.attack(unit, target);
            }
            case Bwapi.UC_RIGHT_CLICK_UNIT -> {
                if (!targetOk) return false;
                if (a.getPlayer(target) != side && a.canAttack(unit, target)) orders.attack(unit, target);
                else orders.move(unit, a.getX(target), a.getY(target));
            }
            // the arena has no patrol route: a patrol fights its way to the point like attack-move
            case Bwapi.UC_ATTACK_MOVE, Bwapi.UC_PATROL -> {
                if (!onMap(a, x, y)) return false;
                orders.attackMove(unit, x, y);
            }
            case Bwapi.UC_MOVE, Bwapi.UC_RIGHT_CLICK_POSITION -> {
                if (!onMap(a, x, y)) return false;
                orders.move(unit, x, y);
            }
            case Bwapi.UC_STOP -> orders.stop(unit);
            case Bwapi.UC_HOLD_POSITION -> orders.holdPosition(unit);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean onMap(Arena a, int x, int y) {
        return x >= 0 && y >= 0 && x < a.mapWidth() && y < a.mapHeight();
    }

    void hangUp() {
        try {
            if (channel != null) channel.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", name, e.toString());
        }
    }

    /** Frees the seat: socket, shared memory name, game-table row. */
    @Override
    public void close() {
        hangUp();
        try {
            if (listener != null) listener.close();
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            LOG.debug("closing {}: {}", name, e.toString());
        }
        SharedMemory.unlink(Bwapi.gameDataName(serverId));
        try {
            if (row >= 0) table.release(row, serverId);
        } catch (IOException e) {
            LOG.warn("could not clear BWAPI game table row {}: {}", row, e.toString());
        }
    }
}
