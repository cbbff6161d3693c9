package tsunami.bots.replay;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tsunami.BadInputException;
import tsunami.bots.scenario.ScenarioLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Hostile replay files: a real replay's bytes flipped, cut or inserted, with the checksum fixed
 * half of the time so that the decoder itself meets the damage (counts, string lengths, the
 * scenario text). Decoding may only succeed or throw {@link BadInputException}, promptly.
 */
class ReplayFuzzTest {
    private static final byte[] VALID = validReplay();

    private static byte[] validReplay() {
        String text;
        try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream("tsunami/bots/scenarios/m5v5.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int[] commands = new int[4 * Replay.COMMAND_INTS];
        for (int i = 0; i < commands.length; i++) commands[i] = i % 5;
        return ReplayFile.encode(new Replay("m5v5", text, 42, "attack-move", "guard", commands, new long[]{1, 2, 3}, 300, 1));
    }

    record Damage(double at, int cut, byte[] insert, boolean fixChecksum) {
        byte[] apply(byte[] valid) {
            int body = valid.length - 4;
            int i = (int) (body * at), end = Math.min(body, i + cut);
            byte[] out = new byte[body - (end - i) + insert.length + 4];
            System.arraycopy(valid, 0, out, 0, i);
            System.arraycopy(insert, 0, out, i, insert.length);
            System.arraycopy(valid, end, out, i + insert.length, body - end);
            CRC32 crc = new CRC32();
            crc.update(out, 0, out.length - 4);
            int c = fixChecksum ? (int) crc.getValue() : (int) crc.getValue() ^ 1;
            for (int k = 0; k < 4; k++) out[out.length - 4 + k] = (byte) (c >>> (24 - 8 * k));
            return out;
        }
    }

    @Property(tries = 500)
    void damagedReplaysAreReadOrRefusedClearly(@ForAll("damages") Damage damage) {
        byte[] bytes = damage.apply(VALID);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                ReplayFile.decode(bytes, "fuzz.tsr");
            } catch (BadInputException expected) {
                // refused with a message naming the file
            }
        });
    }

    @Provide
    Arbitrary<Damage> damages() {
        Arbitrary<byte[]> hostile = Arbitraries.of(List.of(
                new byte[]{0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, new byte[]{(byte) 0x80, 0, 0, 0},
                new byte[]{(byte) 0xff, (byte) 0xff}, new byte[]{0, 0, 0, 0}, new byte[]{(byte) 0xc3}, new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80}));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(16);
        return Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 16),
                Arbitraries.oneOf(hostile, random), Arbitraries.of(true, false)).as(Damage::new);
    }
}
