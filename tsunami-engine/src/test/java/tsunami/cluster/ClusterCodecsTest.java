package tsunami.cluster;

import org.junit.jupiter.api.Test;
import tsunami.actor.Pid;
import tsunami.learn.EpisodeResult;
import tsunami.learn.PolicyConfig;
import tsunami.learn.Trajectory;
import tsunami.learn.TrajectorySource;
import tsunami.net.CodecRegistry;
import tsunami.net.WireException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterCodecsTest {
    private final CodecRegistry codecs = ClusterCodecs.create();

    /** A segment of 3 steps × 2 agents, 4 observation floats, 3 actions, 2 state floats, every value distinct. */
    static Trajectory segment() {
        int steps = 3, agents = 2, o = 4, a = 3, ss = 2, n = steps * agents;
        float[] obs = new float[(steps + 1) * agents * o];
        for (int i = 0; i < obs.length; i++) obs[i] = i * 0.5f;
        byte[] masks = new byte[(steps + 1) * agents * a];
        for (int i = 0; i < masks.length; i++) masks[i] = (byte) (i % 2);
        int[] actions = new int[n], advice = new int[n];
        float[] logp = new float[n], rewards = new float[n];
        byte[] continues = new byte[n], valid = new byte[n];
        for (int i = 0; i < n; i++) {
            actions[i] = i % a;
            advice[i] = -1;
            logp[i] = -0.1f * i;
            rewards[i] = i == n - 1 ? 1 : 0;
            continues[i] = (byte) (i == n - 1 ? 0 : 1);
            valid[i] = 1;
        }
        float[] states = new float[(steps + 1) * agents * ss];
        for (int i = 0; i < states.length; i++) states[i] = -i;
        return new Trajectory(new TrajectorySource(TrajectorySource.ENV_WORKER, "actor-a", "env-worker-0"), steps, agents, o, a, obs, masks,
                actions, logp, rewards, continues, valid, advice, new long[]{7, 7, 8}, 48,
                List.of(new EpisodeResult((byte) 1, 0.75f, 320), new EpisodeResult((byte) 2, -1f, 96)), ss, states);
    }

    @Test
    void aSegmentCrossesTheWireWhole() {
        Trajectory t = segment();
        Trajectory back = ClusterCodecs.decodeSegment(codecs, codecs.encode(t));
        assertEquals(t.source(), back.source());
        assertEquals(t.steps(), back.steps());
        assertEquals(t.agents(), back.agents());
        assertArrayEquals(t.observations(), back.observations());
        assertArrayEquals(t.masks(), back.masks());
        assertArrayEquals(t.actions(), back.actions());
        assertArrayEquals(t.behaviourLogp(), back.behaviourLogp());
        assertArrayEquals(t.rewards(), back.rewards());
        assertArrayEquals(t.continues(), back.continues());
        assertArrayEquals(t.valid(), back.valid());
        assertArrayEquals(t.advice(), back.advice());
        assertArrayEquals(t.policyVersions(), back.policyVersions());
        assertArrayEquals(t.states(), back.states());
        assertEquals(t.frames(), back.frames());
        assertEquals(t.finishedEpisodes(), back.finishedEpisodes());
    }

    @Test
    void theRetaggedSegmentNamesItsNodeAsRemote() {
        Trajectory r = SegmentIntake.retagged(segment());
        assertEquals(new TrajectorySource(TrajectorySource.REMOTE, "actor-a", "env-worker-0"), r.source());
        assertEquals(segment().validSamples(), r.validSamples());
    }

    @Test
    void parametersAndTheJoinConversationCrossTheWire() {
        float[] params = {1f, -2f, 3.5f};
        ClusterMessages.Parameters p = ClusterCodecs.decodeParameters(codecs, codecs.encode(new ClusterMessages.Parameters(12, 34, params)), 3);
        assertEquals(12, p.version());
        assertEquals(34, p.sentAtMicros());
        assertArrayEquals(params, p.params());

        PolicyConfig policy = PolicyConfig.defaults(10, 4);
        ClusterMessages.Welcome w = new ClusterMessages.Welcome(Map.of("scenario", "m5v5", "opponent", "attack-move"), 9, policy, 16, 2048, 7401, 7402, 3);
        assertEquals(w, codecs.decode(codecs.encode(w)));
        ClusterMessages.Join j = new ClusterMessages.Join("actor-a", new Pid("actor-a", 5), 2, 32);
        assertEquals(j, codecs.decode(codecs.encode(j)));
        assertEquals(new ClusterMessages.RunOver("frames"), codecs.decode(codecs.encode(new ClusterMessages.RunOver("frames"))));
    }

    @Test
    void framesThatAreNotWhatTheyClaimAreRefused() {
        // parameters of another network's size
        byte[] three = codecs.encode(new ClusterMessages.Parameters(1, 0, new float[3]));
        WireException size = assertThrows(WireException.class, () -> ClusterCodecs.decodeParameters(codecs, three, 4));
        assertTrue(size.getMessage().contains("3 values for a policy of 4"), size.getMessage());
        // a segment where parameters are expected, and the other way round
        assertThrows(WireException.class, () -> ClusterCodecs.decodeParameters(codecs, codecs.encode(segment()), 3));
        assertThrows(WireException.class, () -> ClusterCodecs.decodeSegment(codecs, three));
        // every truncation of a segment's frame is refused, never half-read
        byte[] whole = codecs.encode(segment());
        for (int cut = 0; cut < whole.length; cut += 37) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThrows(RuntimeException.class, () -> ClusterCodecs.decodeSegment(codecs, part), "cut at " + cut);
        }
        // a segment whose arrays do not match its shape fails in the constructor, as a wire error
        byte[] lying = whole.clone();
        int stepsAt = indexOfInt(lying, 3);   // the first int 3 after the source: the steps field
        lying[stepsAt] = 4;
        assertThrows(WireException.class, () -> ClusterCodecs.decodeSegment(codecs, lying));
    }

    /** Offset of the first little-endian int {@code v} after the source's strings (the frame starts with the source). */
    private static int indexOfInt(byte[] b, int v) {
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        int after = s.indexOf("env-worker-0") + "env-worker-0".length();
        for (int i = after; i + 4 <= b.length; i++) {
            if ((b[i] & 0xff) == v && b[i + 1] == 0 && b[i + 2] == 0 && b[i + 3] == 0) return i;
        }
        throw new AssertionError("no int " + v + " in the frame");
    }
}
