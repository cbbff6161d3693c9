package tsunami.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryGroupsTest {
    private final ActorSystem sys = ActorSystem.create("t");

    @AfterEach
    void tearDown() {
        sys.shutdown();
    }

    @Test
    void namesResolveAreUniqueAndAreFreedOnExit() throws Exception {
        Probe probe = new Probe(sys);
        Pid p = sys.spawn(self -> {
            while (true) self.send(probe.pid, self.receive());
        }, SpawnOptions.DEFAULT.named("learner"));
        assertEquals(Optional.of(p), sys.whereis("learner"));
        assertEquals(SendResult.DELIVERED, sys.send("learner", "hello"));
        assertEquals("hello", probe.next());
        Pid other = sys.spawn(self -> self.receive());
        assertFalse(sys.register("learner", other), "a taken name must be refused");
        assertThrows(IllegalStateException.class, () -> sys.spawn(self -> { }, SpawnOptions.DEFAULT.named("learner")));
        var exit = sys.exitFuture(p);
        sys.exit(p, ExitReason.KILL);
        exit.get(Probe.WAIT_S, TimeUnit.SECONDS);
        assertEquals(Optional.empty(), sys.whereis("learner"));
        assertTrue(sys.register("learner", other), "the name is free again after its owner exited");
        assertTrue(sys.unregister("learner"));
        assertEquals(Optional.empty(), sys.whereis("learner"));
    }

    @Test
    void processRegistersItselfFromInside() throws Exception {
        Probe probe = new Probe(sys);
        sys.spawn(self -> {
            self.send(probe.pid, self.register("ps"));
            self.send(probe.pid, self.whereis("ps").orElseThrow().equals(self.self()));
            self.receive();
        });
        assertEquals(true, probe.next());
        assertEquals(true, probe.next());
    }

    @Test
    void groupsJoinLeaveAndLoseMembersThatExit() throws Exception {
        Pid a = sys.spawn(self -> {
            self.join("workers");
            self.receive();
        });
        Pid b = sys.spawn(self -> self.receive());
        Pid c = sys.spawn(self -> self.receive());
        sys.join("workers", b);
        sys.join("workers", c);
        Await.until("a joined", () -> sys.members("workers").contains(a));
        assertEquals(List.of(a, b, c), sys.members("workers"));
        sys.leave("workers", c);
        assertEquals(List.of(a, b), sys.members("workers"));
        var exit = sys.exitFuture(a);
        sys.exit(a, ExitReason.KILL);
        exit.get(Probe.WAIT_S, TimeUnit.SECONDS);
        assertEquals(List.of(b), sys.members("workers"));
        sys.exit(b, ExitReason.KILL);
        Await.until("empty group removed", () -> !sys.groupNames().contains("workers"));
        assertEquals(List.of(), sys.members("workers"));
    }
}
