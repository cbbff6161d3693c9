package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.BadInputException;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.cluster.ActorNode;
import tsunami.cluster.ClusterMessages;
import tsunami.learn.TrainingConfig;
import tsunami.net.ClusterSecret;
import tsunami.net.NetSecurity;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code monkey actor --join HOST:PORT}: an actor node for a {@code monkey train --listen} run. It
 * needs no scenario flags: the learner's welcome carries the run's settings.
 */
@Command(name = "actor", mixinStandardHelpOptions = true,
        description = "Act for a training run in another JVM or machine: env workers and inference that stream experience to the learner "
                + "started with 'monkey train --listen' and follow its parameter broadcast. Exits 0 when the learner ends the run.")
public final class ActorCommand implements Callable<Integer> {
    @Option(names = "--join", required = true, description = "the learner's endpoint, HOST:PORT or tcp://HOST:PORT")
    String join;

    @Option(names = "--secret", description = "Cluster secret file, the learner's (default: ~/.tsunami/cluster.secret).")
    Path secret;

    @Option(names = "--env-workers", description = "env worker processes (default: " + TrainingConfig.DEFAULT_ENV_WORKERS + ")",
            defaultValue = "" + TrainingConfig.DEFAULT_ENV_WORKERS)
    int envWorkers;

    @Option(names = "--envs-per-worker", description = "environments stepped together by one worker (default: "
            + TrainingConfig.DEFAULT_ENVS_PER_WORKER + ")", defaultValue = "" + TrainingConfig.DEFAULT_ENVS_PER_WORKER)
    int envsPerWorker;

    @Option(names = "--name", description = "this node's name, unique in the run (default: actor-HOST-PID)")
    String name;

    @Option(names = "--join-timeout", description = "seconds to keep trying to reach the learner, which may still be starting (default: ${DEFAULT-VALUE})",
            defaultValue = "60")
    double joinTimeout;

    @Option(names = "--plugin", paramLabel = "PATH",
            description = "Where the run's plug-in jars are on this machine, when not at the learner's paths: a jar or a folder of jars (repeatable). "
                    + "The node loads exactly the learner's plug-ins, found by content (SHA-256); ./plugins and $" + HeuristicRegistry.PLUGINS_ENV
                    + " are not read.")
    List<Path> plugins = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String endpoint = endpoint(join);
        if (envWorkers < 1 || envWorkers > 64) throw new BadInputException("--env-workers must be 1..64, got " + envWorkers);
        if (envsPerWorker < 1 || envsPerWorker > 4096) throw new BadInputException("--envs-per-worker must be 1..4096, got " + envsPerWorker);
        if (!(joinTimeout >= 1 && joinTimeout <= 86_400)) throw new BadInputException("--join-timeout must be 1..86400 seconds, got " + joinTimeout);
        if (name == null) name = "actor-" + InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + ProcessHandle.current().pid();
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) throw new BadInputException("--name '" + name + "' must be 1-64 letters, digits, '_', '.' or '-'");
        Path secretFile = secret != null ? secret : ClusterSecret.defaultFile();
        if (secret != null && !java.nio.file.Files.isRegularFile(secret)) throw new BadInputException("--secret " + secret + ": no such file");
        NetSecurity security = NetSecurity.curve(ClusterSecret.loadOrCreate(secretFile));
        System.err.println("monkey actor " + name + ": joining the learner at " + endpoint);
        ActorNode.Outcome outcome = ActorNode.run(
                new ActorNode.Options(endpoint, security, name, envWorkers, envsPerWorker, Duration.ofMillis((long) (joinTimeout * 1000))),
                this::environments);
        System.err.println("monkey actor " + name + ": " + outcome.message());
        return outcome.status();
    }

    /**
     * The run's environments, from the settings the learner sent (see {@link TrainCommand#actorWelcome}), with exactly the
     * learner's plug-ins; a plug-in not found here is a {@link BadInputException} naming it and this node.
     */
    private tsunami.env.VectorEnvFactory environments(ClusterMessages.Welcome welcome) {
        Map<String, String> run = welcome.run();
        List<Path> jars = RunPlugins.locate(RunPlugins.parse(run.get(RunPlugins.KEY)), plugins, name);
        if (!jars.isEmpty()) System.err.println("monkey actor " + name + ": the run's plug-ins are here at " + jars);
        String damage = run.get("damage_taken");
        return ArenaSetup.of(run.get("scenario"), run.get("opponent"), damage == null ? null : Double.parseDouble(damage), run.get("attacks"),
                run.get("teacher"), HeuristicRegistry.load(jars), null, welcome.seed()).factory();
    }

    /** {@code HOST:PORT} or {@code tcp://HOST:PORT} as a tcp endpoint; a clear error otherwise. */
    static String endpoint(String join) {
        String rest = join.startsWith("tcp://") ? join.substring("tcp://".length()) : join;
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || rest.contains("://")) throw new BadInputException("--join '" + join + "' must be HOST:PORT or tcp://HOST:PORT");
        try {
            int port = Integer.parseInt(rest.substring(colon + 1));
            if (port < 1 || port > 65535) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            throw new BadInputException("--join '" + join + "': the port must be 1..65535");
        }
        return "tcp://" + rest;
    }
}
