package tsunami.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import tsunami.net.ClusterSecret;
import tsunami.net.NetSecurity;

/**
 * The figures of {@code monkey bench net}: our nodes and devices beside bare JeroMQ doing the same
 * job with the same security, in one JVM, rounds alternating (see {@link PairedRounds}).
 *
 * <ul>
 *   <li>{@code node_msgs_per_s} (CURVE) beside PUSH -> PULL (CURVE);</li>
 *   <li>{@code node_rtt_us_median} (a {@code call}, CURVE) beside REQ/REP (CURVE);</li>
 *   <li>{@code forwarder_msgs_per_s} beside a bare XSUB/XPUB {@code ZMQ.proxy};</li>
 *   <li>{@code streamer_msgs_per_s} beside a bare PULL/PUSH {@code ZMQ.proxy} (no flow control);</li>
 *   <li>{@code node_plain_msgs_per_s} beside plaintext PUSH -> PULL, and {@code curve_overhead_ratio}
 *       (CURVE / plaintext) beside the same ratio of the bare sockets.</li>
 * </ul>
 * Alone (no peer): {@code curve_seal_open_mb_per_s} and {@code curve_seal_open_per_s_100b}, CURVE's box
 * work on one thread ({@link CurveAlone}), for 12 KiB node frames and for 100-byte messages.
 */
public final class NetComparison {
    static final List<String> KEYS = List.of("node_msgs_per_s", "node_rtt_us_median", "forwarder_msgs_per_s",
            "streamer_msgs_per_s", "node_plain_msgs_per_s", "curve_overhead_ratio");

    /** A node frame of batched messages as the CURVE figure sends them (about 90 messages of 100 B plus headers). */
    private static final int NODE_FRAME = 12 * 1024;
    private final Consumer<String> progress;

    public NetComparison(Consumer<String> progress) {
        this.progress = progress;
    }

    /** One side's round, in the order of {@link #KEYS}. */
    private static double[] round(NetBench side, NetSecurity curve, NetSecurity plain, Duration run) throws Exception {
        double c = side.throughput(curve, run);
        double rtt = side.roundTrip(curve, run);
        double fwd = side.forwarder(curve, run);
        double str = side.streamer(curve, run);
        double p = side.throughput(plain, run);
        return new double[]{c, rtt, fwd, str, p, c / p};
    }

    /** One unrecorded warm-up round per side, then {@code rounds} pairs, each measurement lasting {@code run}. */
    public Map<String, Number> run(Duration run, int rounds) throws Exception {
        NetSecurity curve = NetSecurity.curve(ClusterSecret.of("bench-" + System.nanoTime()));
        NetSecurity plain = NetSecurity.plaintext();
        NodeBench ours = new NodeBench(progress);
        JeroMqBench peer = new JeroMqBench(progress);
        PairedRounds paired = new PairedRounds(progress);
        paired.compare(KEYS, 1, rounds, () -> round(ours, curve, plain, run), () -> round(peer, curve, plain, run));
        // CURVE's own work, alone on one thread: the ceiling any CURVE transport on this machine has.
        paired.alone("curve_seal_open_mb_per_s", 1, rounds, () -> new double[]{CurveAlone.sealOpenPerSecond(NODE_FRAME, 0.5) * NODE_FRAME / 1e6});
        paired.alone("curve_seal_open_per_s_100b", 1, rounds, () -> new double[]{CurveAlone.sealOpenPerSecond(NodeBench.PAYLOAD, 0.5)});
        return paired.figures();
    }
}
