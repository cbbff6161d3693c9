package tsunami.bots.replay;

import tsunami.BadInputException;
import tsunami.bots.arena.Arena;
import tsunami.bots.scenario.ScenarioLoader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;

/**
 * The replay file format ({@code .tsr}): magic "TSRP", format version, the arena's rules version
 * ({@link Arena#RULES_VERSION}: a replay re-runs the game, so one recorded under other rules
 * would not reproduce and is refused with a message saying so), then the fields of
 * {@link Replay} (big-endian, strings as length + UTF-8), then a CRC-32 of everything before it.
 * Written to a temporary name and renamed into place.
 */
public final class ReplayFile {
    private static final int MAGIC = 0x54535250; // "TSRP"
    /** 2: adds the rules version after the format version (format 1 files predate it). */
    private static final int VERSION = 2;
    private static final int MAX_STRING = 1 << 20;

    private ReplayFile() {
    }

    public static byte[] encode(Replay r) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024 + r.commands().length * 4);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(Arena.RULES_VERSION);
            writeString(out, r.scenarioSource());
            writeString(out, r.scenarioText());
            out.writeLong(r.seed());
            writeString(out, r.red());
            writeString(out, r.blue());
            out.writeInt(r.commandCount());
            int[] c = r.commands();
            for (int i = 0; i < c.length; i += Replay.COMMAND_INTS) {
                out.writeInt(c[i]);      // frame
                out.writeShort(c[i + 1]); // unit
                out.writeByte(c[i + 2]);  // order
                out.writeShort(c[i + 3]); // target (-1 none)
                out.writeShort(c[i + 4]); // x
                out.writeShort(c[i + 5]); // y
            }
            out.writeInt(r.hashes().length);
            for (long h : r.hashes()) out.writeLong(h);
            out.writeInt(r.frames());
            out.writeByte(r.winner());
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, Replay r) throws IOException {
        byte[] data = encode(r);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, data);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static Replay read(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read replay " + file + ": " + e.getMessage(), e);
        }
        return decode(data, file.toString());
    }

    public static Replay decode(byte[] data, String source) {
        if (data.length < 12) throw new BadInputException("replay " + source + " is truncated (" + data.length + " bytes)");
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            if (in.readInt() != MAGIC) throw new BadInputException("replay " + source + " is not a Tsunami replay (bad magic number)");
            int version = in.readInt();
            if (version == 1) {
                throw new BadInputException("replay " + source + " was recorded under arena rules 1 (before the BW unit-AI"
                        + " rules of 2026-12); this build plays arena rules " + Arena.RULES_VERSION
                        + " and cannot reproduce it: record it again");
            }
            if (version != VERSION) throw new BadInputException("replay " + source + " has version " + version + "; this build reads version " + VERSION);
            int rules = in.readInt();
            if (rules != Arena.RULES_VERSION) {
                throw new BadInputException("replay " + source + " was recorded under arena rules " + rules
                        + "; this build plays arena rules " + Arena.RULES_VERSION + " and cannot reproduce it: record it again");
            }
            CRC32 crc = new CRC32();
            crc.update(data, 0, data.length - 4);
            int stored = ((data[data.length - 4] & 0xff) << 24) | ((data[data.length - 3] & 0xff) << 16)
                    | ((data[data.length - 2] & 0xff) << 8) | (data[data.length - 1] & 0xff);
            if (stored != (int) crc.getValue()) {
                throw new BadInputException("replay " + source + " is corrupt or truncated (checksum mismatch)");
            }
            String scenarioSource = readString(in, source);
            String scenarioText = readString(in, source);
            long seed = in.readLong();
            String red = readString(in, source);
            String blue = readString(in, source);
            int n = in.readInt();
            if (n < 0 || n > data.length / 13) throw new BadInputException("replay " + source + ": bad command count " + n);
            int[] c = new int[n * Replay.COMMAND_INTS];
            for (int i = 0; i < c.length; i += Replay.COMMAND_INTS) {
                c[i] = in.readInt();
                c[i + 1] = in.readShort();
                c[i + 2] = in.readByte();
                c[i + 3] = in.readShort();
                c[i + 4] = in.readShort();
                c[i + 5] = in.readShort();
            }
            int h = in.readInt();
            if (h < 0 || h > data.length / 8) throw new BadInputException("replay " + source + ": bad hash count " + h);
            long[] hashes = new long[h];
            for (int i = 0; i < h; i++) hashes[i] = in.readLong();
            int frames = in.readInt();
            int winner = in.readByte();
            checkScenario(scenarioText, scenarioSource, source);
            return new Replay(scenarioSource, scenarioText, seed, red, blue, c, hashes, frames, winner);
        } catch (EOFException e) {
            throw new BadInputException("replay " + source + " is truncated", e);
        } catch (IOException e) {
            throw new BadInputException("cannot read replay " + source + ": " + e.getMessage(), e);
        }
    }

    /** The scenario a replay carries passes the same checks as a scenario file. */
    private static void checkScenario(String text, String scenarioSource, String source) {
        try {
            new ScenarioLoader().parse(text, "scenario " + scenarioSource);
        } catch (BadInputException e) {
            throw new BadInputException("replay " + source + " carries an invalid scenario: " + e.getMessage(), e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in, String source) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > MAX_STRING) throw new BadInputException("replay " + source + ": bad string length " + len);
        byte[] b = new byte[len];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
