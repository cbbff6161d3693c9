package tsunami.actor;

/**
 * A request made with {@link ProcessContext#call}: the callee receives it as a message and answers
 * with {@link ProcessContext#reply(Call, Object)}. {@code ref} is unique per call, so a reply that
 * arrives after the caller gave up is recognised and discarded by the caller's kernel.
 */
public record Call(Object request, Pid from, Ref ref) {
}
