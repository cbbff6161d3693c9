package tsunami.actor;

/** What a full mailbox does with one more message. Every outcome is visible in {@link SendResult} and counted. */
public enum Overflow {
    /** Refuse the new message: the sender gets {@link SendResult#REJECTED}. */
    REJECT,
    /**
     * Drop the oldest message not yet taken by the receiver and keep the new one; drops are counted per
     * process. Signals (Exit, Down) are never dropped: if the oldest is one, the new message is refused.
     */
    DROP_OLDEST,
    /** The sender waits up to {@link SpawnOptions#blockTimeout()} for room, then gets {@link SendResult#TIMED_OUT}. */
    BLOCK
}
