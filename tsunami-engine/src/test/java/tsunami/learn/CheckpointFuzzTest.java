package tsunami.learn;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tsunami.BadInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Hostile checkpoint files: bytes flipped, cut or inserted anywhere, and then (so that the decoder,
 * not only the checksum, meets them) the same damage with a checksum that matches. Reading may
 * only succeed or throw {@link BadInputException}, promptly, without exhausting memory.
 */
class CheckpointFuzzTest {
    private static final byte[] VALID = validCheckpoint();

    private static byte[] validCheckpoint() {
        PolicyConfig config = PolicyConfig.defaults(12, 5).withHidden(8);
        float[] params = PolicyNetwork.initialParams(config, 3);
        Map<String, Long> counters = new LinkedHashMap<>(Map.of("frames", 1234L, "episodes", 56L));
        Map<String, String> meta = new LinkedHashMap<>(Map.of("scenario", "m5v5", "opponent", "attack-move"));
        return CheckpointStore.encode(new Checkpoint(config, new ParameterSnapshot(7, params, new float[params.length], new float[params.length], 99), counters, meta));
    }

    /** A damage: at {@code at} (a fraction of the length) replace {@code cut} bytes with {@code insert}. */
    record Damage(double at, int cut, byte[] insert, boolean fixChecksum) {
        byte[] apply(byte[] valid) {
            int body = valid.length - 8;
            int i = (int) (body * at), end = Math.min(body, i + cut);
            byte[] out = new byte[body - (end - i) + insert.length + (fixChecksum ? 8 : 0)];
            System.arraycopy(valid, 0, out, 0, i);
            System.arraycopy(insert, 0, out, i, insert.length);
            System.arraycopy(valid, end, out, i + insert.length, body - end);
            if (fixChecksum) {
                CRC32 crc = new CRC32();
                crc.update(out, 0, out.length - 8);
                ByteBuffer.wrap(out, out.length - 8, 8).putLong(crc.getValue());
            }
            return out;
        }
    }

    @Property(tries = 500)
    void damagedCheckpointsAreReadOrRefusedClearly(@ForAll("damages") Damage damage) throws IOException {
        Path file = Files.createTempFile("fuzz", ".tsck");
        try {
            Files.write(file, damage.apply(VALID));
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    CheckpointStore.read(file);
                } catch (BadInputException expected) {
                    // a clear refusal naming the file is the other allowed outcome
                }
            });
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Provide
    Arbitrary<Damage> damages() {
        // sizes and counts are 4- or 8-byte big-endian numbers: plant the values that break naive readers
        Arbitrary<byte[]> hostile = Arbitraries.of(List.of(
                new byte[]{0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, new byte[]{(byte) 0x80, 0, 0, 0},
                new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, new byte[]{0, 0, 0, 0},
                new byte[]{0x7f, (byte) 0xf0, 0, 0, 0, 0, 0, 0}, new byte[]{(byte) 0xff, (byte) 0xf8, 0, 0, 0, 0, 0, 1}));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(16);
        return net.jqwik.api.Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 16),
                Arbitraries.oneOf(hostile, random), Arbitraries.of(true, false)).as(Damage::new);
    }
}
