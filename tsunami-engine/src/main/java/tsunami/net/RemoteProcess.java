package tsunami.net;

import tsunami.actor.Pid;

/** One row of a remote node's process list ({@code monkey node ps}). */
public record RemoteProcess(Pid pid, String name, String state, int mailboxLength, int restarts) {
}
