package tsunami.bots.bwapi;

import tsunami.BadInputException;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A BWAPI 4.4 client on Linux in pure Java: finds a server in BWAPI's game table, maps its
 * {@code GameData} from {@code /dev/shm}, checks {@code client_version}, connects to
 * {@code /tmp/bwapi_socket_<id>} and keeps the lockstep: wait for "frame ready" (2), run the bot,
 * answer "frame done" (1). Works with the arena's {@link GameHost} and with any server speaking
 * the same protocol (OpenBW with BWAPI's Linux server).
 */
public final class BwapiClient implements AutoCloseable {
    private final int serverId;
    private final BwapiGame game;
    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocateDirect(64);
    private final ByteBuffer done = ByteBuffer.allocateDirect(1);

    private BwapiClient(int serverId, ByteBuffer shm, SocketChannel channel) {
        this.serverId = serverId;
        this.game = new BwapiGame(shm);
        this.channel = channel;
    }

    /** Connects to the first free server in the game table, waiting up to {@code timeout} for one to appear. */
    public static BwapiClient connect(Duration timeout) throws IOException {
        GameTable table = new GameTable();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int id = table.pickForClient();
            if (id != 0 && id != -1) return connect(id);
            if (System.nanoTime() > deadline) {
                throw new IOException("no BWAPI server is waiting for a client (game table " + SharedMemory.path(Bwapi.GAME_TABLE_NAME)
                        + "); start one, e.g. ./monkey host --scenario m5v5 --red client");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a BWAPI server");
            }
        }
    }

    /**
     * Connects to the server with this id. The shared memory is opened before the socket: the
     * server removes both names once a client is in.
     */
    public static BwapiClient connect(int serverId) throws IOException {
        ByteBuffer shm = SharedMemory.open(Bwapi.gameDataName(serverId), BwapiLayout.GAME_DATA_SIZE);
        int version = shm.getInt(BwapiLayout.CLIENT_VERSION);
        if (version != Bwapi.CLIENT_VERSION) {
            throw new BadInputException("BWAPI server " + Integer.toUnsignedString(serverId) + " speaks client_version " + version
                    + ", this client speaks " + Bwapi.CLIENT_VERSION + " (BWAPI 4.4.0): not compatible");
        }
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(Bwapi.socketPath(serverId)));
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot connect to BWAPI server " + Integer.toUnsignedString(serverId) + " at "
                    + Bwapi.socketPath(serverId) + ": " + e.getMessage(), e);
        }
        return new BwapiClient(serverId, shm, ch);
    }

    public int serverId() {
        return serverId;
    }

    public BwapiGame game() {
        return game;
    }

    /**
     * Plays until the server closes the connection: every frame the events go to the bot, then
     * {@link BwapiBot#onFrame} while in a game, then "frame done". Returns the games that ended.
     */
    public int play(BwapiBot bot) throws IOException {
        int games = 0;
        boolean inGame = false;
        while (awaitFrame()) {
            boolean frame = false;
            for (int i = 0, n = game.eventCount(); i < n; i++) {
                int type = game.eventType(i), v1 = game.eventV1(i), v2 = game.eventV2(i);
                switch (type) {
                    case Bwapi.EVENT_MATCH_START -> {
                        game.onMatchStart();
                        inGame = true;
                        bot.onStart(game);
                    }
                    case Bwapi.EVENT_MATCH_FRAME -> frame = true;
                    case Bwapi.EVENT_MATCH_END -> {
                        inGame = false;
                        games++;
                        bot.onEnd(game, v1 != 0);
                    }
                    default -> {
                        if (type >= Bwapi.EVENT_UNIT_DISCOVER && type <= Bwapi.EVENT_UNIT_COMPLETE) game.noteUnit(v1);
                        bot.onEvent(game, type, v1, v2);
                    }
                }
            }
            if (frame && inGame && game.isInGame()) bot.onFrame(game);
            frameDone();
        }
        return games;
    }

    /** Blocks until the server's "frame ready"; false when the server closed the connection. */
    private boolean awaitFrame() throws IOException {
        while (true) {
            in.clear();
            int n = channel.read(in);
            if (n < 0) return false;
            for (int i = 0; i < n; i++) if (in.get(i) == Bwapi.FRAME_READY) return true;
        }
    }

    private void frameDone() throws IOException {
        done.clear();
        done.put(0, Bwapi.FRAME_DONE);
        while (done.hasRemaining()) channel.write(done);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
