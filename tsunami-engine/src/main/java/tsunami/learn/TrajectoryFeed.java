package tsunami.learn;

import java.util.List;

/**
 * Where learners take experience from: the consuming side of a {@link TrajectorySink}. In one JVM
 * this is the {@link TrajectoryQueue}; a scale-out over the network implements it on the learner's
 * node.
 */
public interface TrajectoryFeed {
    /**
     * Takes {@code count} segments in arrival order, waiting for each. The wait is interruptible, so
     * a process killed while waiting here stops at once; segments it had taken are then lost.
     */
    List<Trajectory> take(int count) throws InterruptedException;
}
