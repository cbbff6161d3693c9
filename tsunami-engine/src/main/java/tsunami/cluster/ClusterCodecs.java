package tsunami.cluster;

import tsunami.learn.EpisodeResult;
import tsunami.learn.PolicyConfig;
import tsunami.learn.Trajectory;
import tsunami.learn.TrajectorySource;
import tsunami.net.CodecRegistry;
import tsunami.net.MessageCodec;
import tsunami.net.WireException;
import tsunami.net.WireReader;
import tsunami.net.WireWriter;

/**
 * The wire codecs of distributed training: trajectory segments (over the Streamer), parameter
 * broadcasts (over the Forwarder) and the join conversation (over the node network). Records go
 * through the registry's record codec, which type-checks every field and runs the canonical
 * constructor, so a malformed or foreign frame fails to decode (WireException) instead of
 * becoming a segment: {@link Trajectory}'s constructor checks every array against its shape.
 */
public final class ClusterCodecs {
    /** Tags of our types: user tags (from {@link CodecRegistry#FIRST_USER_TAG}), clear of the kernel's and the node's. */
    static final int EPISODE = 400, SOURCE = 401, TRAJECTORY = 402, POLICY = 403, JOIN = 404, WELCOME = 405, RUN_OVER = 406,
            PARAMETERS = 407;

    private ClusterCodecs() {
    }

    /** A fresh registry holding the distributed-training types (give it to the node's config, or encode with it). */
    public static CodecRegistry create() {
        CodecRegistry r = tsunami.net.KernelCodecs.install(new CodecRegistry());   // a Join carries a pid
        r.register(EPISODE, EpisodeResult.class, new EpisodeCodec());
        r.registerRecord(SOURCE, TrajectorySource.class);
        r.registerRecord(TRAJECTORY, Trajectory.class);
        r.registerRecord(POLICY, PolicyConfig.class);
        r.registerRecord(JOIN, ClusterMessages.Join.class);
        r.registerRecord(WELCOME, ClusterMessages.Welcome.class);
        r.registerRecord(RUN_OVER, ClusterMessages.RunOver.class);
        r.registerRecord(PARAMETERS, ClusterMessages.Parameters.class);
        return r;
    }

    /** A segment off the wire; throws {@link WireException} for anything that is not one well-formed segment. */
    public static Trajectory decodeSegment(CodecRegistry registry, byte[] frame) {
        Object v = registry.decode(frame);
        if (!(v instanceof Trajectory t)) throw new WireException("expected a trajectory segment, got " + describe(v));
        return t;
    }

    /** A parameter broadcast off the wire, checked to hold {@code numParams} values. */
    public static ClusterMessages.Parameters decodeParameters(CodecRegistry registry, byte[] frame, int numParams) {
        Object v = registry.decode(frame);
        if (!(v instanceof ClusterMessages.Parameters p)) throw new WireException("expected parameters, got " + describe(v));
        if (p.params().length != numParams) {
            throw new WireException("parameters of " + p.params().length + " values for a policy of " + numParams);
        }
        return p;
    }

    private static String describe(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName();
    }

    /** {@link EpisodeResult} has a byte field, which the record codec does not carry: written by hand. */
    private static final class EpisodeCodec implements MessageCodec<EpisodeResult> {
        @Override
        public void write(WireWriter out, EpisodeResult e, CodecRegistry registry) {
            out.writeByte(e.outcome());
            out.writeFloat(e.teamReturn());
            out.writeInt(e.frames());
        }

        @Override
        public EpisodeResult read(WireReader in, CodecRegistry registry) {
            byte outcome = (byte) in.readByte();
            float teamReturn = in.readFloat();
            int frames = in.readInt();
            if (frames < 0) throw new WireException("episode of " + frames + " frames");
            return new EpisodeResult(outcome, teamReturn, frames);
        }
    }
}
