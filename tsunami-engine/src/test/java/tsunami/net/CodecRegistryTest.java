package tsunami.net;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class CodecRegistryTest {
    record Observation(int step, String unit, float[] features, FloatTensor pixels, List<Object> tags, boolean done) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Observation x && x.step == step && x.unit.equals(unit) && Arrays.equals(x.features, features)
                    && x.pixels.equals(pixels) && x.tags.equals(tags) && x.done == done;
        }

        @Override
        public int hashCode() {
            return step;
        }
    }

    record Positive(int value) {
        Positive {
            if (value <= 0) throw new IllegalArgumentException("value must be positive");
        }
    }

    enum Race { TERRAN, ZERG, PROTOSS }

    private final CodecRegistry registry = new CodecRegistry()
            .registerRecord(300, Observation.class)
            .registerRecord(301, Positive.class)
            .registerEnum(302, Race.class);

    @Test
    void builtInValuesRoundTrip() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put(2L, List.of(3.5, "x"));
        Object[] values = {null, true, false, 42, -7L, 1.5f, 2.25, "héllo ⚡", new byte[]{1, 2, 3}, new int[]{1, -2},
                new long[]{Long.MAX_VALUE}, new float[]{0.5f, Float.NaN}, new double[]{1e300}, List.of(1, "two", List.of(3L)), map,
                new FloatTensor(new int[]{2, 3}, new float[]{1, 2, 3, 4, 5, 6}), new IntTensor(new int[]{2}, new int[]{7, 8})};
        for (Object v : values) {
            Object back = registry.decode(registry.encode(v));
            assertTrue(v == null ? back == null : deepEquals(v, back), "round trip of " + v + " gave " + back);
        }
    }

    private static boolean deepEquals(Object a, Object b) {
        return Arrays.deepEquals(new Object[]{a}, new Object[]{b});
    }

    @Test
    void registeredRecordsAndEnumsRoundTrip() {
        Observation obs = new Observation(17, "Marine", new float[]{0.25f, 1f}, new FloatTensor(new int[]{1, 2}, new float[]{3, 4}),
                List.of("kite", 2), true);
        assertEquals(obs, registry.decode(registry.encode(obs)));
        assertEquals(Race.ZERG, registry.decode(registry.encode(Race.ZERG)));
        assertEquals(List.of(new Positive(3), Race.PROTOSS), registry.decode(registry.encode(List.of(new Positive(3), Race.PROTOSS))));
    }

    @Test
    void unregisteredTypeIsRefusedAtTheSender() {
        record Unknown(int x) {
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.encode(new Unknown(1)));
        assertTrue(e.getMessage().contains("no wire codec registered"), e.getMessage());
    }

    @Test
    void unknownTagIsRejected() {
        byte[] frame = registry.encode(new Positive(5));
        frame[1] = (byte) 0x99; // tag 0x0199 = 409: never registered
        WireException e = assertThrows(WireException.class, () -> registry.decode(frame));
        assertTrue(e.getMessage().contains("unknown message tag 409"), e.getMessage());
    }

    @Test
    void recordConstructorValidationMakesTheFrameMalformed() {
        byte[] frame = registry.encode(new Positive(5));
        frame[frame.length - 4] = 0; // the int body: 5 -> 0, which the constructor refuses
        WireException e = assertThrows(WireException.class, () -> registry.decode(frame));
        assertTrue(e.getMessage().contains("value must be positive"), e.getMessage());
    }

    @Test
    void wrongComponentTypeIsRejected() {
        record ImpostorPositive(String value) {
        }
        CodecRegistry other = new CodecRegistry().registerRecord(301, ImpostorPositive.class);
        WireException e = assertThrows(WireException.class, () -> registry.decode(other.encode(new ImpostorPositive("five"))));
        assertTrue(e.getMessage().contains("Positive.value"), e.getMessage());
    }

    @Test
    void forgedLengthIsCheckedBeforeAllocating() {
        WireWriter w = new WireWriter(32, 1024);
        w.writeByte(CodecRegistry.WIRE_VERSION);
        w.writeShortTag(CodecRegistry.FLOATS);
        w.writeInt(1 << 22); // claims 16 MiB of floats in a 9-byte frame (within the element limit)
        WireException e = assertThrows(WireException.class, () -> registry.decode(w.toByteArray()));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void limitsOnFramesStringsAndNesting() {
        CodecRegistry small = new CodecRegistry(new WireLimits(256, 8, 16, 3, 4));
        assertThrows(IllegalArgumentException.class, () -> small.encode(new byte[300]), "sender refuses oversized frame");
        assertThrows(WireException.class, () -> small.decode(new byte[257]));
        assertThrows(WireException.class, () -> small.decode(registry.encode("a string longer than eight bytes")));
        assertThrows(WireException.class, () -> small.decode(registry.encode(new int[17])));
        assertEquals(List.of(List.of(List.of())), small.decode(small.encode(List.of(List.of(List.of())))));
        assertThrows(WireException.class, () -> small.decode(registry.encode(List.of(List.of(List.of(List.of()))))));
    }

    @Test
    void tensorShapeMustMatchItsBody() {
        WireWriter w = new WireWriter(32, 1024);
        w.writeByte(CodecRegistry.WIRE_VERSION);
        w.writeShortTag(CodecRegistry.FLOAT_TENSOR);
        w.writeInts(new int[]{2, 2});
        w.writeFloats(new float[3]);
        assertThrows(WireException.class, () -> registry.decode(w.toByteArray()));
    }

    @Test
    void wrongVersionAndTrailingBytesAreRejected() {
        byte[] frame = registry.encode(1);
        frame[0] = 9;
        assertTrue(assertThrows(WireException.class, () -> registry.decode(frame)).getMessage().contains("version 9"));
        byte[] longer = Arrays.copyOf(registry.encode(1), 8);
        assertTrue(assertThrows(WireException.class, () -> registry.decode(longer)).getMessage().contains("trailing"));
    }

    @Test
    void duplicateTagsAndReservedTagsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> registry.registerRecord(300, Positive.class));
        assertThrows(IllegalArgumentException.class, () -> new CodecRegistry().registerRecord(5, Positive.class));
    }
}
