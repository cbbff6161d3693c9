package tsunami.actor;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A process whose messages the test thread can wait for. */
final class Probe {
    static final long WAIT_S = 20; // generous: a loaded 2-core machine

    final Pid pid;
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();

    Probe(ActorSystem sys) {
        pid = sys.spawn(self -> {
            while (true) inbox.add(self.receive());
        });
    }

    Probe(ActorSystem sys, boolean trapExit) {
        pid = sys.spawn(self -> {
            while (true) inbox.add(self.receive());
        }, SpawnOptions.DEFAULT.withTrapExit(trapExit));
    }

    Object next() throws InterruptedException {
        Object m = inbox.poll(WAIT_S, TimeUnit.SECONDS);
        assertNotNull(m, "probe " + pid + " got nothing within " + WAIT_S + " s");
        return m;
    }

    <T> T expect(Class<T> type) throws InterruptedException {
        Object m = next();
        if (!type.isInstance(m)) fail("probe expected a " + type.getSimpleName() + " but got " + m);
        return type.cast(m);
    }

    /** Skip messages until one matches. */
    Object expect(Predicate<Object> p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < deadline) {
            Object m = inbox.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && p.test(m)) return m;
        }
        return fail("probe " + pid + ": no matching message within " + WAIT_S + " s");
    }
}
