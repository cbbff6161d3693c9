package tsunami.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.actor.ActorSystem;
import tsunami.actor.Call;
import tsunami.actor.ChildSpec;
import tsunami.actor.Down;
import tsunami.actor.Pid;
import tsunami.actor.ProcessContext;
import tsunami.actor.Ref;
import tsunami.actor.SpawnOptions;
import tsunami.actor.Strategy;
import tsunami.actor.Supervisor;
import tsunami.actor.SupervisorSpec;
import tsunami.learn.ParameterFeed;
import tsunami.learn.TrainingMetrics;
import tsunami.learn.TrajectorySink;
import tsunami.net.Forwarder;
import tsunami.net.NetSecurity;
import tsunami.net.Node;
import tsunami.net.NodeConfig;
import tsunami.net.Streamer;
import org.zeromq.ZContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The learner node's side of distributed training: a {@link Node} listening for actor nodes, a
 * {@link Streamer} that carries their segments in with credit flow, a {@link Forwarder} that
 * broadcasts parameters out, and a registry process that welcomes each node that joins (at any
 * time) with the run's settings and watches it. A node that dies or stalls is noticed through the
 * node network's heartbeat; it costs only the segments it had in flight, and the run goes on.
 *
 * <p>Ports: the node listens on the given endpoint; actor nodes reach the Streamer and the Forwarder
 * on the same host at the next two ports (or free ports, when the node's port was 0: the welcome
 * names them). The learner's own ends of the two devices are inproc endpoints, without CURVE.
 */
public final class LearnerHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LearnerHub.class);
    /** The registered name of the process actor nodes join through. */
    public static final String REGISTRY = "actor-registry";
    /** Segments acted with parameters more than this many versions older than the learner's are dropped. */
    public static final long DEFAULT_MAX_POLICY_LAG = 64;
    /** Segments the Streamer buffers for the learner in all, and per actor node at most. */
    static final int STREAM_CAPACITY = 32, STREAM_WINDOW = 4;

    private final ActorSystem system;
    /** The ZeroMQ context of the learner's in-process ends (the Streamer's inproc backend and the intake, the Forwarder's inproc frontend and the publisher). */
    private final ZContext local = new ZContext(1);
    private final Node node;
    private final Streamer streamer;
    private final Contributors contributors = new Contributors();
    private final ParameterPublisher publisher;
    private final SegmentIntake intake;
    private final Pid registry;
    private final String host;
    private final int trajectoryPort, parameterPort;

    /**
     * @param listen  where actor nodes join, {@code tcp://HOST:PORT} (PORT 0: a free one)
     * @param welcome what each joining node is told (its ports and join count are filled in here)
     */
    public LearnerHub(String listen, NetSecurity security, ClusterMessages.Welcome welcome, TrajectorySink sink, ParameterFeed parameters,
                      TrainingMetrics metrics, long maxPolicyLag) {
        if (!listen.startsWith("tcp://")) throw new tsunami.BadInputException("a learner listens on a tcp:// endpoint, not '" + listen + "'");
        system = ActorSystem.create("learner");
        try {
            node = Node.start(system, NodeConfig.defaults(listen, security).withCodecs(ClusterCodecs.create()));
            String bound = node.endpoint();
            host = bound.substring("tcp://".length(), bound.lastIndexOf(':'));
            int port = Integer.parseInt(bound.substring(bound.lastIndexOf(':') + 1));
            boolean fixed = !listen.endsWith(":0");
            trajectoryPort = fixed ? port + 1 : freePort(host);
            parameterPort = fixed ? port + 2 : freePort(host);
            // the learner takes segments in this JVM: through inproc, since CURVE on a hop that never leaves the
            // process would cost two more passes of pure-Java crypto over every segment (docs/scaling.md)
            String streamerBack = "inproc://trajectories-" + System.identityHashCode(this);
            String forwarderFront = "inproc://parameters-" + System.identityHashCode(this);   // likewise for every broadcast
            streamer = new Streamer("trajectories", "tcp://" + host + ":" + trajectoryPort, streamerBack, security, STREAM_CAPACITY, STREAM_WINDOW,
                    local);
            // a subscriber's queue holds a few versions at most: only the newest matters, and each is a whole network
            Forwarder forwarder = new Forwarder("parameters", forwarderFront, "tcp://" + host + ":" + parameterPort, security, 8, local);
            Supervisor.start(system, SupervisorSpec.of(Strategy.ONE_FOR_ONE,
                    List.of(streamer.childSpec("trajectories"), forwarder.childSpec("parameters"))).named("devices"));
            if (!streamer.awaitBound(Duration.ofSeconds(10)) || !forwarder.awaitBound(Duration.ofSeconds(10))) {
                throw new tsunami.BadInputException("the learner cannot open ports " + trajectoryPort + " and " + parameterPort + " on " + host
                        + " for actor nodes (in use?)");
            }
            publisher = new ParameterPublisher(local, forwarderFront, security, parameters, ClusterCodecs.create());
            intake = new SegmentIntake(local, streamerBack, sink, parameters, metrics, maxPolicyLag, contributors);
            ClusterMessages.Welcome filled = new ClusterMessages.Welcome(welcome.run(), welcome.seed(), welcome.policy(), welcome.unrollLength(),
                    welcome.maxInferenceAgents(), trajectoryPort, parameterPort, 0);
            registry = system.spawn(self -> registry(self, filled), SpawnOptions.defaults().named(REGISTRY));
        } catch (RuntimeException e) {
            system.shutdown();
            local.close();
            throw e;
        }
    }

    /** The endpoint actor nodes join ({@code monkey actor --join} takes it). */
    public String endpoint() {
        return node.endpoint();
    }

    public int trajectoryPort() {
        return trajectoryPort;
    }

    public int parameterPort() {
        return parameterPort;
    }

    /** What each actor node contributed so far. */
    public List<Contributors.Figures> contributors() {
        return contributors.figures();
    }

    /** Bytes of segments that came in over the Streamer. */
    public long trajectoryBytes() {
        return streamer.stats().bytesIn();
    }

    /** Segments that came in over the Streamer. */
    public long trajectorySegments() {
        return streamer.stats().messagesIn();
    }

    /** Parameter versions broadcast so far. */
    public long broadcasts() {
        return publisher.broadcasts();
    }

    private record Finish(String reason) {
    }

    private void registry(ProcessContext self, ClusterMessages.Welcome template) {
        self.label("actor registry");
        Map<Ref, String> watched = new HashMap<>();
        Map<String, Ref> current = new HashMap<>();
        Map<String, Pid> sessions = new HashMap<>();
        long joins = 0;
        Call finishing = null;
        while (true) {
            Object m = self.receive();
            if (m instanceof Call call && call.request() instanceof ClusterMessages.Join j) {
                if (finishing != null) {
                    self.reply(call, new ClusterMessages.RunOver("the run is ending"));
                    continue;
                }
                Ref ref = self.monitor(j.session());
                watched.put(ref, j.node());
                current.put(j.node(), ref);
                sessions.put(j.node(), j.session());
                contributors.joined(j.node());
                log.info("actor node {} joined ({} env workers × {} envs)", j.node(), j.envWorkers(), j.envsPerWorker());
                self.reply(call, new ClusterMessages.Welcome(template.run(), template.seed(), template.policy(), template.unrollLength(),
                        template.maxInferenceAgents(), template.trajectoryPort(), template.parameterPort(), joins++));
            } else if (m instanceof Down d) {
                String name = watched.remove(d.ref());
                if (name == null || !d.ref().equals(current.get(name))) continue;   // an earlier life of a node that came back
                current.remove(name);
                sessions.remove(name);
                if (finishing != null) {
                    contributors.ended(name, Contributors.LEFT);
                } else {
                    contributors.ended(name, Contributors.LOST);
                    streamer.forgetFeeders(name);   // the stream credit it held comes back to the others
                    log.warn("actor node {} lost ({}): the segments it had in flight are lost; the run goes on", name, d.reason());
                }
                if (finishing != null && sessions.isEmpty()) self.reply(finishing, "all left");
            } else if (m instanceof Call call && call.request() instanceof Finish f) {
                finishing = call;
                for (Pid session : sessions.values()) self.send(session, new ClusterMessages.RunOver(f.reason()));
                if (sessions.isEmpty()) self.reply(call, "all left");
            } else if (m instanceof Call call) {
                self.reply(call, "unknown request");
            }
        }
    }

    /**
     * Tells every actor node that the run is over and waits up to {@code wait} until they have
     * stopped (each exits 0), then closes.
     */
    public void finish(String reason, Duration wait) {
        try {
            system.call(registry, new Finish(reason), wait);
        } catch (RuntimeException e) {
            log.warn("actor nodes did not all stop within {} s after the run ended: {}", wait.toSeconds(), e.toString());
        }
        close();
    }

    @Override
    public void close() {
        intake.close();
        publisher.close();
        node.close();
        system.shutdown();
        local.close();   // waits until the Streamer's loop has closed its sockets (within its 100 ms poll)
    }

    /** A port free on {@code host} right now (a small race with other programs is accepted: the bind then fails clearly). */
    static int freePort(String host) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host + ": " + e.getMessage(), e);
        }
    }
}
