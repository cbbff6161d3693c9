package tsunami.actor;

/**
 * Identifies one process. {@code node} is the name of the {@link ActorSystem} that owns it, so a pid
 * from another node is representable and routable (the kernel hands it to the {@link RemoteTransport}).
 * Ids are never reused within one system, so a stale pid can never reach a newer process.
 */
public record Pid(String node, long id) {
    public Pid {
        if (node == null || node.isEmpty()) throw new IllegalArgumentException("pid node name must not be empty");
    }

    @Override
    public String toString() {
        return "<" + node + "." + id + ">";
    }
}
