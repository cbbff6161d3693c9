package tsunami.actor;

/**
 * The kernel's way out to other nodes (implemented by tsunami.net, installed with
 * {@link ActorSystem#setRemoteTransport}). The kernel calls these methods whenever an operation names
 * a pid whose node is not the local node. Implementations must not block for long (they are called
 * from process threads) and must preserve order per (sender, receiver) pair.
 *
 * <p>Inbound traffic comes back through {@link ActorSystem#remote()} ({@link RemoteInbound}).
 * A transport that loses a node calls {@link RemoteInbound#nodeDown(String)}: every link and
 * monitor towards that node then fires with {@code noconnection}.
 */
public interface RemoteTransport {
    /** Deliver {@code message} to the remote process {@code to}; {@code from} may be null (sent from outside a process). */
    SendResult send(Pid from, Pid to, Object message);

    /** Establish the remote half of a link: the remote node must add {@code local} to {@code remote}'s links. */
    void link(Pid local, Pid remote);

    void unlink(Pid local, Pid remote);

    /** {@code watcher} (local) monitors {@code target} (remote); the remote node answers with a Down tagged {@code ref}. */
    void monitor(Ref ref, Pid watcher, Pid target);

    void demonitor(Ref ref, Pid watcher, Pid target);

    /**
     * An exit signal from {@code from} (local) to {@code to} (remote). {@code viaLink} is true when it is
     * the propagation of {@code from}'s exit along a link, false for an explicit exit(pid, reason).
     */
    void exit(Pid from, Pid to, ExitReason reason, boolean viaLink);

    /** A Down for a monitor that the remote {@code watcher} holds on the local {@code target}, which exited. */
    void down(Ref ref, Pid target, Pid watcher, ExitReason reason);
}
