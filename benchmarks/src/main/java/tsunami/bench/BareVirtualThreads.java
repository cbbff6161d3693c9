package tsunami.bench;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Ping-pong between two bare virtual threads (a volatile slot each, {@code LockSupport.park} and
 * {@code unpark}), no kernel code: what a round trip between two blocking receivers costs on this
 * JDK before any mailbox is involved, against which {@code pingpong_rtt_us_median} is read. Each
 * round trip parks and resumes both threads (their stacks are frozen and thawed). Pekko's actors are
 * not threads: its dispatcher runs both actors' handlers one after the other on one thread, so its
 * round trip has no such cost.
 */
public final class BareVirtualThreads {
    private static final Object MSG = new Object();
    private volatile Object toPong, toPing;

    private BareVirtualThreads() {
    }

    /** Median round trip in microseconds over {@code roundTrips} exchanges. */
    public static double pingPong(int roundTrips) throws InterruptedException {
        return new BareVirtualThreads().run(roundTrips);
    }

    private double run(int roundTrips) throws InterruptedException {
        long[] rtt = new long[roundTrips];
        Thread[] ping = new Thread[1];
        Thread pong = Thread.ofVirtual().unstarted(() -> {
            for (int i = 0; i < roundTrips; i++) {
                Object m;
                while ((m = toPong) == null) LockSupport.park();
                toPong = null;
                toPing = m;
                LockSupport.unpark(ping[0]);
            }
        });
        ping[0] = Thread.ofVirtual().unstarted(() -> {
            for (int i = 0; i < roundTrips; i++) {
                long t0 = System.nanoTime();
                toPong = MSG;
                LockSupport.unpark(pong);
                while (toPing == null) LockSupport.park();
                toPing = null;
                rtt[i] = System.nanoTime() - t0;
            }
        });
        pong.start();
        ping[0].start();
        ping[0].join();
        pong.join();
        Arrays.sort(rtt);
        return rtt[roundTrips / 2] / 1e3;
    }
}
