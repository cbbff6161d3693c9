package tsunami.actor;

/**
 * A snapshot of one live process for introspection. {@code restarts} is how many times the child slot
 * it occupies was restarted by its supervisor (0 for processes not under a supervisor); {@code dropped}
 * and {@code rejected} count mailbox overflow outcomes.
 */
public record ProcessInfo(Pid pid, String name, State state, int mailboxLength, int restarts,
                          long dropped, long rejected, boolean trapExit, Pid supervisor) {
    public enum State { STARTING, RUNNING, WAITING, EXITING }
}
