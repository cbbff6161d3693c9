package tsunami.actor;

import java.util.List;

/**
 * One supervisor or child in a snapshot of a node's supervision trees ({@link ActorSystem#supervisionForest()}).
 * A root supervisor has no child slot, so {@code restart} is null and {@code restarts} 0; a worker has no
 * {@code strategy}. {@code pid}, {@code state} and {@code mailboxLength} describe the live process: null, null
 * and 0 while a child is not running. {@code lastExit} is why the slot's latest process exited (null until one has).
 */
public record SupervisionNode(String id, Pid pid, ChildType type, Strategy strategy, Restart restart, int restarts,
                              String lastExit, ProcessInfo.State state, int mailboxLength, List<SupervisionNode> children) {
    public SupervisionNode {
        children = List.copyOf(children);
    }
}
