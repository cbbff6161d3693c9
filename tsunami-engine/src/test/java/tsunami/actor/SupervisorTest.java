package tsunami.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupervisorTest {
    private final ActorSystem sys = ActorSystem.create("t");
    private final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();

    @AfterEach
    void tearDown() {
        sys.shutdown();
    }

    /** A worker that logs its start and orderly stop, crashes on "crash", exits normally on "quit". */
    private Behavior worker(String id) {
        return self -> {
            events.add("start " + id);
            while (true) {
                Object m = self.receive();
                if (m instanceof Exit e) {
                    events.add("stop " + id);
                    self.exit(e.reason());
                } else if ("crash".equals(m)) {
                    throw new IllegalStateException(id + " crashed on purpose");
                } else if ("quit".equals(m)) {
                    return;
                }
            }
        };
    }

    /** Workers trap exits from birth, so a shutdown can never arrive before they are ready to log it. */
    private ChildSpec spec(String id) {
        return ChildSpec.worker(id, worker(id), SpawnOptions.DEFAULT.withTrapExit(true));
    }

    /** Children's bodies run concurrently, so start order is the spawn order: increasing pids in spec order. */
    private void assertSpawnedInOrder(Pid sup, String... ids) {
        Map<String, Pid> p = pids(sup);
        for (int i = 1; i < ids.length; i++) {
            assertTrue(p.get(ids[i - 1]).id() < p.get(ids[i]).id(), ids[i - 1] + " must be started before " + ids[i] + ": " + p);
        }
    }

    private void awaitEvents(int n) {
        Await.until(n + " events", () -> events.size() >= n);
    }

    private Map<String, Pid> pids(Pid sup) {
        return Supervisor.whichChildren(sys, sup).stream().filter(c -> c.pid() != null)
                .collect(Collectors.toMap(ChildInfo::id, ChildInfo::pid));
    }

    private Pid start(Strategy strategy, ChildSpec... children) {
        return Supervisor.start(sys, SupervisorSpec.of(strategy, List.of(children)).withIntensity(10, Duration.ofSeconds(5)));
    }

    /** Crash one child and wait until the supervisor has replaced it. */
    private Map<String, Pid> crashAndAwaitRestart(Pid sup, String id, Map<String, Pid> before) throws Exception {
        var exit = sys.exitFuture(before.get(id));
        sys.send(before.get(id), "crash");
        exit.get(Probe.WAIT_S, TimeUnit.SECONDS);
        Await.until(id + " restarted", () -> {
            Pid now = pids(sup).get(id);
            return now != null && !now.equals(before.get(id));
        });
        return pids(sup);
    }

    @Test
    void childrenStartInOrderAndStopInReverse() throws Exception {
        Pid sup = start(Strategy.ONE_FOR_ONE, spec("a"), spec("b"), spec("c"));
        assertSpawnedInOrder(sup, "a", "b", "c");
        awaitEvents(3);
        assertEquals(Set.of("start a", "start b", "start c"), Set.copyOf(events));
        events.clear();
        var exit = sys.exitFuture(sup);
        sys.exit(sup, ExitReason.SHUTDOWN);
        assertEquals(ExitReason.SHUTDOWN, exit.get(Probe.WAIT_S, TimeUnit.SECONDS));
        assertEquals(List.of("stop c", "stop b", "stop a"), new ArrayList<>(events));
        assertEquals(0, sys.processCount());
    }

    @Test
    void withReadyTimeoutEachChildFinishesItsInitBeforeTheNextStarts() throws Exception {
        List<ChildSpec> specs = new ArrayList<>();
        for (String id : List.of("a", "b", "c", "d")) {
            long initMs = id.equals("a") ? 150 : id.equals("c") ? 80 : 5; // slow inits must still come first
            specs.add(ChildSpec.worker(id, self -> {
                Thread.sleep(initMs);
                events.add("init " + id);
                self.ready();
                self.receive();
            }).withReadyTimeout(Duration.ofSeconds(Probe.WAIT_S)));
        }
        Supervisor.start(sys, SupervisorSpec.of(Strategy.ONE_FOR_ONE, specs));
        assertEquals(List.of("init a", "init b", "init c", "init d"), new ArrayList<>(events), "start returns after every init");
    }

    @Test
    void aChildThatIsNotReadyInTimeOrDiesDuringInitFailsTheStart() {
        ChildSpec silent = ChildSpec.worker("silent", self -> self.receive()).withReadyTimeout(Duration.ofMillis(100));
        SupervisorException e1 = assertThrows(SupervisorException.class,
                () -> Supervisor.start(sys, SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(silent))));
        assertTrue(e1.getMessage().contains("not ready within 100 ms"), e1.getMessage());
        ChildSpec dying = ChildSpec.worker("dying", self -> { throw new IllegalStateException("bad config"); })
                .withReadyTimeout(Duration.ofSeconds(Probe.WAIT_S));
        SupervisorException e2 = assertThrows(SupervisorException.class,
                () -> Supervisor.start(sys, SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(dying))));
        assertTrue(e2.getMessage().contains("bad config"), e2.getMessage());
        Await.until("nothing left running", () -> sys.processCount() == 0);
    }

    @Test
    void oneForOneRestartsOnlyTheCrashedChild() throws Exception {
        Pid sup = start(Strategy.ONE_FOR_ONE, spec("a"), spec("b"), spec("c"));
        Map<String, Pid> before = pids(sup);
        Map<String, Pid> after = crashAndAwaitRestart(sup, "b", before);
        assertEquals(before.get("a"), after.get("a"));
        assertEquals(before.get("c"), after.get("c"));
        assertNotEquals(before.get("b"), after.get("b"));
        ChildInfo b = Supervisor.whichChildren(sys, sup).get(1);
        assertEquals(1, b.restarts());
        assertEquals(1, sys.processInfo(after.get("b")).orElseThrow().restarts());
    }

    @Test
    void oneForAllRestartsEveryChildStoppingTheOthersInReverse() throws Exception {
        Pid sup = start(Strategy.ONE_FOR_ALL, spec("a"), spec("b"), spec("c"));
        awaitEvents(3);
        Map<String, Pid> before = pids(sup);
        events.clear();
        crashAndAwaitRestart(sup, "b", before);
        Await.until("all three restarted", () -> events.stream().filter(e -> e.startsWith("start")).count() == 3);
        for (String id : List.of("a", "b", "c")) assertNotEquals(before.get(id), pids(sup).get(id), id);
        List<String> seen = new ArrayList<>(events);
        assertEquals(List.of("stop c", "stop a"), seen.subList(0, 2), "the others stop in reverse start order");
        assertEquals(Set.of("start a", "start b", "start c"), Set.copyOf(seen.subList(2, 5)));
        assertSpawnedInOrder(sup, "a", "b", "c");
    }

    @Test
    void restForOneRestartsTheChildAndThoseStartedAfterIt() throws Exception {
        Pid sup = start(Strategy.REST_FOR_ONE, spec("a"), spec("b"), spec("c"));
        awaitEvents(3);
        Map<String, Pid> before = pids(sup);
        events.clear();
        crashAndAwaitRestart(sup, "b", before);
        Await.until("b and c restarted", () -> events.contains("start b") && events.contains("start c"));
        Map<String, Pid> after = pids(sup);
        assertEquals(before.get("a"), after.get("a"));
        assertNotEquals(before.get("b"), after.get("b"));
        assertNotEquals(before.get("c"), after.get("c"));
        List<String> seen = new ArrayList<>(events);
        assertEquals("stop c", seen.get(0));
        assertEquals(Set.of("start b", "start c"), Set.copyOf(seen.subList(1, 3)));
        assertSpawnedInOrder(sup, "a", "b", "c");
    }

    @Test
    void simpleOneForOneStartsDynamicChildrenFromTheTemplate() throws Exception {
        ChildSpec template = ChildSpec.dynamicWorker("env", arg -> worker("env-" + arg));
        Pid sup = Supervisor.start(sys, SupervisorSpec.of(Strategy.SIMPLE_ONE_FOR_ONE, List.of(template)));
        assertEquals(new ChildCounts(0, 0, 0, 0), Supervisor.countChildren(sys, sup));
        Pid e1 = Supervisor.startChild(sys, sup, 1);
        Pid e2 = Supervisor.startChild(sys, sup, 2);
        assertEquals(new ChildCounts(2, 2, 0, 2), Supervisor.countChildren(sys, sup));
        awaitEvents(2);
        assertEquals(Set.of("start env-1", "start env-2"), Set.copyOf(events));
        events.clear();
        var exit = sys.exitFuture(e2);
        sys.send(e2, "crash");
        exit.get(Probe.WAIT_S, TimeUnit.SECONDS);
        Await.until("env-2 restarted with its argument", () -> events.contains("start env-2"));
        List<ChildInfo> kids = Supervisor.whichChildren(sys, sup);
        assertEquals(2, kids.size());
        assertEquals(e1, kids.get(0).pid());
        assertNotEquals(e2, kids.get(1).pid());
        Supervisor.terminateChild(sys, sup, e1);
        assertEquals(new ChildCounts(1, 1, 0, 1), Supervisor.countChildren(sys, sup));
        assertThrows(SupervisorException.class, () -> Supervisor.startChild(sys, sup, spec("x")));
    }

    @Test
    void exceedingTheRestartIntensityEscalatesToTheParentSupervisor() throws Exception {
        SupervisorSpec inner = SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(spec("w"))); // OTP default: 1 restart in 5 s
        Pid outer = Supervisor.start(sys, SupervisorSpec.of(Strategy.ONE_FOR_ONE,
                List.of(ChildSpec.supervisor("inner", inner))).withIntensity(5, Duration.ofSeconds(5)));
        Pid innerPid = pids(outer).get("inner");
        var innerExit = sys.exitFuture(innerPid);
        Pid w1 = Supervisor.whichChildren(sys, innerPid).get(0).pid();
        var w1Exit = sys.exitFuture(w1);
        sys.send(w1, "crash");
        w1Exit.get(Probe.WAIT_S, TimeUnit.SECONDS);
        Await.until("first restart", () -> Supervisor.peekChildren(sys, innerPid).map(c -> c.get(0).pid() != null && !c.get(0).pid().equals(w1)).orElse(false));
        Pid w2 = Supervisor.whichChildren(sys, innerPid).get(0).pid();
        sys.send(w2, "crash"); // the second restart within 5 s is one too many
        assertEquals(ExitReason.shutdown(Supervisor.MAX_INTENSITY), innerExit.get(Probe.WAIT_S, TimeUnit.SECONDS));
        Await.until("outer restarted inner", () -> {
            Pid now = pids(outer).get("inner");
            return now != null && !now.equals(innerPid);
        });
        Pid newInner = pids(outer).get("inner");
        assertEquals(1, Supervisor.whichChildren(sys, outer).get(0).restarts());
        assertNotNull(Supervisor.whichChildren(sys, newInner).get(0).pid(), "the new inner supervisor started its worker");
    }

    @Test
    void aTopLevelSupervisorOverItsIntensityExitsWithTheReason() throws Exception {
        Pid sup = Supervisor.start(sys, SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(spec("w"))).withIntensity(0, Duration.ofSeconds(5)));
        var exit = sys.exitFuture(sup);
        sys.send(pids(sup).get("w"), "crash");
        assertEquals(ExitReason.shutdown(Supervisor.MAX_INTENSITY), exit.get(Probe.WAIT_S, TimeUnit.SECONDS));
        assertEquals(0, sys.processCount());
    }

    @Test
    void transientRestartsOnlyAfterAbnormalExitTemporaryNeverPermanentAlways() throws Exception {
        Pid sup = start(Strategy.ONE_FOR_ONE,
                spec("perm"),
                spec("trans").withRestart(Restart.TRANSIENT),
                spec("temp").withRestart(Restart.TEMPORARY));
        Map<String, Pid> p = pids(sup);

        // normal exits: permanent restarts, transient does not (spec kept), temporary is forgotten
        sys.send(p.get("perm"), "quit");
        sys.send(p.get("trans"), "quit");
        Await.until("perm restarted", () -> {
            Pid now = pids(sup).get("perm");
            return now != null && !now.equals(p.get("perm"));
        });
        Await.until("trans stopped", () -> Supervisor.whichChildren(sys, sup).stream().anyMatch(c -> c.id().equals("trans") && c.pid() == null));
        assertEquals(3, Supervisor.countChildren(sys, sup).specs());

        sys.send(p.get("temp"), "crash");
        Await.until("temp forgotten", () -> Supervisor.whichChildren(sys, sup).stream().noneMatch(c -> c.id().equals("temp")));

        // a crashing transient child is restarted
        Pid trans2 = Supervisor.restartChild(sys, sup, "trans");
        sys.send(trans2, "crash");
        Await.until("trans restarted after crash", () -> {
            Pid now = pids(sup).get("trans");
            return now != null && !now.equals(trans2);
        });
        assertEquals(new ChildCounts(2, 2, 0, 2), Supervisor.countChildren(sys, sup));
    }

    @Test
    void shutdownTimeoutKillsAChildThatIgnoresShutdownAndBrutalKillDoesNotAsk() throws Exception {
        Behavior stubborn = self -> {
            while (true) self.receive(); // traps exits and ignores the shutdown Exit message
        };
        Pid sup = start(Strategy.ONE_FOR_ONE,
                ChildSpec.worker("stubborn", stubborn, SpawnOptions.DEFAULT.withTrapExit(true)).withShutdown(Shutdown.timeout(Duration.ofMillis(100))),
                spec("brutal").withShutdown(Shutdown.BRUTAL_KILL));
        Map<String, Pid> p = pids(sup);
        var stubbornExit = sys.exitFuture(p.get("stubborn"));
        var brutalExit = sys.exitFuture(p.get("brutal"));
        Supervisor.terminateChild(sys, sup, "brutal");
        assertEquals(ExitReason.KILLED, brutalExit.get(Probe.WAIT_S, TimeUnit.SECONDS));
        assertFalse(events.contains("stop brutal"), "brutal_kill gives no chance to clean up");
        Supervisor.terminateChild(sys, sup, "stubborn");
        assertEquals(ExitReason.KILLED, stubbornExit.get(Probe.WAIT_S, TimeUnit.SECONDS));
        assertEquals(new ChildCounts(2, 0, 0, 2), Supervisor.countChildren(sys, sup));
        assertNull(pids(sup).get("stubborn"));
        // a terminated child can be restarted or deleted
        assertNotNull(Supervisor.restartChild(sys, sup, "brutal"));
        Supervisor.deleteChild(sys, sup, "stubborn");
        assertEquals(new ChildCounts(1, 1, 0, 1), Supervisor.countChildren(sys, sup));
    }

    @Test
    void startChildAddsAtTheEndAndDuplicateIdsAreRefused() {
        Pid sup = start(Strategy.ONE_FOR_ONE, spec("a"));
        Pid b = Supervisor.startChild(sys, sup, spec("b"));
        assertEquals(List.of("a", "b"), Supervisor.whichChildren(sys, sup).stream().map(ChildInfo::id).toList());
        assertEquals(b, pids(sup).get("b"));
        SupervisorException dup = assertThrows(SupervisorException.class, () -> Supervisor.startChild(sys, sup, spec("b")));
        assertTrue(dup.getMessage().contains("b"));
    }

    @Test
    void aChildThatFailsToStartFailsTheSupervisorStartAndStopsTheOthers() {
        ChildSpec broken = new ChildSpec("broken", (s, arg) -> { throw new IllegalStateException("no config"); },
                Restart.PERMANENT, Shutdown.DEFAULT_WORKER, ChildType.WORKER);
        SupervisorException e = assertThrows(SupervisorException.class,
                () -> Supervisor.start(sys, SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(spec("a"), broken))));
        assertTrue(e.getMessage().contains("broken"), e.getMessage());
        Await.until("everything stopped", () -> sys.processCount() == 0);
        // "a" was stopped with shutdown: either before its body ran, or it saw the Exit and logged its stop
        List<String> seen = new ArrayList<>(events);
        assertTrue(seen.isEmpty() || seen.equals(List.of("start a", "stop a")), seen.toString());
    }

    @Test
    void killingASupervisorTakesItsChildrenDown() throws Exception {
        Pid sup = start(Strategy.ONE_FOR_ONE, ChildSpec.worker("plain", self -> self.receive()));
        Pid child = pids(sup).get("plain");
        var childExit = sys.exitFuture(child);
        sys.exit(sup, ExitReason.KILL);
        assertEquals(ExitReason.KILLED, childExit.get(Probe.WAIT_S, TimeUnit.SECONDS));
        assertInstanceOf(ExitReason.Killed.class, ExitReason.KILLED);
    }
}
