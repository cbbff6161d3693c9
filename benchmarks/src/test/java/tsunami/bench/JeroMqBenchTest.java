package tsunami.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tsunami.net.ClusterSecret;
import tsunami.net.NetSecurity;

/** The bare JeroMQ peers of {@code bench net} deliver, over real loopback sockets, plain and CURVE. */
class JeroMqBenchTest {
    private static final Duration RUN = Duration.ofMillis(300);
    private final JeroMqBench bench = new JeroMqBench(line -> { });
    private final NetSecurity curve = NetSecurity.curve(ClusterSecret.of("jeromq-bench-test"));

    @Test
    void pushPullDeliversUntilTheEndMarkerPlainAndCurve() throws Exception {
        assertTrue(bench.throughput(NetSecurity.plaintext(), RUN) > 0);
        assertTrue(bench.throughput(curve, RUN) > 0);
    }

    @Test
    void reqRepEchoesUnderCurve() throws Exception {
        assertTrue(bench.roundTrip(curve, RUN) > 0);
    }

    @Test
    void bareProxiesForwardAndStopThroughTheirControlSocket() throws Exception {
        assertTrue(bench.forwarder(curve, RUN) > 0);
        assertTrue(bench.streamer(curve, RUN) > 0);
    }

    @Test
    void curveBoxesSealAndOpen() {
        assertTrue(CurveAlone.sealOpenPerSecond(100, 0.05) > 0);
        assertTrue(CurveAlone.sealOpenPerSecond(12 * 1024, 0.05) > 0);
    }
}
