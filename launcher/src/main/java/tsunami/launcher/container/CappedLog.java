package tsunami.launcher.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One output stream of a bot copied to a file, at most {@code cap} bytes; the rest is read (so the
 * bot never blocks on a full pipe) and counted, and a note saying how much was discarded ends the
 * file. A bot flooding 1 GB to stdout costs the disk {@code cap} bytes.
 */
public final class CappedLog {
    private final Path file;
    private final long cap;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long written;
    private volatile long discarded;

    CappedLog(Path file, long cap) {
        if (cap < 0) throw new IllegalArgumentException("log cap must not be negative: " + cap);
        this.file = file;
        this.cap = cap;
    }

    /** Copies {@code in} until its end on a virtual thread. */
    void start(InputStream in, String streamName) {
        Thread.ofVirtual().name("bot-log-" + streamName).start(() -> pump(in, streamName));
    }

    private void pump(InputStream in, String streamName) {
        try (in; OutputStream out = Files.newOutputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            long w = 0, d = 0;
            for (int n; (n = in.read(buf)) >= 0; ) {
                int keep = (int) Math.max(0, Math.min(n, cap - w));
                if (keep > 0) out.write(buf, 0, keep);
                w += keep;
                d += n - keep;
                written = w;
                discarded = d;
            }
            if (d > 0) {
                out.write(String.format("%n[tsunami: %d bytes of %s discarded beyond the cap of %d bytes]%n", d, streamName, cap)
                        .getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the pipe broke when the process tree was killed: what was written stays
        } finally {
            done.countDown();
        }
    }

    public Path file() {
        return file;
    }

    /** Bytes of the bot's output kept in the file (the note not counted). */
    public long written() {
        return written;
    }

    /** Bytes of the bot's output read past the cap and dropped. */
    public long discarded() {
        return discarded;
    }

    /** Waits until the stream ended and the note was written. */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }
}
