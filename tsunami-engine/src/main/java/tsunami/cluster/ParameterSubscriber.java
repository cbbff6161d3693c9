package tsunami.cluster;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tsunami.learn.ParameterBoard;
import tsunami.learn.ParameterSnapshot;
import tsunami.net.CodecRegistry;
import tsunami.net.Forwarder;
import tsunami.net.NetSecurity;
import tsunami.net.WireException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An actor node's end of the parameter broadcast: a thread that mirrors the learner's newest
 * parameters onto a local {@link ParameterBoard} (the {@link tsunami.learn.ParameterFeed} its
 * inference reads). Versions only move forward; a repeated or older broadcast is skipped, and a
 * frame that does not decode (a drop under CURVE, see {@link tsunami.net.Forwarder}) is counted and
 * skipped. It also keeps the delays between the learner sending a version and its arrival here.
 */
public final class ParameterSubscriber implements AutoCloseable {
    private static final int DELAY_WINDOW = 4096;

    private final CodecRegistry codecs;
    private final int numParams;
    private final CompletableFuture<ParameterBoard> first = new CompletableFuture<>();
    private final AtomicLong received = new AtomicLong(), undecodable = new AtomicLong();
    private final double[] delaysMs = new double[DELAY_WINDOW];
    private int delayCount;
    private final Thread thread;
    private volatile boolean running = true;

    public ParameterSubscriber(String forwarderBackend, NetSecurity security, int numParams) {
        this.codecs = ClusterCodecs.create();
        this.numParams = numParams;
        thread = Thread.ofPlatform().daemon().name("tsunami-parameter-subscriber").start(() -> loop(forwarderBackend, security));
    }

    private void loop(String endpoint, NetSecurity security) {
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket sub = context.createSocket(SocketType.SUB);
            sub.setHandshakeIvl(2000);
            sub.setLinger(0);
            sub.setRcvHWM(16);
            sub.setReceiveTimeOut(200);
            security.configureClient(sub);
            sub.subscribe(new byte[0]);
            sub.connect(endpoint);
            ParameterBoard board = null;
            while (running) {
                byte[] frame = Forwarder.receive(sub, 0);   // its parts joined
                if (frame == null) continue;
                ClusterMessages.Parameters p;
                try {
                    p = ClusterCodecs.decodeParameters(codecs, frame, numParams);
                } catch (WireException e) {
                    undecodable.incrementAndGet();
                    continue;
                }
                long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                recordDelay((now - p.sentAtMicros()) / 1000.0);
                received.incrementAndGet();
                ParameterSnapshot snapshot = new ParameterSnapshot(p.version(), p.params(), new float[0], new float[0], 0);
                if (board == null) {
                    board = new ParameterBoard(snapshot);
                    first.complete(board);
                } else if (p.version() > board.version()) {
                    board.publish(snapshot);
                }
            }
        } catch (RuntimeException e) {
            first.completeExceptionally(e);
        }
    }

    private synchronized void recordDelay(double ms) {
        delaysMs[delayCount % DELAY_WINDOW] = ms;
        delayCount++;
    }

    /** The board mirroring the learner's parameters, once the first broadcast came; null if none came within {@code timeoutMillis}. */
    public ParameterBoard awaitFirst(long timeoutMillis) throws InterruptedException {
        try {
            return first.get(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("parameter subscription failed: " + e.getCause(), e.getCause());
        }
    }

    /** Broadcasts received and decoded. */
    public long received() {
        return received.get();
    }

    /** Frames that were not a parameter broadcast of this policy (dropped). */
    public long undecodable() {
        return undecodable.get();
    }

    /** Median delay from the learner's send to the arrival here over the recent broadcasts, in ms; NaN before any. */
    public synchronized double delayMedianMs() {
        int n = Math.min(delayCount, DELAY_WINDOW);
        if (n == 0) return Double.NaN;
        double[] d = Arrays.copyOf(delaysMs, n);
        Arrays.sort(d);
        return n % 2 == 1 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
