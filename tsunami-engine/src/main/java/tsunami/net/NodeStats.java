package tsunami.net;

/**
 * Counters of one node's wire traffic. {@code rejectedFrames}: malformed, oversized or unknown
 * frames refused (nothing of them delivered); {@code undeliverable}: messages for a node that is not
 * connected or for a process/name that does not exist here; {@code droppedFrames}: frames given up
 * because a peer stopped reading and its queue filled.
 */
public record NodeStats(long messagesOut, long messagesIn, long framesOut, long framesIn, long bytesOut, long bytesIn,
                        long rejectedFrames, long undeliverable, long droppedFrames) {
}
