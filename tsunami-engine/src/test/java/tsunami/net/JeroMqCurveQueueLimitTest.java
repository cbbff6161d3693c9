package tsunami.net;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Minimal reproduction, with bare JeroMQ sockets, of the upstream bug that {@link SocketDefaults}
 * works around: under CURVE, a receive queue that reaches its high-water mark loses a message and
 * hands the application the undecrypted frame instead. If the first test starts failing after a
 * JeroMQ upgrade, the bug is fixed upstream and the receive-limit rules in SocketDefaults can go.
 */
class JeroMqCurveQueueLimitTest {
    private static final int MESSAGES = 3000;

    private record Outcome(int intact, int rawCurveFrames, int missing) {
    }

    /** A PUSH sends a burst to a PULL that reads nothing until the burst has piled up in its queue. */
    private static Outcome burstIntoIdleReader(int receiveLimit) throws Exception {
        CurveKeys keys = ClusterSecret.of("queue-limit-test").deriveKeys();
        try (ZContext ctx = new ZContext(1)) {
            ZMQ.Socket pull = ctx.getContext().socket(SocketType.PULL);
            ZMQ.Socket push = ctx.getContext().socket(SocketType.PUSH);
            try {
                pull.setCurveServer(true);
                pull.setCurveSecretKey(keys.secretKey());
                push.setCurveServerKey(keys.publicKey());
                push.setCurvePublicKey(keys.publicKey());
                push.setCurveSecretKey(keys.secretKey());
                pull.setRcvHWM(receiveLimit);
                push.setSndHWM(0);
                pull.setLinger(0);
                push.setLinger(0);
                int port = pull.bindToRandomPort("tcp://127.0.0.1");
                push.connect("tcp://127.0.0.1:" + port);
                for (int i = 0; i < MESSAGES; i++) push.send(ByteBuffer.allocate(100).putInt(0, i).array(), 0);
                Thread.sleep(1000); // let the burst reach the reader's queue (and its limit, if it has one)
                pull.setReceiveTimeOut(1500);
                int intact = 0, raw = 0;
                byte[] m;
                while (intact + raw < MESSAGES && (m = pull.recv()) != null) {
                    if (m.length == 100) intact++;
                    else if (m.length > 8 && m[0] == 7 && "MESSAGE".equals(new String(m, 1, 7, StandardCharsets.US_ASCII))) raw++;
                    else fail("unexpected frame of " + m.length + " bytes");
                }
                return new Outcome(intact, raw, MESSAGES - intact);
            } finally {
                push.close();
                pull.close();
            }
        }
    }

    @Test
    void curveQueueAtItsLimitLosesMessagesAndSurfacesRawFrames() throws Exception {
        Outcome o = burstIntoIdleReader(100);
        assertTrue(o.rawCurveFrames() > 0 && o.missing() > 0,
                "JeroMQ no longer loses CURVE messages at a full receive queue (" + o + "): SocketDefaults' limits may be relaxed");
    }

    @Test
    void curveQueueWithoutALimitDeliversEveryMessage() throws Exception {
        assertEquals(new Outcome(MESSAGES, 0, 0), burstIntoIdleReader(0));
    }
}
