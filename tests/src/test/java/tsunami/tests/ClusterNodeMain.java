package tsunami.tests;

import tsunami.actor.ActorSystem;
import tsunami.actor.Call;
import tsunami.actor.ChildSpec;
import tsunami.actor.Pid;
import tsunami.actor.ProcessContext;
import tsunami.actor.Strategy;
import tsunami.actor.Supervisor;
import tsunami.actor.SupervisorSpec;
import tsunami.net.ClusterSecret;
import tsunami.net.Forwarder;
import tsunami.net.NetSecurity;
import tsunami.net.Node;
import tsunami.net.NodeConfig;
import tsunami.net.Streamer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One node JVM of the multi-process tests: {@code ClusterNodeMain NAME LISTEN SECRET_FILE [JOIN_ENDPOINT]
 * [WATCH_NODE] [FORWARDER_FRONT FORWARDER_BACK STREAMER_FRONT STREAMER_BACK]}. Registers "echo" (answers
 * calls), "relay" (forwards [replyTo, value] to replyTo), "counter" (counts everything, answers "count"),
 * and optionally a supervised "watcher" that links to WATCH_NODE's echo, plus supervised devices.
 * Prints "READY endpoint" once up, then runs until killed.
 */
public final class ClusterNodeMain {
    public static void main(String[] args) throws Exception {
        String name = args[0], listen = args[1];
        ClusterSecret secret = ClusterSecret.loadOrCreate(Path.of(args[2]));
        String join = args.length > 3 && !args[3].equals("-") ? args[3] : null;
        String watch = args.length > 4 && !args[4].equals("-") ? args[4] : null;
        NetSecurity security = NetSecurity.curve(secret);
        ActorSystem system = ActorSystem.create(name);
        Node node = Node.start(system, NodeConfig.defaults(listen, security)
                .withHeartbeat(Duration.ofMillis(200), Duration.ofMillis(1500)));
        system.register("echo", system.spawn(ClusterNodeMain::echo));
        system.register("relay", system.spawn(ClusterNodeMain::relay));
        system.register("counter", system.spawn(ClusterNodeMain::counter));
        system.behaviors().register("echo", arg -> ClusterNodeMain::echo);
        if (join != null) node.join(join, Duration.ofSeconds(30));
        if (watch != null) {
            Supervisor.start(system, SupervisorSpec.of(Strategy.ONE_FOR_ONE,
                    List.of(ChildSpec.worker("watcher", self -> watcher(self, node, watch)))).withIntensity(5, Duration.ofSeconds(10)));
        }
        if (args.length > 8) {
            Forwarder forwarder = new Forwarder("params", args[5], args[6], security);
            Streamer streamer = new Streamer("trajectories", args[7], args[8], security, 256, 32);
            Supervisor.start(system, SupervisorSpec.of(Strategy.ONE_FOR_ONE,
                    List.of(forwarder.childSpec("forwarder"), streamer.childSpec("streamer"))));
            system.register("devices", system.spawn(self -> {
                while (true) {
                    Call c = self.receive(Call.class);
                    self.reply(c, List.of(forwarder.statsAsMap(), streamer.statsAsMap()));
                }
            }));
            forwarder.awaitBound(Duration.ofSeconds(30));
            streamer.awaitBound(Duration.ofSeconds(30));
        }
        System.out.println("READY " + node.endpoint());
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }

    static void echo(ProcessContext self) {
        while (true) {
            Call call = self.receive(Call.class);
            self.reply(call, "echo:" + call.request() + "@" + self.system().node());
        }
    }

    static void relay(ProcessContext self) {
        while (true) {
            if (self.receive() instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Pid to) self.send(to, l.get(1));
        }
    }

    static void counter(ProcessContext self) {
        long count = 0;
        while (true) {
            Object m = self.receive();
            if (m instanceof Call c && "count".equals(c.request())) self.reply(c, count);
            else count++;
        }
    }

    /**
     * Links to the echo process of {@code watched} as soon as that node is up; dies with it
     * (noconnection) and is then restarted by its supervisor. Answers a call "linked?".
     */
    static void watcher(ProcessContext self, Node node, String watched) {
        self.register("watcher");
        boolean linked = false;
        while (true) {
            if (!linked && node.isConnected(watched)) {
                Optional<Pid> echo = node.whereis(watched, "echo", Duration.ofSeconds(5));
                if (echo.isPresent()) {
                    self.link(echo.get());
                    linked = true;
                }
            }
            Optional<Object> m = self.receive(Duration.ofMillis(100)); // the link's exit signal ends this process
            if (m.isPresent() && m.get() instanceof Call c) self.reply(c, linked);
        }
    }
}
