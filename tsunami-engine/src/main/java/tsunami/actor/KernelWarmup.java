package tsunami.actor;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs every way a parked process can wake up (a message, a receive timeout, an exit signal, a kill)
 * a few thousand times, once per JVM, before the first kernel is used.
 *
 * <p>Why: a process parked in receive is a frozen stack whose top frames are JIT-compiled code. If
 * the path taken after waking (say "I was killed, throw") was never taken while the JIT profiled the
 * method, C2 compiles it as an uncommon trap; then every one of a million woken processes hits that
 * trap and is deoptimized one by one, serialised on a VM lock. Measured on 2 cores: waking 1 M
 * parked virtual threads whose exit path was cold took 13.5 s; after warming that path with a few
 * 20 k rounds, 1.0 s. (This is the "18 s to wake 1 M threads" of the first probe.) Two rounds of
 * 2,000 processes are enough (deoptimizations in tsunami.actor during a 1 M idle start/stop: 2);
 * they cost well under 0.2 s once per JVM. {@code -Dtsunami.actor.noWarmup=true} turns it off.
 */
final class KernelWarmup {
    private static final AtomicBoolean done = new AtomicBoolean();
    // Tunable only to reproduce the measurements above.
    private static final int ROUNDS = Integer.getInteger("tsunami.actor.warmupRounds", 2);
    private static final int PROCESSES = Integer.getInteger("tsunami.actor.warmupProcesses", 2_000);

    private KernelWarmup() {
    }

    static void ensure() {
        if (done.get() || !done.compareAndSet(false, true)) return;
        if (Boolean.getBoolean("tsunami.actor.noWarmup")) return;
        ActorSystem sys = ActorSystem.createUnwarmed("warmup");
        try {
            for (int r = 0; r < ROUNDS; r++) round(sys);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sys.shutdown();
        }
    }

    private static void round(ActorSystem sys) throws InterruptedException {
        CountDownLatch parked = new CountDownLatch(PROCESSES);
        CountDownLatch exited = new CountDownLatch(PROCESSES);
        Pid[] pids = new Pid[PROCESSES];
        for (int i = 0; i < PROCESSES; i++) {
            int kind = i % 5;
            pids[i] = sys.spawn(self -> {
                try {
                    if (kind == 4) self.trapExit(true);
                    parked.countDown();
                    Object m = self.receive();
                    if (kind == 2) self.receive(String.class, Duration.ofNanos(1));
                    if (m instanceof Exit) return;
                } finally {
                    exited.countDown();
                }
            });
        }
        parked.await(30, TimeUnit.SECONDS);
        Thread.sleep(5); // let them reach park
        for (int i = 0; i < PROCESSES; i++) {
            switch (i % 5) {
                case 0, 2 -> sys.send(pids[i], Integer.valueOf(i));
                case 1 -> sys.exit(pids[i], ExitReason.KILL);
                case 3 -> sys.exit(pids[i], ExitReason.SHUTDOWN);
                default -> sys.exit(pids[i], ExitReason.custom("warm"));
            }
        }
        exited.await(30, TimeUnit.SECONDS);
        while (sys.runningThreads() > 0) LockSupport.parkNanos(100_000);
    }
}
