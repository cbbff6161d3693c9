package tsunami.learn;

/**
 * Where everyone but the parameter server reads the latest published parameters: inference,
 * learners, env workers (lock-step), the checkpointer. In one JVM this is the
 * {@link ParameterBoard} the parameter server publishes on; a node of a scale-out implements it
 * by mirroring the parameter broadcast.
 */
public interface ParameterFeed {
    /** The newest version published so far. */
    ParameterSnapshot latest();

    default long version() {
        return latest().version();
    }

    /**
     * Waits until the published version is at least {@code version}. The wait is interruptible, so a
     * process killed while waiting here stops at once.
     */
    void awaitVersion(long version) throws InterruptedException;

    /** As {@link #awaitVersion(long)}, giving up after {@code timeoutMillis}; false on timeout. */
    boolean awaitVersion(long version, long timeoutMillis) throws InterruptedException;
}
