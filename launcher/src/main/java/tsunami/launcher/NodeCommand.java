package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tsunami.BadInputException;
import tsunami.actor.ActorSystem;
import tsunami.net.ClusterSecret;
import tsunami.net.NetSecurity;
import tsunami.net.Node;
import tsunami.net.NodeConfig;
import tsunami.net.NodeUnreachableException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code monkey node}: runs a node (an actor system reachable over JeroMQ) until it is stopped. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a node: a named actor system that other nodes reach over JeroMQ (CURVE, keys from the cluster secret).",
        subcommands = {NodePsCommand.class})
public final class NodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--name", description = "Node name (unique in the cluster).")
    String name;

    @Option(names = "--listen", description = "Endpoint to listen on, e.g. tcp://127.0.0.1:7000 or ipc:///tmp/n1 (default: ${DEFAULT-VALUE}).",
            defaultValue = "tcp://127.0.0.1:0")
    String listen;

    @Option(names = "--join", description = "Join the cluster through this node: NAME@ENDPOINT (repeatable).")
    List<String> join = List.of();

    @Option(names = "--secret", description = "Cluster secret file; created owner-only when missing (default: ~/.tsunami/cluster.secret).")
    Path secret;

    @Option(names = "--heartbeat-timeout-ms", description = "Silence after which a peer is declared down (default: ${DEFAULT-VALUE}).",
            defaultValue = "2000")
    long heartbeatTimeoutMs;

    @Override
    public Integer call() throws Exception {
        if (name == null || name.isBlank()) throw new BadInputException("monkey node: --name is required (e.g. --name n1)");
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new BadInputException("monkey node: --name '" + name + "' must be 1-64 letters, digits, '_', '.' or '-'");
        }
        if (!(listen.startsWith("tcp://") || listen.startsWith("ipc://"))) {
            throw new BadInputException("monkey node: --listen '" + listen + "' must be a tcp:// or ipc:// endpoint");
        }
        if (heartbeatTimeoutMs < 200) throw new BadInputException("monkey node: --heartbeat-timeout-ms must be at least 200");
        for (String j : join) parseJoin(j);
        ClusterSecret clusterSecret = ClusterSecret.loadOrCreate(secret != null ? secret : ClusterSecret.defaultFile());
        NodeConfig config = NodeConfig.defaults(listen, NetSecurity.curve(clusterSecret))
                .withHeartbeat(Duration.ofMillis(Math.max(50, heartbeatTimeoutMs / 8)), Duration.ofMillis(heartbeatTimeoutMs));
        ActorSystem system = ActorSystem.create(name);
        Node node = Node.start(system, config);
        // A node that cannot go on (a dead ZeroMQ I/O thread, a context that will not close) must not live on
        // deaf: say why and halt (not exit: shutdown hooks may be what is stuck), so a supervisor restarts it.
        node.onFatal((what, e) -> {
            System.err.println("monkey node " + name + ": fatal: " + what + (e == null ? "" : ": " + e) + "; halting");
            System.err.flush();
            Runtime.getRuntime().halt(70);
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            system.shutdown();
            stopped.countDown();
        }, "monkey-node-shutdown"));
        for (String j : join) {
            String[] nameAndEndpoint = parseJoin(j);
            try {
                String answered = node.join(nameAndEndpoint[1], Duration.ofSeconds(10));
                if (!answered.equals(nameAndEndpoint[0])) {
                    spec.commandLine().getErr().println("monkey node: warning: the node at " + nameAndEndpoint[1] + " is named '"
                            + answered + "', not '" + nameAndEndpoint[0] + "'");
                }
            } catch (NodeUnreachableException e) {
                throw new BadInputException("monkey node: --join " + j + ": " + e.getMessage());
            }
        }
        spec.commandLine().getOut().println("node " + name + " listening on " + node.endpoint());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    static String[] parseJoin(String j) {
        int at = j.indexOf('@');
        if (at <= 0 || at == j.length() - 1) {
            throw new BadInputException("monkey node: --join '" + j + "' must be NAME@ENDPOINT, e.g. n1@tcp://127.0.0.1:7000");
        }
        String endpoint = j.substring(at + 1);
        if (!(endpoint.startsWith("tcp://") || endpoint.startsWith("ipc://"))) {
            throw new BadInputException("monkey node: --join '" + j + "': endpoint must be tcp:// or ipc://");
        }
        return new String[]{j.substring(0, at), endpoint};
    }
}
