package tsunami.actor;

/** An exit signal from {@code from}, delivered as a message because the receiver traps exits. */
public record Exit(Pid from, ExitReason reason) {
}
