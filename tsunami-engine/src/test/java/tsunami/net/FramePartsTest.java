package tsunami.net;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Frames split into parts on a real ZeroMQ socket pair and joined back, at and around the part size. */
class FramePartsTest {
    @Test
    void framesOfEverySizeAroundThePartSizeArriveWholeAndInOrder() {
        int part = 1000;
        int[] sizes = {0, 1, part - 1, part, part + 1, 2 * part, 3 * part + 7};
        Random random = new Random(3);
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket out = ctx.createSocket(SocketType.PUSH), in = ctx.createSocket(SocketType.PULL);
            in.bind("inproc://frame-parts");
            out.connect("inproc://frame-parts");
            List<byte[]> sent = new ArrayList<>();
            for (int size : sizes) {
                byte[] frame = new byte[size];
                random.nextBytes(frame);
                sent.add(frame);
                assertTrue(FrameParts.send(out, frame, part));
            }
            for (int i = 0; i < sizes.length; i++) {
                List<byte[]> parts = new ArrayList<>();
                do {
                    byte[] p = in.recv();
                    assertTrue(p.length <= part, "a part of " + p.length + " bytes");
                    parts.add(p);
                } while (in.hasReceiveMore());
                assertEquals(Math.max(1, (sizes[i] + part - 1) / part), parts.size(), "parts for " + sizes[i] + " bytes");
                assertArrayEquals(sent.get(i), FrameParts.join(parts), "frame of " + sizes[i] + " bytes");
            }
        }
    }
}
