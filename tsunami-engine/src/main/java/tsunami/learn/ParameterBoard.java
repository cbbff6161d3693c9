package tsunami.learn;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where the parameter server publishes versioned parameters and everyone else reads them: the
 * in-JVM {@link ParameterFeed}. It outlives the processes that use it (the training run owns it),
 * so a parameter server or learner that crashes and restarts picks up the latest published
 * version. A remote node would mirror it from the parameter broadcast.
 */
public final class ParameterBoard implements ParameterFeed {
    private final AtomicReference<ParameterSnapshot> latest;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();

    public ParameterBoard(ParameterSnapshot initial) {
        latest = new AtomicReference<>(initial);
    }

    @Override
    public ParameterSnapshot latest() {
        return latest.get();
    }

    public void publish(ParameterSnapshot snapshot) {
        lock.lock();
        try {
            ParameterSnapshot prev = latest.get();
            if (snapshot.version() < prev.version()) {
                throw new IllegalStateException("parameter version went back from " + prev.version() + " to " + snapshot.version());
            }
            latest.set(snapshot);
            published.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void awaitVersion(long version) throws InterruptedException {
        lock.lock();
        try {
            while (latest.get().version() < version) published.await();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitVersion(long version, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        lock.lock();
        try {
            while (latest.get().version() < version) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                published.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
