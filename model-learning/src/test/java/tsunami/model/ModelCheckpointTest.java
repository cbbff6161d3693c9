package tsunami.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tsunami.env.FightSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCheckpointTest {
    @TempDir
    Path dir;

    private static WorldModel someModel() {
        WorldModel m = new WorldModel(KnownTransitions.SPEC, 8, new WorldModel.Settings(2, 32, 1e-3, 11));
        m.train(0, KnownTransitions.many(32, true, 1));
        m.train(1, KnownTransitions.many(32, false, 2));
        return m;
    }

    @Test
    void savedModelPredictsTheSameAfterLoading() throws Exception {
        WorldModel model = someModel();
        Path file = dir.resolve("m.tswm");
        ModelCheckpoint.save(model, file);
        WorldModel loaded = ModelCheckpoint.load(file, KnownTransitions.SPEC);
        var t = KnownTransitions.many(5, true, 3);
        var states = t.stream().map(Transition::before).toList();
        var actions = t.stream().map(Transition::actions).toList();
        for (int member = -1; member < 2; member++) {
            var a = model.predict(states, actions, member);
            var b = loaded.predict(states, actions, member);
            for (int i = 0; i < states.size(); i++) {
                assertArrayEquals(a.next()[i].x, b.next()[i].x);
                assertArrayEquals(a.next()[i].hitPoints, b.next()[i].hitPoints);
            }
            assertArrayEquals(a.reward(), b.reward());
        }
        assertEquals(2, loaded.members());
    }

    @Test
    void corruptCheckpointIsRefusedAndTheFileKept() throws Exception {
        Path file = dir.resolve("m.tswm");
        ModelCheckpoint.save(someModel(), file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(file, bytes);
        var e = assertThrows(ModelCheckpoint.CorruptCheckpoint.class, () -> ModelCheckpoint.load(file, KnownTransitions.SPEC));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("checksum"), e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(file), "a refused checkpoint is left as it was");

        Files.write(file, java.util.Arrays.copyOf(bytes, 40));
        assertThrows(ModelCheckpoint.CorruptCheckpoint.class, () -> ModelCheckpoint.load(file, KnownTransitions.SPEC));
        Files.write(file, new byte[3]);
        var shortFile = assertThrows(ModelCheckpoint.CorruptCheckpoint.class, () -> ModelCheckpoint.load(file, KnownTransitions.SPEC));
        assertTrue(shortFile.getMessage().contains("too short"), shortFile.getMessage());
    }

    @Test
    void checkpointOfAnotherFightIsRefused() throws Exception {
        Path file = dir.resolve("m.tswm");
        ModelCheckpoint.save(someModel(), file);
        FightSpec bigger = new FightSpec(2, 1, 1, new int[]{0, 0, 0}, new float[]{40, 40, 40}, new float[3], new float[]{15, 15, 15},
                1024, 1024, 11, 10, 1);
        var e = assertThrows(ModelCheckpoint.CorruptCheckpoint.class, () -> ModelCheckpoint.load(file, bigger));
        assertTrue(e.getMessage().contains("1 vs 1"), e.getMessage());
    }

    @Test
    void storeSplitsWholeEpisodesAndBoundsTraining() {
        TransitionStore store = new TransitionStore(10, 5, 2);
        List<Transition> ts = KnownTransitions.many(40, true, 4);   // episodes 0..39
        ts.forEach(store::add);
        assertEquals(10, store.trainingSize());
        assertEquals(40, store.added());
        // held out: episodes 0, 5, .., 35, of which the last 2 are kept
        assertEquals(2, store.heldOutTrajectories().size());
        assertEquals(30, store.heldOutTrajectories().get(0).get(0).episode());
        for (Transition t : store.sample(100, new java.util.SplittableRandom(1))) assertTrue(t.episode() % 5 != 0);
    }
}
