package tsunami.launcher;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM during a long series of games: a shutdown hook raises a flag that the game loop
 * checks between games, then holds the JVM up (a while at most) until the command has printed the
 * result of the games already played. The JVM then exits with the signal's non-zero status.
 */
final class GameInterrupt implements AutoCloseable {
    /** Exit code of a command stopped by a signal before its last game (128 + SIGINT, as shells report it). */
    static final int EXIT_INTERRUPTED = 130;

    private volatile boolean requested;
    private final CountDownLatch reported = new CountDownLatch(1);
    private final Thread hook;

    GameInterrupt(String name) {
        hook = new Thread(() -> {
            requested = true;
            try {
                reported.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // the JVM is going down anyway
            }
        }, name + "-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** True once a signal asked to stop: the game loop ends after the game it is playing. */
    boolean requested() {
        return requested;
    }

    /** The partial result is printed (or nothing more will be): lets the JVM go on exiting, and drops the hook. */
    @Override
    public void close() {
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running (or has run): nothing to remove
        }
    }
}
