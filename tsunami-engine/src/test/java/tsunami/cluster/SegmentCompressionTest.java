package tsunami.cluster;

import org.junit.jupiter.api.Test;
import tsunami.net.WireException;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class SegmentCompressionTest {
    @Test
    void roundTripsAndShrinksWhatRepeats() {
        byte[] encoded = new byte[300_000];
        Random rnd = new Random(3);
        for (int i = 0; i < encoded.length; i += 4) encoded[i] = (byte) rnd.nextInt(8); // mostly zeros, like masked slots
        byte[] frame = SegmentCompression.deflate(encoded);
        assertEquals(SegmentCompression.DEFLATED, frame[0]);
        assertTrue(frame.length < encoded.length / 3, "deflated to " + frame.length);
        assertArrayEquals(encoded, SegmentCompression.inflate(frame, encoded.length));
        assertArrayEquals(new byte[0], SegmentCompression.inflate(SegmentCompression.deflate(new byte[0]), 10));
    }

    @Test
    void refusesOtherFormatsDamageTruncationAndBombs() {
        byte[] frame = SegmentCompression.deflate(new byte[100_000]);
        assertThrows(WireException.class, () -> SegmentCompression.inflate(new byte[0], 1 << 20));
        byte[] other = frame.clone();
        other[0] = 7;
        assertTrue(assertThrows(WireException.class, () -> SegmentCompression.inflate(other, 1 << 20)).getMessage().contains("format byte 7"));
        assertThrows(WireException.class, () -> SegmentCompression.inflate(Arrays.copyOf(frame, frame.length / 2), 1 << 20));
        byte[] damaged = frame.clone();
        for (int i = 1; i < damaged.length; i++) damaged[i] ^= (byte) 0x5a;
        assertThrows(WireException.class, () -> SegmentCompression.inflate(damaged, 1 << 20));
        // 100 KB of zeros is a few hundred bytes deflated: a limit below what it inflates to refuses it
        assertTrue(assertThrows(WireException.class, () -> SegmentCompression.inflate(frame, 50_000)).getMessage().contains("past 50000"));
    }
}
