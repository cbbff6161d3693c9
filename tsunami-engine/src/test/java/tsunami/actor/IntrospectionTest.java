package tsunami.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IntrospectionTest {
    private final ActorSystem sys = ActorSystem.create("t");

    @AfterEach
    void tearDown() {
        sys.shutdown();
    }

    @Test
    void processListingShowsNameStateMailboxAndRestarts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Pid busy = sys.spawn(self -> {
            release.await();
            self.receive();
        }, SpawnOptions.DEFAULT.named("busy"));
        Pid idle = sys.spawn(self -> self.receive(String.class));
        for (int i = 0; i < 3; i++) sys.send(busy, i);
        Await.until("idle waiting", () -> sys.processInfo(idle).orElseThrow().state() == ProcessInfo.State.WAITING);
        ProcessInfo b = sys.processes().stream().filter(p -> p.pid().equals(busy)).findFirst().orElseThrow();
        assertEquals("busy", b.name());
        assertEquals(ProcessInfo.State.RUNNING, b.state());
        assertEquals(3, b.mailboxLength());
        assertEquals(0, b.restarts());
        release.countDown();

        Pid sup = Supervisor.start(sys, SupervisorSpec.of(Strategy.ONE_FOR_ONE,
                List.of(ChildSpec.worker("w", self -> { self.receive(String.class); throw new IllegalStateException("x"); }))));
        Pid w = Supervisor.whichChildren(sys, sup).get(0).pid();
        var exit = sys.exitFuture(w);
        sys.send(w, "crash");
        exit.get(Probe.WAIT_S, TimeUnit.SECONDS);
        Await.until("restarted", () -> sys.processes().stream().anyMatch(p -> "w".equals(p.name()) && p.restarts() == 1));
        ProcessInfo wi = sys.processes().stream().filter(p -> "w".equals(p.name())).findFirst().orElseThrow();
        assertEquals(sup, wi.supervisor());
    }

    @Test
    void supervisionTreeShowsNestingStrategiesAndChildren() {
        SupervisorSpec learners = SupervisorSpec.of(Strategy.ONE_FOR_ALL, List.of(
                ChildSpec.worker("parameter-server", self -> self.receive()),
                ChildSpec.worker("learner", self -> self.receive())));
        Supervisor.start(sys, SupervisorSpec.of(Strategy.REST_FOR_ONE, List.of(
                ChildSpec.worker("metrics", self -> self.receive()).withRestart(Restart.TRANSIENT),
                ChildSpec.supervisor("learners", learners))).named("root"));
        String tree = sys.supervisionTree();
        String[] lines = tree.split("\n");
        assertEquals(5, lines.length, tree);
        assertTrue(lines[0].startsWith("root <t.") && lines[0].contains("supervisor rest_for_one"), tree);
        assertTrue(lines[1].startsWith("  metrics <t.") && lines[1].contains("worker transient restarts=0"), tree);
        assertTrue(lines[2].startsWith("  learners <t.") && lines[2].contains("supervisor one_for_all permanent"), tree);
        assertTrue(lines[3].startsWith("    parameter-server <t.") && lines[3].contains("worker permanent"), tree);
        assertTrue(lines[4].startsWith("    learner <t."), tree);
    }

    @Test
    void supervisionForestKeepsEachChildsRestartsAndLastExitReason() throws Exception {
        SupervisorSpec inner = SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(
                ChildSpec.worker("fragile", self -> {
                    self.receive(String.class);
                    throw new IllegalStateException("bad frame");
                })));
        Pid root = Supervisor.start(sys, SupervisorSpec.of(Strategy.REST_FOR_ONE, List.of(
                ChildSpec.worker("steady", self -> self.receive()),
                ChildSpec.supervisor("inner", inner))).named("root"));
        Pid innerPid = Supervisor.whichChildren(sys, root).get(1).pid();
        Pid fragile = Supervisor.whichChildren(sys, innerPid).get(0).pid();
        sys.send(fragile, "crash");
        Await.until("restarted", () -> Supervisor.whichChildren(sys, innerPid).get(0).restarts() == 1);
        List<SupervisionNode> forest = sys.supervisionForest();
        assertEquals(1, forest.size());
        SupervisionNode top = forest.get(0);
        assertEquals("root", top.id());
        assertEquals(Strategy.REST_FOR_ONE, top.strategy());
        assertEquals(List.of("steady", "inner"), top.children().stream().map(SupervisionNode::id).toList());
        SupervisionNode steady = top.children().get(0);
        assertEquals(ChildType.WORKER, steady.type());
        assertEquals(0, steady.restarts());
        assertEquals(null, steady.lastExit());
        SupervisionNode slot = top.children().get(1).children().get(0);
        assertEquals("fragile", slot.id());
        assertEquals(1, slot.restarts());
        assertTrue(slot.lastExit().contains("IllegalStateException: bad frame"), slot.lastExit());
        assertTrue(slot.pid() != null && !slot.pid().equals(fragile), "the slot shows the new process");
    }

    @Test
    void blockedProcessesShowWaiting() {
        Pid p = sys.spawn(self -> self.receive(Duration.ofSeconds(60)));
        Await.until("waiting", () -> sys.processInfo(p).map(i -> i.state() == ProcessInfo.State.WAITING).orElse(false));
        assertEquals(0, sys.processInfo(p).orElseThrow().mailboxLength());
    }
}
