package tsunami.net;

import tsunami.actor.ExitReason;
import tsunami.actor.Pid;
import tsunami.actor.Ref;

import java.util.List;

/**
 * One item of a node-to-node frame. Messages and signals between a pair of nodes travel in one
 * ordered stream, so order is kept per sender→receiver pair (as in Erlang) for messages and
 * signals alike.
 */
sealed interface NodeEntry {
    /** Announces a node (first contact, or reply to one): where it listens and which other nodes it knows. */
    record Hello(boolean reply, List<String> peers) implements NodeEntry {
    }

    record Heartbeat() implements NodeEntry {
    }

    /** The sending node is shutting down in an orderly way: treat it as down now. */
    record Goodbye() implements NodeEntry {
    }

    record Send(Pid from, long toId, Object message) implements NodeEntry {
    }

    record SendNamed(Pid from, String name, Object message) implements NodeEntry {
    }

    record Link(Pid from, long toId) implements NodeEntry {
    }

    record Unlink(Pid from, long toId) implements NodeEntry {
    }

    record Monitor(Ref ref, Pid watcher, long targetId) implements NodeEntry {
    }

    record Demonitor(Ref ref, Pid watcher, long targetId) implements NodeEntry {
    }

    record ExitSignal(Pid from, long toId, ExitReason reason, boolean viaLink) implements NodeEntry {
    }

    record DownSignal(Ref ref, Pid target, long watcherId, ExitReason reason) implements NodeEntry {
    }

    /** Node-level request (remote spawn, whereis, process list); answered by a {@link Response} with the same id. */
    record Request(long requestId, String op, String name, Object argument) implements NodeEntry {
    }

    record Response(long requestId, boolean ok, Object value) implements NodeEntry {
    }
}
