package tsunami.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LinksMonitorsTest {
    private final ActorSystem sys = ActorSystem.create("t");

    @AfterEach
    void tearDown() {
        sys.shutdown();
    }

    /** A process that spawns a linked child, reports the child's pid, then waits forever. */
    private Pid parentOfLinkedChild(boolean trap, Behavior child, CompletableFuture<Pid> childPid, Probe report) {
        return sys.spawn(self -> {
            self.trapExit(trap);
            childPid.complete(self.spawnLink(child));
            while (true) self.send(report.pid, self.receive());
        });
    }

    @Test
    void crashOfALinkedProcessKillsAnUntrappingPartnerWithTheSameReason() throws Exception {
        Probe report = new Probe(sys);
        CompletableFuture<Pid> child = new CompletableFuture<>();
        Pid parent = parentOfLinkedChild(false, self -> {
            self.receive(String.class);
            throw new IllegalArgumentException("bad input");
        }, child, report);
        var parentExit = sys.exitFuture(parent);
        sys.send(child.get(Probe.WAIT_S, TimeUnit.SECONDS), "crash now");
        ExitReason r = parentExit.get(Probe.WAIT_S, TimeUnit.SECONDS);
        assertEquals("bad input", assertInstanceOf(ExitReason.Crash.class, r).error().getMessage());
    }

    @Test
    void trappingPartnerGetsAnExitMessageWithTheCrashAndSurvives() throws Exception {
        Probe report = new Probe(sys);
        CompletableFuture<Pid> child = new CompletableFuture<>();
        Pid parent = parentOfLinkedChild(true, self -> {
            self.receive(String.class);
            throw new IllegalArgumentException("bad input");
        }, child, report);
        Pid c = child.get(Probe.WAIT_S, TimeUnit.SECONDS);
        sys.send(c, "crash now");
        Exit e = report.expect(Exit.class);
        assertEquals(c, e.from());
        assertEquals("bad input", assertInstanceOf(ExitReason.Crash.class, e.reason()).error().getMessage());
        assertTrue(sys.isAlive(parent));
    }

    @Test
    void normalExitDoesNotKillAnUntrappingPartnerButTrappersSeeIt() throws Exception {
        Probe report = new Probe(sys);
        CompletableFuture<Pid> child = new CompletableFuture<>();
        Pid parent = parentOfLinkedChild(false, self -> self.receive(String.class), child, report);
        var childExit = sys.exitFuture(child.get(Probe.WAIT_S, TimeUnit.SECONDS));
        sys.send(child.get(), "finish");
        assertEquals(ExitReason.NORMAL, childExit.get(Probe.WAIT_S, TimeUnit.SECONDS));
        // exit signals are settled before the exit future completes: a marker sent now arrives after
        // anything the child's exit could have put in the parent's mailbox
        sys.send(parent, "marker");
        assertEquals("marker", report.next(), "the parent got nothing from its partner's normal exit");
        assertTrue(sys.isAlive(parent));

        CompletableFuture<Pid> child2 = new CompletableFuture<>();
        parentOfLinkedChild(true, self -> self.receive(String.class), child2, report);
        sys.send(child2.get(Probe.WAIT_S, TimeUnit.SECONDS), "finish");
        assertEquals(new Exit(child2.get(), ExitReason.NORMAL), report.next());
    }

    @Test
    void killCannotBeTrappedAndLinkedProcessesSeeKilled() throws Exception {
        Probe report = new Probe(sys);
        CompletableFuture<Pid> child = new CompletableFuture<>();
        parentOfLinkedChild(true, self -> {
            self.trapExit(true);
            while (true) self.receive();
        }, child, report);
        Pid c = child.get(Probe.WAIT_S, TimeUnit.SECONDS);
        var childExit = sys.exitFuture(c);
        sys.exit(c, ExitReason.KILL);
        assertEquals(ExitReason.KILLED, childExit.get(Probe.WAIT_S, TimeUnit.SECONDS));
        assertEquals(new Exit(c, ExitReason.KILLED), report.next()); // the trapping parent sees killed, not kill
    }

    @Test
    void trappedExitSignalsBecomeMessagesAndUntrappedOnesEndTheProcess() throws Exception {
        Probe report = new Probe(sys);
        Pid trapper = sys.spawn(self -> {
            while (true) self.send(report.pid, self.receive());
        }, SpawnOptions.DEFAULT.withTrapExit(true)); // trapping from birth: the signal cannot come too early
        Pid plain = sys.spawn(self -> self.receive());
        var plainExit = sys.exitFuture(plain);
        sys.exit(trapper, ExitReason.custom("please stop"));
        sys.exit(plain, ExitReason.custom("please stop"));
        assertEquals(new Exit(sys.systemPid(), ExitReason.custom("please stop")), report.next());
        assertEquals(ExitReason.custom("please stop"), plainExit.get(Probe.WAIT_S, TimeUnit.SECONDS));
        assertTrue(sys.isAlive(trapper));
        // exit(pid, normal) is ignored by a process that does not trap exits
        Pid survivor = sys.spawn(self -> self.receive());
        sys.exit(survivor, ExitReason.NORMAL); // settled before exit returns
        assertTrue(sys.isAlive(survivor));
    }

    @Test
    void monitorDeliversDownWithTheReasonAndNoprocForTheDead() throws Exception {
        Probe report = new Probe(sys);
        Pid target = sys.spawn(self -> self.exit(ExitReason.custom("done " + self.receive())));
        Pid gone = sys.spawn(self -> { });
        Await.until("short-lived process gone", () -> !sys.isAlive(gone));
        sys.spawn(self -> {
            Ref r1 = self.monitor(target);
            Ref r2 = self.monitor(gone);
            self.send(target, "now");
            Down d2 = self.receive(Down.class, d -> d.ref().equals(r2), Duration.ofSeconds(Probe.WAIT_S)).orElseThrow();
            Down d1 = self.receive(Down.class, d -> d.ref().equals(r1), Duration.ofSeconds(Probe.WAIT_S)).orElseThrow();
            self.send(report.pid, d2);
            self.send(report.pid, d1);
        });
        Down d2 = report.expect(Down.class);
        assertEquals(gone, d2.pid());
        assertEquals(ExitReason.NOPROC, d2.reason());
        Down d1 = report.expect(Down.class);
        assertEquals(target, d1.pid());
        assertEquals(ExitReason.custom("done now"), d1.reason());
    }

    @Test
    void demonitorMeansNoDown() throws Exception {
        Probe report = new Probe(sys);
        Pid target = sys.spawn(self -> self.receive());
        sys.spawn(self -> {
            Ref r = self.monitor(target);
            self.demonitor(r);
            self.exit(target, ExitReason.KILL);
            self.send(report.pid, self.receive(Down.class, Duration.ofMillis(300)).isPresent());
        });
        assertEquals(false, report.next());
    }

    @Test
    void spawnMonitorWatchesFromTheStart() throws Exception {
        Probe report = new Probe(sys);
        sys.spawn(self -> {
            Spawned s = self.spawnMonitor(c -> { throw new IllegalStateException("at once"); });
            Down d = self.receive(Down.class);
            self.send(report.pid, d.ref().equals(s.monitor()) && d.pid().equals(s.pid()));
            self.send(report.pid, d.reason());
        });
        assertEquals(true, report.next());
        assertInstanceOf(ExitReason.Crash.class, report.next());
    }

    @Test
    void linkingToADeadProcessIsNoproc() throws Exception {
        Pid gone = sys.spawn(self -> { });
        Await.until("gone", () -> !sys.isAlive(gone));
        Probe report = new Probe(sys);
        sys.spawn(self -> {
            self.trapExit(true);
            self.link(gone);
            self.send(report.pid, self.receive(Exit.class));
        });
        assertEquals(new Exit(gone, ExitReason.NOPROC), report.next());
        Pid untrapping = sys.spawn(self -> {
            self.receive(String.class);
            self.link(gone);
            self.receive();
        });
        var exit = sys.exitFuture(untrapping);
        sys.send(untrapping, "go");
        assertEquals(ExitReason.NOPROC, exit.get(Probe.WAIT_S, TimeUnit.SECONDS));
    }

    @Test
    void unlinkStopsPropagation() throws Exception {
        Probe report = new Probe(sys);
        Pid partner = sys.spawn(self -> self.receive());
        Pid p = sys.spawn(self -> {
            self.link(partner);
            self.unlink(partner);
            self.send(report.pid, "unlinked");
            self.receive();
        });
        assertEquals("unlinked", report.next());
        var partnerExit = sys.exitFuture(partner);
        sys.exit(partner, ExitReason.custom("crash"));
        assertEquals(ExitReason.custom("crash"), partnerExit.get(Probe.WAIT_S, TimeUnit.SECONDS));
        assertTrue(sys.isAlive(p), "links are followed before the exit future completes, so p would be gone already");
    }

    @Test
    void exitsSpreadAlongALongLinkChainWithoutRecursion() throws Exception {
        int n = 20_000;
        CompletableFuture<Pid> last = new CompletableFuture<>();
        Pid head = sys.spawn(self -> { // each process spawns and links the next one: a chain of n links
            self.spawnLink(new Chain(n - 1, last));
            self.receive();
        });
        Pid tail = last.get(Probe.WAIT_S, TimeUnit.SECONDS);
        Await.until("chain built", () -> sys.processCount() >= n);
        var tailExit = sys.exitFuture(tail);
        sys.exit(head, ExitReason.custom("cut"));
        assertEquals(ExitReason.custom("cut"), tailExit.get(Probe.WAIT_S, TimeUnit.SECONDS));
        Await.until("all gone", () -> sys.processCount() == 0);
        assertFalse(sys.isAlive(head));
    }

    private record Chain(int remaining, CompletableFuture<Pid> last) implements Behavior {
        @Override
        public void run(ProcessContext self) {
            if (remaining > 1) self.spawnLink(new Chain(remaining - 1, last));
            else last.complete(self.self());
            self.receive();
        }
    }
}
