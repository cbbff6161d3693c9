package tsunami.actor;

/** Result of spawnMonitor: the new process and the monitor watching it. */
public record Spawned(Pid pid, Ref monitor) {
}
