package tsunami.bots.bwapi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * BWAPI's game table, {@code /dev/shm/bwapi_shared_memory_game_list}: eight rows of
 * {serverProcessID, isConnected, lastKeepAliveTime} through which a client finds a server.
 * The server owns its row; clients only read. A crashed server leaves its row behind and nobody
 * in BWAPI clears it, so a host starting up removes rows whose owner is gone, with their shared
 * memory and socket.
 *
 * <p>One host process may serve several clients (one per side), each needing its own row, shared
 * memory and socket, all named after the row's id. The first id is the process id; further ones
 * add multiples of 2^22 (above Linux's largest pid), so every id still names its owner process:
 * {@code id & (2^22 - 1)}.
 */
final class GameTable {
    private static final Logger LOG = LoggerFactory.getLogger(GameTable.class);
    static final int PID_BITS = 22;

    private final Path file;

    GameTable() {
        this(SharedMemory.path(Bwapi.GAME_TABLE_NAME));
    }

    GameTable(Path file) {
        this.file = file;
    }

    record Row(int index, int serverId, boolean connected, int keepAlive) {
    }

    /** Server id for this process's {@code k}-th client slot. */
    static int serverId(long pid, int k) {
        if (pid <= 0 || pid >= (1L << PID_BITS)) throw new IllegalStateException("process id " + pid + " out of range");
        if (k < 0 || k >= (1 << (31 - PID_BITS))) throw new IllegalArgumentException("slot " + k);
        return (int) (pid + ((long) k << PID_BITS));
    }

    static long ownerPid(int serverId) {
        return serverId & ((1 << PID_BITS) - 1);
    }

    /** Reads every row (a client's view); an absent table reads as empty. */
    Row[] rows() throws IOException {
        Row[] out = new Row[BwapiLayout.MAX_GAME_INSTANCES];
        if (!Files.exists(file)) {
            for (int i = 0; i < out.length; i++) out[i] = new Row(i, 0, false, 0);
            return out;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(BwapiLayout.GAME_TABLE_SIZE).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ch.read(b, 0);
            for (int i = 0; i < out.length; i++) {
                int at = i * BwapiLayout.GAME_INSTANCE_SIZE;
                out[i] = new Row(i, b.getInt(at + BwapiLayout.GI_PID), b.get(at + BwapiLayout.GI_CONNECTED) != 0,
                        b.getInt(at + BwapiLayout.GI_KEEPALIVE));
            }
        }
        return out;
    }

    /**
     * The row a BWAPI client would pick: a server that is not yet connected, the smallest
     * keep-alive first (as BWAPI's client and JBWAPI choose); -1 when none.
     */
    int pickForClient() throws IOException {
        int best = -1;
        long bestKeepAlive = Long.MAX_VALUE;
        for (Row r : rows()) {
            if (r.serverId() == 0 || r.connected()) continue;
            long k = Integer.toUnsignedLong(r.keepAlive());
            if (best < 0 || k < bestKeepAlive) {
                best = r.serverId();
                bestKeepAlive = k;
            }
        }
        return best;
    }

    /** Clears rows whose owner is gone, with their shared memory and socket (a host does this as it starts). */
    void clearStaleRows() throws IOException {
        update(b -> {
            clearStale(b);
            return 0;
        });
    }

    /** Takes a row for {@code serverId}, first clearing rows whose owner is gone. Returns the row index. */
    int claim(int serverId) throws IOException {
        return update(b -> {
            clearStale(b);
            int free = -1;
            for (int i = 0; i < BwapiLayout.MAX_GAME_INSTANCES; i++) {
                int id = b.getInt(i * BwapiLayout.GAME_INSTANCE_SIZE + BwapiLayout.GI_PID);
                if (id == serverId) return write(b, i, serverId, false);
                if (id == 0 && free < 0) free = i;
            }
            if (free < 0) throw new IOException("the BWAPI game table " + file + " is full: 8 servers are running");
            return write(b, free, serverId, false);
        });
    }

    void setConnected(int row, int serverId, boolean connected) throws IOException {
        update(b -> {
            if (b.getInt(row * BwapiLayout.GAME_INSTANCE_SIZE + BwapiLayout.GI_PID) == serverId) write(b, row, serverId, connected);
            return row;
        });
    }

    /** Empties our row (a normal end); rows of others are left alone. */
    void release(int row, int serverId) throws IOException {
        update(b -> {
            if (b.getInt(row * BwapiLayout.GAME_INSTANCE_SIZE + BwapiLayout.GI_PID) == serverId) clearRow(b, row);
            return row;
        });
    }

    private interface Edit {
        int apply(ByteBuffer table) throws IOException;
    }

    /** One JVM's hosts take turns here: file locks are held per process, and a second one would overlap. */
    private static final Object IN_PROCESS = new Object();

    /** Applies an edit under an exclusive file lock, so hosts starting together never share a row. */
    private int update(Edit edit) throws IOException {
        synchronized (IN_PROCESS) {
            return updateLocked(edit);
        }
    }

    private int updateLocked(Edit edit) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            ByteBuffer b = ch.map(FileChannel.MapMode.READ_WRITE, 0, BwapiLayout.GAME_TABLE_SIZE).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            return edit.apply(b);
        }
    }

    private static int write(ByteBuffer b, int row, int serverId, boolean connected) {
        int at = row * BwapiLayout.GAME_INSTANCE_SIZE;
        b.putInt(at + BwapiLayout.GI_PID, serverId);
        b.put(at + BwapiLayout.GI_CONNECTED, (byte) (connected ? 1 : 0));
        b.putInt(at + BwapiLayout.GI_KEEPALIVE, keepAliveNow());
        return row;
    }

    private static void clearRow(ByteBuffer b, int row) {
        SharedMemory.fill(b, row * BwapiLayout.GAME_INSTANCE_SIZE, BwapiLayout.GAME_INSTANCE_SIZE, (byte) 0);
    }

    /**
     * A row is stale when the process that owns its id is gone, or when it waits for a client
     * (not connected) yet its shared memory no longer exists. Stale rows lose their shared
     * memory and socket too.
     */
    private static void clearStale(ByteBuffer b) {
        for (int i = 0; i < BwapiLayout.MAX_GAME_INSTANCES; i++) {
            int at = i * BwapiLayout.GAME_INSTANCE_SIZE;
            int id = b.getInt(at + BwapiLayout.GI_PID);
            if (id == 0) continue;
            boolean connected = b.get(at + BwapiLayout.GI_CONNECTED) != 0;
            boolean ownerAlive = ProcessHandle.of(ownerPid(id)).map(ProcessHandle::isAlive).orElse(false);
            boolean orphaned = !connected && !Files.exists(SharedMemory.path(Bwapi.gameDataName(id)));
            if (ownerAlive && !orphaned) continue;
            LOG.info("clearing stale BWAPI game table row {} (server id {}, {})", i, Integer.toUnsignedString(id),
                    ownerAlive ? "its shared memory is gone" : "its process is gone");
            clearRow(b, i);
            SharedMemory.unlink(Bwapi.gameDataName(id));
            try {
                Files.deleteIfExists(Path.of(Bwapi.socketPath(id)));
            } catch (IOException ignored) {
                // someone else's file we cannot remove: the row is cleared all the same
            }
        }
    }

    /** BWAPI on Linux keeps time in whole seconds since boot (CLOCK_MONOTONIC). */
    static int keepAliveNow() {
        try {
            String up = Files.readString(Path.of("/proc/uptime")).trim();
            return (int) Double.parseDouble(up.substring(0, up.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return (int) (System.nanoTime() / 1_000_000_000L);
        }
    }
}
