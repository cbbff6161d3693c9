package tsunami.actor;

/**
 * Entry points through which a {@link RemoteTransport} delivers inbound traffic to local processes
 * (obtained from {@link ActorSystem#remote()}). Each method is the receiving half of the matching
 * transport method.
 */
public interface RemoteInbound {
    /** A message for the local process {@code to}; counted as a dead letter if it does not exist. */
    SendResult deliver(Pid from, Pid to, Object message);

    /** The remote {@code remote} links to the local {@code local}; if local is gone, an exit noproc goes back. */
    void link(Pid remote, Pid local);

    void unlink(Pid remote, Pid local);

    /** The remote {@code watcher} monitors the local {@code target}; if it is gone, a Down noproc goes back. */
    void monitor(Ref ref, Pid watcher, Pid target);

    void demonitor(Ref ref, Pid watcher, Pid target);

    /** An exit signal from the remote {@code from} to the local {@code to}. */
    void exit(Pid from, Pid to, ExitReason reason, boolean viaLink);

    /** A Down for a monitor the local {@code watcher} holds on the remote {@code target}. */
    void down(Ref ref, Pid target, Pid watcher, ExitReason reason);

    /** The connection to {@code node} is lost: links to it deliver exit noconnection, monitors Down noconnection. */
    void nodeDown(String node);
}
