package tsunami.actor;

/**
 * The answer to a {@link Call}. Only delivered to the caller while it is still waiting for that
 * {@code ref}; a late reply never lands in its mailbox. (Transports carry it like any message.)
 */
public record Reply(Ref ref, Object value) {
}
