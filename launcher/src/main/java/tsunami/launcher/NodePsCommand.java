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
import tsunami.net.RemoteProcess;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code monkey node ps --at ENDPOINT}: lists the processes of a running node (as a hidden node). */
@Command(name = "ps", mixinStandardHelpOptions = true, description = "List the processes of the node listening at an endpoint.")
public final class NodePsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--at", required = true, description = "Endpoint of the node, e.g. tcp://127.0.0.1:7000.")
    String at;

    @Option(names = "--secret", description = "Cluster secret file (default: ~/.tsunami/cluster.secret).")
    Path secret;

    @Option(names = "--timeout-ms", defaultValue = "10000", description = "How long to wait for the node (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Override
    public Integer call() {
        if (!(at.startsWith("tcp://") || at.startsWith("ipc://"))) {
            throw new BadInputException("monkey node ps: --at '" + at + "' must be a tcp:// or ipc:// endpoint");
        }
        Path file = secret != null ? secret : ClusterSecret.defaultFile();
        if (!file.toFile().exists()) throw new BadInputException("monkey node ps: cluster secret file " + file + " does not exist");
        ClusterSecret clusterSecret = ClusterSecret.loadOrCreate(file);
        Duration timeout = Duration.ofMillis(timeoutMs);
        try (ActorSystem system = ActorSystem.create("ps-" + ProcessHandle.current().pid());
             Node node = Node.start(system, NodeConfig.defaults("tcp://127.0.0.1:0", NetSecurity.curve(clusterSecret)).withHidden(true))) {
            String target;
            try {
                target = node.join(at, timeout);
            } catch (NodeUnreachableException e) {
                throw new BadInputException("monkey node ps: " + e.getMessage());
            }
            List<RemoteProcess> rows = node.processes(target, timeout);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("node %s at %s: %d processes%n", target, at, rows.size());
            out.printf("%-24s %-28s %-9s %8s %8s%n", "PID", "NAME", "STATE", "MAILBOX", "RESTARTS");
            for (RemoteProcess p : rows) {
                out.printf("%-24s %-28s %-9s %8d %8d%n", p.pid(), p.name().isEmpty() ? "-" : p.name(), p.state(), p.mailboxLength(), p.restarts());
            }
            out.flush();
            return 0;
        }
    }
}
