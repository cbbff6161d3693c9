package tsunami.net;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Growable little-endian output buffer for one frame. Refuses to grow past the frame limit, so
 * a message too large for the wire fails at the sender with a clear error, not at the receiver.
 */
public final class WireWriter {
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final int maxBytes;
    private byte[] buf;
    private int pos;

    public WireWriter(int initialCapacity, int maxBytes) {
        this.buf = new byte[Math.max(16, Math.min(initialCapacity, maxBytes))];
        this.maxBytes = maxBytes;
    }

    public int position() {
        return pos;
    }

    /** Forgets everything written; keeps the buffer for reuse. */
    public void reset() {
        pos = 0;
    }

    /** Truncates back to an earlier position (used to undo a message that did not fit). */
    public void truncate(int position) {
        if (position < 0 || position > pos) throw new IllegalArgumentException("bad position " + position);
        pos = position;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** The internal buffer; valid bytes are [0, position()). */
    public byte[] buffer() {
        return buf;
    }

    private void ensure(int n) {
        long need = (long) pos + n;
        if (need > maxBytes) {
            throw new IllegalArgumentException("message exceeds the wire frame limit of " + maxBytes + " bytes");
        }
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(maxBytes, Math.max(need, (long) buf.length * 2)));
        }
    }

    public void writeByte(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    /** A 2-byte unsigned value tag (see {@link CodecRegistry}). */
    public void writeShortTag(int tag) {
        ensure(2);
        buf[pos] = (byte) tag;
        buf[pos + 1] = (byte) (tag >>> 8);
        pos += 2;
    }

    public void writeBoolean(boolean v) {
        writeByte(v ? 1 : 0);
    }

    public void writeInt(int v) {
        ensure(4);
        INT.set(buf, pos, v);
        pos += 4;
    }

    /** Overwrites an int written earlier (e.g. a count known only at the end). */
    public void patchInt(int at, int v) {
        if (at < 0 || at + 4 > pos) throw new IllegalArgumentException("bad patch position " + at);
        INT.set(buf, at, v);
    }

    public void writeLong(long v) {
        ensure(8);
        LONG.set(buf, pos, v);
        pos += 8;
    }

    public void writeFloat(float v) {
        ensure(4);
        FLOAT.set(buf, pos, v);
        pos += 4;
    }

    public void writeDouble(double v) {
        ensure(8);
        DOUBLE.set(buf, pos, v);
        pos += 8;
    }

    public void writeString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeBytes(b, 0, b.length);
    }

    public void writeBytes(byte[] b) {
        writeBytes(b, 0, b.length);
    }

    public void writeBytes(byte[] b, int off, int len) {
        writeInt(len);
        writeRaw(b, off, len);
    }

    public void writeRaw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    public void writeInts(int[] a) {
        writeInt(a.length);
        ensure(a.length * 4);
        for (int v : a) {
            INT.set(buf, pos, v);
            pos += 4;
        }
    }

    public void writeLongs(long[] a) {
        writeInt(a.length);
        ensure(a.length * 8);
        for (long v : a) {
            LONG.set(buf, pos, v);
            pos += 8;
        }
    }

    public void writeFloats(float[] a) {
        writeInt(a.length);
        ensure(a.length * 4);
        for (float v : a) {
            FLOAT.set(buf, pos, v);
            pos += 4;
        }
    }

    public void writeDoubles(double[] a) {
        writeInt(a.length);
        ensure(a.length * 8);
        for (double v : a) {
            DOUBLE.set(buf, pos, v);
            pos += 8;
        }
    }
}
