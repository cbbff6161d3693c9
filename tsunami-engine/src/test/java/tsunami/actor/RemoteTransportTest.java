package tsunami.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The remote SPI, exercised by an in-JVM transport that routes between two kernels. */
class RemoteTransportTest {
    private final ActorSystem a = ActorSystem.create("A");
    private final ActorSystem b = ActorSystem.create("B");
    private final Map<String, ActorSystem> nodes = new ConcurrentHashMap<>(Map.of("A", a, "B", b));
    private final Set<String> cut = ConcurrentHashMap.newKeySet();

    /** Delivers each operation to the kernel owning the target pid; nothing crosses a cut link. */
    private final class Loopback implements RemoteTransport {
        private final String self;

        Loopback(String self) { this.self = self; }

        private RemoteInbound to(Pid p) {
            if (cut.contains(p.node()) || cut.contains(self)) return null;
            ActorSystem s = nodes.get(p.node());
            return s == null ? null : s.remote();
        }

        @Override
        public SendResult send(Pid from, Pid to, Object message) {
            RemoteInbound in = to(to);
            return in == null ? SendResult.NOPROC : in.deliver(from, to, message);
        }

        @Override public void link(Pid local, Pid remote) { var in = to(remote); if (in != null) in.link(local, remote); }
        @Override public void unlink(Pid local, Pid remote) { var in = to(remote); if (in != null) in.unlink(local, remote); }
        @Override public void monitor(Ref ref, Pid watcher, Pid target) { var in = to(target); if (in != null) in.monitor(ref, watcher, target); }
        @Override public void demonitor(Ref ref, Pid watcher, Pid target) { var in = to(target); if (in != null) in.demonitor(ref, watcher, target); }
        @Override public void exit(Pid from, Pid to, ExitReason reason, boolean viaLink) { var in = to(to); if (in != null) in.exit(from, to, reason, viaLink); }
        @Override public void down(Ref ref, Pid target, Pid watcher, ExitReason reason) { var in = to(watcher); if (in != null) in.down(ref, target, watcher, reason); }
    }

    RemoteTransportTest() {
        a.setRemoteTransport(new Loopback("A"));
        b.setRemoteTransport(new Loopback("B"));
    }

    @AfterEach
    void tearDown() {
        a.shutdown();
        b.shutdown();
    }

    @Test
    void sendAndCallAcrossNodes() throws Exception {
        Pid echo = b.spawn(self -> {
            while (true) {
                Call c = self.receive(Call.class);
                self.reply(c, "from B: " + c.request());
            }
        });
        Probe probe = new Probe(a);
        assertEquals(SendResult.DELIVERED, b.send(probe.pid, "hello A"));
        assertEquals("hello A", probe.next());
        assertEquals("from B: q", a.call(echo, "q", Duration.ofSeconds(Probe.WAIT_S)));
    }

    @Test
    void linksAndMonitorsFireAcrossNodes() throws Exception {
        Pid remote = b.spawn(self -> {
            self.receive(String.class);
            throw new IllegalStateException("B worker died");
        });
        Probe probe = new Probe(a, true);
        a.spawn(self -> {
            self.trapExit(true);
            self.link(remote);
            Ref mon = self.monitor(remote);
            self.send(probe.pid, mon);
            self.send(remote, "die");
            self.send(probe.pid, self.receive(Exit.class));
            self.send(probe.pid, self.receive(Down.class));
        });
        Ref mon = probe.expect(Ref.class);
        Exit e = probe.expect(Exit.class);
        assertEquals(remote, e.from());
        assertEquals("B worker died", assertInstanceOf(ExitReason.Crash.class, e.reason()).error().getMessage());
        Down d = probe.expect(Down.class);
        assertEquals(mon, d.ref());
        assertInstanceOf(ExitReason.Crash.class, d.reason());
        // monitoring a remote pid that is already gone gives noproc
        a.spawn(self -> {
            Ref again = self.monitor(remote);
            self.send(probe.pid, self.receive(Down.class, x -> x.ref().equals(again), Duration.ofSeconds(Probe.WAIT_S)).map(Down::reason).orElseThrow());
        });
        assertEquals(ExitReason.NOPROC, probe.next());
    }

    @Test
    void aLocalExitReachesARemoteLinkedProcess() throws Exception {
        Pid remote = b.spawn(self -> self.receive());
        var remoteExit = b.exitFuture(remote);
        Pid local = a.spawn(self -> {
            self.link(remote);
            self.receive(String.class);
            self.exit(ExitReason.custom("local gave up"));
        });
        Await.until("linked on B", () -> b.processInfo(remote).isPresent());
        Thread.sleep(20);
        a.send(local, "go");
        assertEquals(ExitReason.custom("local gave up"), remoteExit.get(Probe.WAIT_S, TimeUnit.SECONDS));
    }

    @Test
    void nodeDownFiresLinksMonitorsAndPendingCallsWithNoconnection() throws Exception {
        Pid silent = b.spawn(self -> {
            while (true) self.receive(); // never replies
        });
        Probe probe = new Probe(a, true);
        CompletableFuture<Object> callOutcome = new CompletableFuture<>();
        a.spawn(self -> {
            self.trapExit(true);
            self.link(silent);
            self.monitor(silent);
            self.send(probe.pid, "ready");
            self.send(probe.pid, self.receive(Exit.class));
            self.send(probe.pid, self.receive(Down.class).reason());
        });
        a.spawn(self -> {
            try {
                self.send(probe.pid, "calling");
                callOutcome.complete(self.call(silent, "anyone?", Duration.ofSeconds(60)));
            } catch (CallException e) {
                callOutcome.complete(e.reason());
            }
        });
        assertEquals("ready", probe.expect(m -> m.equals("ready")));
        Thread.sleep(50); // let the call get under way
        cut.add("B");
        a.remote().nodeDown("B");
        assertEquals(new Exit(silent, ExitReason.NOCONNECTION), probe.expect(Exit.class::isInstance));
        assertEquals(ExitReason.NOCONNECTION, probe.expect(ExitReason.class::isInstance));
        assertEquals(ExitReason.NOCONNECTION, callOutcome.get(Probe.WAIT_S, TimeUnit.SECONDS));
        // without a route, a remote send is a dead letter
        assertThrows(CallException.class, () -> a.call(silent, "x", Duration.ofMillis(100)));
    }
}
