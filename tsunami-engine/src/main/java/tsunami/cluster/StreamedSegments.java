package tsunami.cluster;

import tsunami.learn.Trajectory;
import tsunami.learn.TrajectorySink;
import tsunami.net.CodecRegistry;
import tsunami.net.NetSecurity;
import tsunami.net.StreamFeeder;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An actor node's {@link TrajectorySink}: encodes each segment and sends it to the learner's
 * Streamer, waiting for credit. The Streamer grants credit only as the learner takes segments, so
 * a learner that is behind makes the env workers here wait, exactly as a full local queue does.
 * One feeder serves all env workers of the node, one send at a time.
 */
final class StreamedSegments implements TrajectorySink, AutoCloseable {
    private final StreamFeeder feeder;
    private final CodecRegistry codecs = ClusterCodecs.create();
    private final ReentrantLock sending = new ReentrantLock();
    private final AtomicLong segments = new AtomicLong(), bytes = new AtomicLong();
    private volatile boolean closed;

    /** {@code node}: this actor node's name, which the learner's Streamer knows the feeder by (its credit comes back if the node is lost). */
    StreamedSegments(String streamerFrontend, NetSecurity security, String node) {
        feeder = new StreamFeeder(null, streamerFrontend, security, node);
    }

    @Override
    public void put(Trajectory segment) throws InterruptedException {
        byte[] frame = SegmentCompression.deflate(codecs.encode(segment));
        sending.lockInterruptibly();
        try {
            // wait in short steps so that a stopping node is not stuck here (the feeder's wait is not interruptible)
            while (!feeder.send(frame, Duration.ofMillis(250))) {
                if (closed || Thread.interrupted()) throw new InterruptedException("actor node stopping");
            }
            segments.incrementAndGet();
            bytes.addAndGet(frame.length);
        } finally {
            sending.unlock();
        }
    }

    long segments() {
        return segments.get();
    }

    long bytes() {
        return bytes.get();
    }

    @Override
    public void close() {
        closed = true;
        sending.lock();   // the last send finishes (or gives up within 250 ms) before the socket goes
        try {
            feeder.close();
        } finally {
            sending.unlock();
        }
    }
}
