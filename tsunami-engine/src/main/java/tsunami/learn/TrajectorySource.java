package tsunami.learn;

/**
 * Where a trajectory segment came from, so that learners and metrics can tell real experience
 * from imagined experience and local workers from remote ones.
 *
 * @param kind   what produced it, e.g. {@link #ENV_WORKER}, {@link #SIMULATOR}, {@link #REMOTE}
 * @param node   the node (JVM) it was produced on
 * @param worker the producer's name on that node, e.g. "env-worker-3"
 */
public record TrajectorySource(String kind, String node, String worker) {
    public static final String ENV_WORKER = "env-worker";
    public static final String SIMULATOR = "simulator";
    public static final String REMOTE = "remote";

    @Override
    public String toString() {
        return kind + ":" + node + "/" + worker;
    }
}
