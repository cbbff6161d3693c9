package tsunami.net;

/**
 * Counters of one device. {@code messagesIn}/{@code bytesIn}: taken from producers;
 * {@code messagesOut}/{@code bytesOut}: handed to consumers; {@code rejected}: malformed control
 * frames refused; {@code restarts}: times its loop was started again by its supervisor.
 */
public record DeviceStats(String device, String state, long messagesIn, long messagesOut, long bytesIn, long bytesOut,
                          long rejected, long restarts) {
}
