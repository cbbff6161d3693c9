package tsunami.learn;

/**
 * Where producers of experience (env workers, simulator workers, a remote streamer) hand their
 * trajectory segments to the learners. In one JVM this is the {@link TrajectoryQueue}; a scale-out
 * over the network implements it with a credit-based stream, keeping the same promises.
 *
 * <p>Training talks two ways on purpose: requests that need an answer (acting, gradients) are
 * kernel calls, while experience and parameters flow through a sink, a {@link TrajectoryFeed} and a
 * {@link ParameterFeed}, which bound memory and decouple the rates of producers and consumers.
 */
public interface TrajectorySink {
    /**
     * Hands over a segment, waiting while the learners are behind (back-pressure: nothing is
     * dropped). The wait is interruptible, so a process killed while waiting here stops at once.
     */
    void put(Trajectory segment) throws InterruptedException;
}
