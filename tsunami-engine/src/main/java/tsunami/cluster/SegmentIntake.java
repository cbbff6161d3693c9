package tsunami.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.learn.ParameterFeed;
import tsunami.learn.Trajectory;
import tsunami.learn.TrajectorySink;
import tsunami.learn.TrajectorySource;
import tsunami.learn.TrainingMetrics;
import org.zeromq.ZContext;
import tsunami.net.CodecRegistry;
import tsunami.net.NetSecurity;
import tsunami.net.StreamWorker;
import tsunami.net.WireException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The learner's intake of remote experience: a thread that takes segments from the Streamer's
 * backend, decodes them, drops those acted with parameters more than {@code maxPolicyLag} versions
 * old (a node that stalled must not feed the learners stale experience), and hands the rest to
 * the learners' {@link TrajectorySink}. While that sink is full the thread waits and takes nothing,
 * so the Streamer stops granting credit and the actor nodes wait: back-pressure end to end.
 */
final class SegmentIntake implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SegmentIntake.class);

    private final TrajectorySink sink;
    private final ParameterFeed parameters;
    private final TrainingMetrics metrics;
    private final long maxPolicyLag;
    private final Contributors contributors;
    private final CodecRegistry codecs = ClusterCodecs.create();
    private final AtomicLong undecodable = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    SegmentIntake(ZContext context, String streamerBackend, TrajectorySink sink, ParameterFeed parameters, TrainingMetrics metrics,
                  long maxPolicyLag, Contributors contributors) {
        this.sink = sink;
        this.parameters = parameters;
        this.metrics = metrics;
        this.maxPolicyLag = maxPolicyLag;
        this.contributors = contributors;
        thread = Thread.ofPlatform().daemon().name("tsunami-segment-intake").start(() -> loop(context, streamerBackend));
    }

    /** Takes from the Streamer's inproc backend in {@code context}: a hop inside this JVM, without CURVE. */
    private void loop(ZContext context, String endpoint) {
        try (StreamWorker worker = new StreamWorker(context, endpoint, NetSecurity.plaintext(), 2)) {
            while (running) {
                byte[] body = worker.take(Duration.ofMillis(200));
                if (body == null) continue;
                Trajectory t;
                try {
                    t = ClusterCodecs.decodeSegment(codecs, SegmentCompression.inflate(body, codecs.limits().maxFrameBytes()));
                } catch (WireException e) {
                    undecodable.incrementAndGet();
                    log.debug("a frame on the trajectory stream is not a segment: {}", e.getMessage());
                    continue;
                }
                String node = t.source().node();
                long lag = parameters.version() - oldestVersion(t);
                if (lag > maxPolicyLag) {
                    contributors.dropped(node);
                    continue;
                }
                sink.put(retagged(t));
                // counted once handed over; the node's share first, so that the total read after it never falls short of the shares
                contributors.accepted(node, t.frames());
                metrics.addFramesSimulated(t.frames());
            }
        } catch (InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) log.error("the intake of remote segments stopped: {}", e.toString(), e);
        }
    }

    private static long oldestVersion(Trajectory t) {
        long v = Long.MAX_VALUE;
        for (long x : t.policyVersions()) v = Math.min(v, x);
        return v;
    }

    /** The segment marked as remote, naming the node and worker it came from. */
    static Trajectory retagged(Trajectory t) {
        TrajectorySource s = new TrajectorySource(TrajectorySource.REMOTE, t.source().node(), t.source().worker());
        return new Trajectory(s, t.steps(), t.agents(), t.observationSize(), t.numActions(), t.observations(), t.masks(), t.actions(),
                t.behaviourLogp(), t.rewards(), t.continues(), t.valid(), t.advice(), t.policyVersions(), t.frames(), t.finishedEpisodes(),
                t.stateSize(), t.states());
    }

    /** Frames on the stream that were not a segment (dropped). */
    long undecodable() {
        return undecodable.get();
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
