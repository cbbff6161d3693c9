package tsunami.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.actor.ActorSystem;
import tsunami.actor.Down;
import tsunami.actor.ExitReason;
import tsunami.actor.Pid;
import tsunami.actor.ProcessContext;
import tsunami.actor.Ref;
import tsunami.actor.Strategy;
import tsunami.actor.Supervisor;
import tsunami.actor.SupervisorSpec;
import tsunami.env.VectorEnvFactory;
import tsunami.learn.EnvWorker;
import tsunami.learn.ParameterBoard;
import tsunami.learn.RunControl;
import tsunami.learn.TeacherSchedule;
import tsunami.learn.TrainingConfig;
import tsunami.learn.TrainingMetrics;
import tsunami.learn.TrainingRun;
import tsunami.net.NetSecurity;
import tsunami.net.Node;
import tsunami.net.NodeConfig;
import tsunami.net.NodeUnreachableException;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An actor node: env workers and an inference server in this JVM that act for a learner in
 * another one. It joins the learner's node, gets the run's settings in the welcome, mirrors the
 * parameter broadcast onto a local board, streams its segments to the learner with credit flow,
 * and runs until the learner says the run is over (or is lost).
 */
public final class ActorNode {
    private static final Logger log = LoggerFactory.getLogger(ActorNode.class);

    /**
     * Exit statuses of {@link #run}: the run ended; the learner could not be reached or refused; the learner was lost mid-run;
     * this node cannot make the run's environments (e.g. a plug-in of the run is missing here), which a restart does not mend.
     */
    public static final int ENDED = 0, UNREACHABLE = 2, LOST = 3, CANNOT_ACT = 4;

    /**
     * @param join          the learner's endpoint, {@code tcp://HOST:PORT}
     * @param name          this node's name, unique in the run
     * @param joinTimeout   how long to keep trying to reach the learner (it may still be starting)
     */
    public record Options(String join, NetSecurity security, String name, int envWorkers, int envsPerWorker, Duration joinTimeout) {
    }

    /** How a node's run ended: an exit status and the reason in words. */
    public record Outcome(int status, String message) {
    }

    private ActorNode() {
    }

    /**
     * Runs the node until the learner ends the run.
     *
     * @param environments makes the run's environments from the welcome's settings (the launcher knows the scenarios)
     */
    public static Outcome run(Options o, Function<ClusterMessages.Welcome, VectorEnvFactory> environments) throws InterruptedException {
        String host = o.join().substring("tcp://".length(), o.join().lastIndexOf(':'));
        int port = Integer.parseInt(o.join().substring(o.join().lastIndexOf(':') + 1));
        String listen = "tcp://" + localAddressTowards(host, port) + ":0";
        ActorSystem system = ActorSystem.create(o.name());
        Node node = Node.start(system, NodeConfig.defaults(listen, o.security()).withCodecs(ClusterCodecs.create()).withHidden(true));
        try {
            String learner;
            try {
                learner = node.join(o.join(), o.joinTimeout());
            } catch (NodeUnreachableException e) {
                return new Outcome(UNREACHABLE, "cannot reach the learner: " + e.getMessage());
            }
            Pid registry = node.whereis(learner, LearnerHub.REGISTRY, Duration.ofSeconds(10)).orElse(null);
            if (registry == null) return new Outcome(UNREACHABLE, "node " + learner + " at " + o.join() + " is not a learner (no " + LearnerHub.REGISTRY + ")");
            Session session = new Session(registry);
            Pid sessionPid = system.spawn(session::run);
            Object answer;
            try {
                answer = system.call(registry, new ClusterMessages.Join(o.name(), sessionPid, o.envWorkers(), o.envsPerWorker()), Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                return new Outcome(UNREACHABLE, "the learner did not welcome this node: " + e.getMessage());
            }
            if (answer instanceof ClusterMessages.RunOver over) return new Outcome(ENDED, "the run was ending: " + over.reason());
            if (!(answer instanceof ClusterMessages.Welcome welcome)) return new Outcome(UNREACHABLE, "the learner answered " + answer);
            Outcome outcome;
            Object goodbye;
            VectorEnvFactory factory = null;
            String cannot = null;
            try {
                factory = environments.apply(welcome);
            } catch (RuntimeException e) {
                cannot = "cannot act for this run: " + e.getMessage();
            }
            if (factory != null) {
                outcome = act(system, o, host, welcome, factory, session);
                goodbye = "stop";   // the session's normal exit tells the learner this node left
            } else {
                outcome = new Outcome(CANNOT_ACT, cannot);
                goodbye = new CannotAct(cannot);   // its exit reason carries the cause to the learner, which logs it with the node's loss
            }
            system.send(sessionPid, goodbye);
            try {
                system.exitFuture(sessionPid).get(5, TimeUnit.SECONDS);
                Thread.sleep(300);   // let the exit notice go out before the node closes
            } catch (Exception e) {
                log.debug("session did not stop cleanly: {}", e.toString());
            }
            return outcome;
        } finally {
            node.close();
            system.shutdown();
        }
    }

    private static Outcome act(ActorSystem acting, Options o, String host, ClusterMessages.Welcome welcome, VectorEnvFactory factory,
                               Session session) throws InterruptedException {
        try (ParameterSubscriber parameters = new ParameterSubscriber("tcp://" + host + ":" + welcome.parameterPort(), o.security(),
                welcome.policy().numParams());
             StreamedSegments segments = new StreamedSegments("tcp://" + host + ":" + welcome.trajectoryPort(), o.security(), o.name())) {
            ParameterBoard board = parameters.awaitFirst(30_000);
            if (board == null) return new Outcome(UNREACHABLE, "no parameters from the learner within 30 s (port " + welcome.parameterPort() + " reachable?)");
            // the seed mixes in the join count, so nodes (and a node that comes back) do not replay each other's games
            long seed = EnvWorker.mix(welcome.seed(), 1_000_003L + welcome.joinCount(), o.name().hashCode());
            TrainingConfig config = new TrainingConfig(o.envWorkers(), o.envsPerWorker(), 1, welcome.unrollLength(), 1, 8, seed, 0, 1e9, 1e9, 1,
                    welcome.maxInferenceAgents(), TeacherSchedule.NONE, 1);
            TrainingMetrics metrics = new TrainingMetrics();
            RunControl control = new RunControl();
            Pid root = Supervisor.start(acting, SupervisorSpec.of(Strategy.REST_FOR_ONE,
                    TrainingRun.actingChildren(welcome.policy(), config, factory, segments, board, metrics, control, new int[o.envWorkers()], false))
                    .withIntensity(10, Duration.ofSeconds(60)).named("acting"));
            log.info("actor node {} acting: {} env workers × {} envs, parameters at version {}", o.name(), o.envWorkers(), o.envsPerWorker(),
                    board.version());
            CompletableFuture<ExitReason> rootExit = acting.exitFuture(root);
            Outcome outcome = null;
            while (outcome == null) {
                try {
                    outcome = session.ended.get(500, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    if (rootExit.isDone()) outcome = new Outcome(LOST, "acting stopped: the supervision tree gave up (" + rootExit.getNow(null) + ")");
                } catch (java.util.concurrent.ExecutionException e) {
                    outcome = new Outcome(LOST, "session failed: " + e.getCause());
                }
            }
            control.finish("run over");
            acting.exit(root, ExitReason.SHUTDOWN);
            try {
                rootExit.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("acting processes did not stop within 30 s: {}", e.toString());
            }
            TrainingMetrics.Snapshot acted = metrics.snapshot(false);
            log.info("actor node {} sent {} segments ({} MB); {} parameter broadcasts received, median delay {} ms; inference mean batch {} agents, {} ms per call",
                    o.name(), segments.segments(), segments.bytes() >> 20, parameters.received(),
                    String.format(java.util.Locale.ROOT, "%.1f", parameters.delayMedianMs()),
                    String.format(java.util.Locale.ROOT, "%.1f", acted.inferenceBatchAgents()), String.format(java.util.Locale.ROOT, "%.3f", acted.inferenceBatchMs()));
            return outcome;
        }
    }

    /** The node's process the learner monitors: it watches the learner's registry and hears when the run is over. */
    private static final class Session {
        final Pid registry;
        final CompletableFuture<Outcome> ended = new CompletableFuture<>();

        Session(Pid registry) {
            this.registry = registry;
        }

        void run(ProcessContext self) throws Exception {
            self.label("actor session");
            Ref ref = self.monitor(registry);
            while (true) {
                Object m = self.receive();
                if (m instanceof ClusterMessages.RunOver over) {
                    ended.complete(new Outcome(ENDED, "the learner ended the run (" + over.reason() + ")"));
                } else if (m instanceof Down d && d.ref().equals(ref)) {
                    ended.complete(new Outcome(LOST, "lost the learner (" + d.reason() + ")"));
                    return;
                } else if ("stop".equals(m)) {
                    return;
                } else if (m instanceof CannotAct c) {
                    self.exit(ExitReason.custom(c.why()));
                }
            }
        }
    }

    /** Tells the session to end with {@code why} as its exit reason, which the learner's monitor sees. */
    private record CannotAct(String why) {
    }

    /** The address of this machine that the learner can reach back: the one the route to it leaves from. */
    static String localAddressTowards(String host, int port) {
        try {
            InetAddress target = InetAddress.getByName(host);
            if (target.isLoopbackAddress()) return "127.0.0.1";
            try (DatagramSocket probe = new DatagramSocket()) {
                probe.connect(new InetSocketAddress(target, port));   // no packet is sent: this only picks the route
                return probe.getLocalAddress().getHostAddress();
            }
        } catch (java.io.IOException e) {
            throw new tsunami.BadInputException("cannot resolve the learner's host '" + host + "': " + e.getMessage());
        }
    }
}
