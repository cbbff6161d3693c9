package tsunami.actor;

/** Delivered to a monitoring process when the monitored {@code pid} exits ({@code noproc} if it was already gone). */
public record Down(Ref ref, Pid pid, ExitReason reason) {
}
