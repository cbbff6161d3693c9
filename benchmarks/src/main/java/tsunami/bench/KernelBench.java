package tsunami.bench;

/**
 * One round of each workload of {@code monkey bench actors}, for one actor runtime. Both sides
 * run the same shapes with one reused message object, so the figures measure the runtime, not
 * the allocator.
 */
public interface KernelBench extends AutoCloseable {
    /** {@code producers} actors send {@code messages} in all to one consumer; messages per second. */
    double fanIn(int producers, int messages) throws Exception;

    /** {@code roundTrips} send-and-await-echo exchanges between two actors; median round trip in microseconds. */
    double pingPong(int roundTrips) throws Exception;

    /** One actor starts {@code actors} children that stop at once; actors started and gone per second. */
    double spawnExit(int actors) throws Exception;

    /** One actor starts {@code actors} actors that wait for a message; the time until all wait, and live heap per actor. */
    Idle idle(int actors) throws Exception;

    record Idle(double startSeconds, double bytesPerActor) {
    }

    @Override
    void close();
}
