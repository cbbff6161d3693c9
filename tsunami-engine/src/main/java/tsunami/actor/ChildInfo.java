package tsunami.actor;

/** One child as whichChildren reports it; {@code pid} is null while the child is not running. */
public record ChildInfo(String id, Pid pid, ChildType type, Restart restart, int restarts) {
}
