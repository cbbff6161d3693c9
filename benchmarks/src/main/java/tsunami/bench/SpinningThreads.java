package tsunami.bench;

import java.util.Arrays;

/**
 * Ping-pong between two platform threads that never park: each spins on a volatile counter until
 * the other bumps it. The round trip is two cache-line transfers between cores and nothing else, the
 * floor of any design that keeps sender and receiver running on two cores (spinning in
 * {@code receive} instead of parking). Read beside {@code pingpong_rtt_us_median}: Pekko's round
 * trip runs both handlers on one thread and can be below this floor, which is why spinning cannot
 * close the ping-pong gap.
 */
public final class SpinningThreads {
    private volatile int toPong, toPing;

    private SpinningThreads() {
    }

    /** Median round trip in microseconds over {@code roundTrips} exchanges. */
    public static double pingPong(int roundTrips) throws InterruptedException {
        return new SpinningThreads().run(roundTrips);
    }

    private double run(int roundTrips) throws InterruptedException {
        long[] rtt = new long[roundTrips];
        Thread pong = Thread.ofPlatform().daemon().name("spin-pong").start(() -> {
            for (int i = 1; i <= roundTrips; i++) {
                while (toPong != i) Thread.onSpinWait();
                toPing = i;
            }
        });
        for (int i = 1; i <= roundTrips; i++) {
            long t0 = System.nanoTime();
            toPong = i;
            while (toPing != i) Thread.onSpinWait();
            rtt[i - 1] = System.nanoTime() - t0;
        }
        pong.join();
        Arrays.sort(rtt);
        return rtt[roundTrips / 2] / 1e3;
    }
}
