package tsunami.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tsunami.learn.ParameterFeed;
import tsunami.learn.ParameterSnapshot;
import tsunami.net.CodecRegistry;
import tsunami.net.Forwarder;
import tsunami.net.NetSecurity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The learner's end of the parameter broadcast: a thread that publishes the newest version of the
 * learner's {@link ParameterFeed} into the Forwarder, at most every {@link #MIN_INTERVAL_NANOS}, and
 * the latest one again every second, so an actor node that joins (or whose subscription was late,
 * ZeroMQ's "slow joiner") gets parameters within a second even while learning waits for experience.
 *
 * <p>Why a minimum interval: every broadcast is a whole network, CURVE-boxed once per subscriber by the
 * Forwarder (pure-Java crypto, tens of MB/s; this socket reaches the Forwarder inproc, unsealed), and the learner can publish
 * ten versions a second or more. Actors acting on a version up to 200 ms old add a version or two of
 * policy lag, which V-trace corrects; encrypting every version for every node costs the learner's
 * CPU, which is what limits a run on a small machine (docs/scaling.md).
 */
final class ParameterPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ParameterPublisher.class);
    static final long REPEAT_NANOS = 1_000_000_000L;
    static final long MIN_INTERVAL_NANOS = 200_000_000L;

    private final ParameterFeed parameters;
    private final CodecRegistry codecs;
    private final Thread thread;
    private final AtomicLong broadcasts = new AtomicLong(), bytes = new AtomicLong();
    private volatile boolean running = true;

    /**
     * @param forwarderFrontend the Forwarder's frontend: an {@code inproc://} endpoint of {@code local} (no CURVE on a hop
     *                          inside the learner's JVM), or a tcp one, reached with {@code security}
     */
    ParameterPublisher(ZContext local, String forwarderFrontend, NetSecurity security, ParameterFeed parameters, CodecRegistry codecs) {
        this.parameters = parameters;
        this.codecs = codecs;
        thread = Thread.ofPlatform().daemon().name("tsunami-parameter-publisher").start(() -> loop(local, forwarderFrontend, security));
    }

    private void loop(ZContext local, String endpoint, NetSecurity security) {
        boolean inproc = endpoint.startsWith("inproc://");
        try (ZContext context = inproc ? local.shadow() : new ZContext(1)) {
            ZMQ.Socket pub = context.createSocket(SocketType.PUB);
            pub.setHandshakeIvl(2000);
            pub.setLinger(0);
            pub.setSndHWM(4);   // only the newest version matters: a full pipe drops older ones
            if (!inproc) security.configureClient(pub);
            pub.connect(endpoint);
            long last = -1, lastAt = 0;
            while (running) {
                long sinceLast = System.nanoTime() - lastAt;
                if (sinceLast < MIN_INTERVAL_NANOS) Thread.sleep((MIN_INTERVAL_NANOS - sinceLast) / 1_000_000 + 1);
                parameters.awaitVersion(last + 1, 250);
                ParameterSnapshot s = parameters.latest();
                if (s.version() == last && System.nanoTime() - lastAt < REPEAT_NANOS) continue;
                long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                byte[] frame = codecs.encode(new ClusterMessages.Parameters(s.version(), now, s.params()));
                Forwarder.publish(pub, frame);   // in parts past the Forwarder's receive limit; a PUB drops rather than blocks
                broadcasts.incrementAndGet();
                bytes.addAndGet(frame.length);
                last = s.version();
                lastAt = System.nanoTime();
            }
        } catch (InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) log.error("parameter broadcast stopped: {}", e.toString(), e);
        }
    }

    /** Parameter messages handed to the PUB socket so far. */
    long broadcasts() {
        return broadcasts.get();
    }

    long bytes() {
        return bytes.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
