package tsunami.actor;

/**
 * One child as whichChildren reports it; {@code pid} is null while the child is not running.
 * {@code lastExit} is why its latest process exited (the exit reason as text), null until one has.
 */
public record ChildInfo(String id, Pid pid, ChildType type, Restart restart, int restarts, String lastExit) {
}
