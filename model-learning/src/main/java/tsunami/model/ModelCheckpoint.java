package tsunami.model;

import org.nd4j.linalg.factory.Nd4j;
import tsunami.env.FightSpec;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;

/**
 * Saves and loads a {@link WorldModel}'s parameters. The file is a magic word, a format version,
 * the ensemble settings and the fight shape it was trained on, every member's flat parameters, and
 * a CRC-32 of all of it: a truncated or altered file is refused with a {@link CorruptCheckpoint}
 * naming the file and what is wrong, and the model being loaded into is left as it was. Saving
 * writes a temporary file and moves it into place, so a crash mid-save leaves the previous file.
 * (Optimizer moments are not saved: a resumed model restarts Adam from its parameters.)
 */
public final class ModelCheckpoint {
    private static final int MAGIC = 0x54535744; // "TSWD"
    private static final int VERSION = 1;

    /** A model checkpoint that cannot be loaded: damaged, truncated, or for another fight. */
    public static final class CorruptCheckpoint extends IOException {
        public CorruptCheckpoint(Path file, String what) {
            super("model checkpoint " + file + " refused: " + what);
        }
    }

    private ModelCheckpoint() {
    }

    public static void save(WorldModel model, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        WorldModel.Settings s = model.settings();
        out.writeInt(s.members());
        out.writeInt(s.hidden());
        out.writeDouble(s.learningRate());
        out.writeLong(s.seed());
        out.writeInt(model.frameSkip());
        out.writeInt(model.spec().learnerUnits());
        out.writeInt(model.spec().opponentUnits());
        out.writeInt(model.unitInputs());
        for (int m = 0; m < model.members(); m++) {
            EnsembleMember member = model.member(m);
            synchronized (member) {
                writeFloats(out, EnsembleMember.flat(member.unitNet.params()));
                writeFloats(out, EnsembleMember.flat(member.outcomeNet.params()));
            }
        }
        out.flush();
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream f = new DataOutputStream(Files.newOutputStream(tmp))) {
            f.write(body);
            f.writeLong(crc.getValue());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Loads a checkpoint as a new model for {@code spec}; refuses a damaged file or one made for another fight. */
    public static WorldModel load(Path file, FightSpec spec) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 8 + 8) throw new CorruptCheckpoint(file, "only " + all.length + " bytes, too short to be a model checkpoint");
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = new DataInputStream(new ByteArrayInputStream(all, all.length - 8, 8)).readLong();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8));
        if (in.readInt() != MAGIC) throw new CorruptCheckpoint(file, "not a model checkpoint (wrong magic word)");
        if (stored != crc.getValue()) throw new CorruptCheckpoint(file, "checksum mismatch: the file is damaged or truncated");
        int version = in.readInt();
        if (version != VERSION) throw new CorruptCheckpoint(file, "format version " + version + ", this build reads " + VERSION);
        WorldModel.Settings s = new WorldModel.Settings(in.readInt(), in.readInt(), in.readDouble(), in.readLong());
        int frameSkip = in.readInt(), learners = in.readInt(), opponents = in.readInt(), inputs = in.readInt();
        if (learners != spec.learnerUnits() || opponents != spec.opponentUnits()) {
            throw new CorruptCheckpoint(file, "trained on " + learners + " vs " + opponents + " units, this fight has "
                    + spec.learnerUnits() + " vs " + spec.opponentUnits());
        }
        WorldModel model = new WorldModel(spec, frameSkip, s);
        if (inputs != model.unitInputs()) {
            throw new CorruptCheckpoint(file, "unit input width " + inputs + ", this fight needs " + model.unitInputs()
                    + " (different unit types or actions)");
        }
        for (int m = 0; m < s.members(); m++) {
            EnsembleMember member = model.member(m);
            float[] unit = readFloats(in, file, member.unitNet.numParams());
            float[] outcome = readFloats(in, file, member.outcomeNet.numParams());
            member.unitNet.setParams(Nd4j.create(unit, new int[]{1, unit.length}));
            member.outcomeNet.setParams(Nd4j.create(outcome, new int[]{1, outcome.length}));
        }
        return model;
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        for (float f : v) out.writeFloat(f);
    }

    private static float[] readFloats(DataInputStream in, Path file, long expected) throws IOException {
        int n = in.readInt();
        if (n != expected) throw new CorruptCheckpoint(file, "a network with " + n + " parameters where " + expected + " were expected");
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = in.readFloat();
        return v;
    }
}
