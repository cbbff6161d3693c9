package tsunami.cluster;

import tsunami.net.WireException;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Deflates trajectory segments for the stream from actor nodes to the learner. Every byte on that
 * stream is sealed by CURVE in pure Java (jnacl, some tens of MB/s a core), on the actor's side and
 * opened again on the learner's, and the learner is what a run waits for. An m5v5 segment (about
 * 1 MB: observations, masks, log-probabilities) deflates about 4× at the fastest level in about
 * 20 ms, so the learner opens a quarter of the bytes and inflates them in a few milliseconds.
 * A frame is one format byte, then the deflated encoding.
 */
final class SegmentCompression {
    static final byte DEFLATED = 1;

    private SegmentCompression() {
    }

    static byte[] deflate(byte[] encoded) {
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        try {
            d.setInput(encoded);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length / 3 + 64);
            out.write(DEFLATED);
            byte[] buf = new byte[64 << 10];
            while (!d.finished()) out.write(buf, 0, d.deflate(buf));
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** The encoding a frame carries; refuses a frame of another format, a damaged one, or one inflating past {@code limit} bytes. */
    static byte[] inflate(byte[] frame, int limit) {
        if (frame.length < 2 || frame[0] != DEFLATED) throw new WireException("not a deflated segment (format byte " + (frame.length == 0 ? "missing" : frame[0]) + ")");
        Inflater inf = new Inflater();
        try {
            inf.setInput(frame, 1, frame.length - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, frame.length * 5));
            byte[] buf = new byte[64 << 10];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && !inf.finished() && (inf.needsInput() || inf.needsDictionary())) throw new WireException("a deflated segment ends early");
                if (out.size() + n > limit) throw new WireException("a deflated segment inflates past " + limit + " bytes");
                out.write(buf, 0, n);
            }
            if (inf.getRemaining() > 0) throw new WireException("a deflated segment has " + inf.getRemaining() + " bytes after its end");
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new WireException("a deflated segment is damaged: " + e.getMessage());
        } finally {
            inf.end();
        }
    }
}
