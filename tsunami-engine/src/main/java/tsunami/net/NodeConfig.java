package tsunami.net;

import org.zeromq.ZContext;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node listens and talks.
 *
 * @param listen            endpoint to bind, also advertised to peers: {@code tcp://127.0.0.1:PORT}
 *                          (port 0 picks a free one), {@code ipc://PATH}, or {@code inproc://NAME}
 *                          (only within one JVM and one {@code context})
 * @param security          CURVE with the cluster keys (default) or plaintext (benchmarks only)
 * @param codecs            how application messages are encoded (the kernel's types are added)
 * @param heartbeatInterval how often a node tells each peer it is alive
 * @param heartbeatTimeout  silence after which a peer is declared down: links and monitors towards it
 *                          fire with {@code noconnection}
 * @param hidden            a hidden node (a CLI tool) is not announced to the rest of the cluster
 * @param context           ZeroMQ context to share (needed for inproc); null: the node owns one
 * @param maxQueuedMessages outbound messages waiting for the wire before sends are refused (REJECTED)
 * @param batchBytes        a frame is sent once this many bytes of messages are batched in it
 */
public record NodeConfig(String listen, NetSecurity security, CodecRegistry codecs, Duration heartbeatInterval,
                         Duration heartbeatTimeout, boolean hidden, ZContext context, int maxQueuedMessages, int batchBytes) {
    public NodeConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(codecs, "codecs");
        if (!(listen.startsWith("tcp://") || listen.startsWith("ipc://") || listen.startsWith("inproc://"))) {
            throw new tsunami.BadInputException("node endpoint '" + listen + "' must start with tcp://, ipc:// or inproc://");
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero() || heartbeatTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("heartbeat timeout " + heartbeatTimeout + " must be at least twice the interval " + heartbeatInterval);
        }
        if (maxQueuedMessages < 1 || batchBytes < 256) throw new IllegalArgumentException("queue and batch sizes must be positive");
    }

    /** Defaults: heartbeat every 250 ms, down after 2 s of silence (so noconnection within ~2.1 s). */
    public static NodeConfig defaults(String listen, NetSecurity security) {
        return new NodeConfig(listen, security, new CodecRegistry(), Duration.ofMillis(250), Duration.ofSeconds(2), false, null,
                1 << 20, 64 << 10);
    }

    public NodeConfig withCodecs(CodecRegistry c) {
        return new NodeConfig(listen, security, c, heartbeatInterval, heartbeatTimeout, hidden, context, maxQueuedMessages, batchBytes);
    }

    public NodeConfig withHeartbeat(Duration interval, Duration timeout) {
        return new NodeConfig(listen, security, codecs, interval, timeout, hidden, context, maxQueuedMessages, batchBytes);
    }

    public NodeConfig withHidden(boolean h) {
        return new NodeConfig(listen, security, codecs, heartbeatInterval, heartbeatTimeout, h, context, maxQueuedMessages, batchBytes);
    }

    public NodeConfig withContext(ZContext c) {
        return new NodeConfig(listen, security, codecs, heartbeatInterval, heartbeatTimeout, hidden, c, maxQueuedMessages, batchBytes);
    }

    public NodeConfig withBatchBytes(int b) {
        return new NodeConfig(listen, security, codecs, heartbeatInterval, heartbeatTimeout, hidden, context, maxQueuedMessages, b);
    }
}
