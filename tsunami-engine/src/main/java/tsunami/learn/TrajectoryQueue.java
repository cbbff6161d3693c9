package tsunami.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded queue between producers of experience (env workers, simulator workers, a remote
 * streamer) and learners: the in-JVM {@link TrajectorySink} and {@link TrajectoryFeed}. A full queue makes producers wait (credit-based back-pressure: each
 * free slot is a credit), so experience is never dropped and memory stays bounded; the time
 * producers spent waiting is counted, which shows when learning is the bottleneck.
 *
 * <p>It is owned by the training run rather than by a process, so a learner or env worker that
 * restarts finds the same queue; only a segment held by a process at the moment it crashed is lost.
 */
public final class TrajectoryQueue implements TrajectorySink, TrajectoryFeed {
    private final ArrayBlockingQueue<Trajectory> queue;
    private final AtomicLong producerWaitNanos = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();

    public TrajectoryQueue(int capacity) {
        queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Adds a segment, waiting while the queue is full. */
    @Override
    public void put(Trajectory t) throws InterruptedException {
        if (!queue.offer(t)) {
            long start = System.nanoTime();
            queue.put(t);
            producerWaitNanos.addAndGet(System.nanoTime() - start);
        }
        accepted.incrementAndGet();
    }

    /** Takes {@code count} segments, waiting for each; in arrival order. */
    @Override
    public List<Trajectory> take(int count) throws InterruptedException {
        List<Trajectory> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(queue.take());
        return out;
    }

    public int size() {
        return queue.size();
    }

    public int capacity() {
        return queue.size() + queue.remainingCapacity();
    }

    public long accepted() {
        return accepted.get();
    }

    public double producerWaitSeconds() {
        return producerWaitNanos.get() / 1e9;
    }
}
