package tsunami.launcher.dashboard;

import tsunami.actor.ActorSystem;
import tsunami.actor.SupervisionNode;
import tsunami.net.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** An actor system's supervision trees and node membership, as the fields of a {@link StatusFile}. */
public final class ProcessTreeJson {
    private ProcessTreeJson() {
    }

    /** {@code system} may be null (not started yet, or already shut down): no processes then. */
    public static Map<String, Object> of(ActorSystem system) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (system == null || system.isShutdown()) {
            m.put("trees", List.of());
            return m;
        }
        m.put("node", system.node());
        // a node that has joined others over JeroMQ lists them; a lone training JVM has none
        m.put("connected_nodes", Node.of(system).map(n -> new ArrayList<>(new TreeSet<>(n.connectedNodes()))).orElse(new ArrayList<>()));
        m.put("process_count", system.processCount());
        List<Map<String, Object>> trees = new ArrayList<>();
        for (SupervisionNode root : system.supervisionForest()) trees.add(node(root));
        m.put("trees", trees);
        return m;
    }

    private static Map<String, Object> node(SupervisionNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("pid", n.pid() == null ? null : n.pid().toString());
        m.put("type", lower(n.type()));
        m.put("strategy", lower(n.strategy()));
        m.put("restart", lower(n.restart()));
        m.put("restarts", n.restarts());
        m.put("last_exit", n.lastExit());
        m.put("state", n.state() == null ? "down" : lower(n.state()));
        m.put("mailbox", n.mailboxLength());
        List<Map<String, Object>> children = new ArrayList<>();
        for (SupervisionNode c : n.children()) children.add(node(c));
        m.put("children", children);
        return m;
    }

    private static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }
}
