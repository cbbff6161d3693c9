package tsunami.learn;

import java.util.concurrent.CompletableFuture;

/**
 * The stop signal shared by a run's processes: set once when the run has learned enough frames
 * (by the parameter server, at an exact version) or ran out of time (by the driver). After it,
 * the parameter server applies no more updates, so the final parameters and counters are those
 * of the version at which the run finished.
 */
public final class RunControl {
    private final CompletableFuture<String> finished = new CompletableFuture<>();

    /** Marks the run finished with {@code why}; the first reason wins. */
    public void finish(String why) {
        finished.complete(why);
    }

    public boolean isFinished() {
        return finished.isDone();
    }

    public CompletableFuture<String> finished() {
        return finished;
    }
}
