package tsunami.actor;

/** Handle of a timer started with sendAfter / sendInterval; pass it to cancelTimer. */
public record TimerRef(Ref ref) {
}
