package tsunami.actor;

/**
 * Thrown inside a process body when the process has been told to exit (an exit signal, a kill, or
 * its own {@link ProcessContext#exit(ExitReason)}). It is an Error so that ordinary
 * {@code catch (Exception e)} blocks in behaviours do not swallow it; let it propagate.
 */
public final class ProcessTerminated extends Error {
    private final transient ExitReason reason;

    public ProcessTerminated(ExitReason reason) {
        super("process exit: " + reason, null, false, false);
        this.reason = reason;
    }

    public ExitReason reason() { return reason; }
}
