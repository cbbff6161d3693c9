package tsunami.actor;

/** What happened to one send. Sends never throw for these: the sender decides what to do. */
public enum SendResult {
    /** Queued in the receiver's mailbox (or handed to the remote transport). */
    DELIVERED,
    /** Queued, and the receiver's oldest waiting message was dropped to make room ({@link Overflow#DROP_OLDEST}). */
    DELIVERED_DROPPED_OLDEST,
    /** The mailbox was full ({@link Overflow#REJECT}); the message was not queued. */
    REJECTED,
    /** The mailbox stayed full for the whole bounded wait ({@link Overflow#BLOCK}); not queued. */
    TIMED_OUT,
    /** The receiver does not exist; the message was counted as a dead letter. */
    NOPROC;

    public boolean delivered() {
        return this == DELIVERED || this == DELIVERED_DROPPED_OLDEST;
    }
}
