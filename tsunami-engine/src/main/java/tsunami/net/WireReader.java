package tsunami.net;

import java.nio.charset.StandardCharsets;

import static tsunami.net.WireWriter.DOUBLE;
import static tsunami.net.WireWriter.FLOAT;
import static tsunami.net.WireWriter.INT;
import static tsunami.net.WireWriter.LONG;

/**
 * Bounds-checked little-endian reader over one received frame. Every length is checked against
 * the configured limits and against the bytes that remain before anything is allocated, so a
 * forged length can never make the node allocate more than the frame it already holds.
 */
public final class WireReader {
    private final byte[] buf;
    private final int end;
    private final WireLimits limits;
    private int pos;
    private int depth;

    public WireReader(byte[] buf, WireLimits limits) {
        this(buf, 0, buf.length, limits);
    }

    public WireReader(byte[] buf, int offset, int length, WireLimits limits) {
        if (length > limits.maxFrameBytes()) {
            throw new WireException("frame of " + length + " bytes exceeds the limit of " + limits.maxFrameBytes());
        }
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
        this.limits = limits;
    }

    public WireLimits limits() {
        return limits;
    }

    public int remaining() {
        return end - pos;
    }

    public int position() {
        return pos;
    }

    private void need(int n, String what) {
        if (n < 0 || n > end - pos) {
            throw new WireException("truncated frame: " + what + " needs " + n + " bytes at offset " + pos + ", " + (end - pos) + " left");
        }
    }

    public int readByte() {
        need(1, "byte");
        return buf[pos++] & 0xff;
    }

    public int readShortTag() {
        need(2, "tag");
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    public boolean readBoolean() {
        int b = readByte();
        if (b > 1) throw new WireException("bad boolean " + b + " at offset " + (pos - 1));
        return b == 1;
    }

    public int readInt() {
        need(4, "int");
        int v = (int) INT.get(buf, pos);
        pos += 4;
        return v;
    }

    public long readLong() {
        need(8, "long");
        long v = (long) LONG.get(buf, pos);
        pos += 8;
        return v;
    }

    public float readFloat() {
        need(4, "float");
        float v = (float) FLOAT.get(buf, pos);
        pos += 4;
        return v;
    }

    public double readDouble() {
        need(8, "double");
        double v = (double) DOUBLE.get(buf, pos);
        pos += 8;
        return v;
    }

    /** Reads an element count and checks it against the limit and the bytes left (elemBytes each). */
    public int readLength(String what, int elemBytes, int max) {
        int at = pos;
        int n = readInt();
        if (n < 0 || n > max) {
            throw new WireException(what + " length " + n + " at offset " + at + " outside [0, " + max + "]");
        }
        if ((long) n * elemBytes > end - pos) {
            throw new WireException(what + " length " + n + " at offset " + at + " exceeds the " + (end - pos) + " bytes left");
        }
        return n;
    }

    public String readString() {
        int n = readLength("string", 1, limits.maxStringBytes());
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    public byte[] readBytes() {
        int n = readLength("byte array", 1, limits.maxArrayLength());
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return b;
    }

    public int[] readInts() {
        int n = readLength("int array", 4, limits.maxArrayLength());
        int[] a = new int[n];
        for (int i = 0; i < n; i++, pos += 4) a[i] = (int) INT.get(buf, pos);
        return a;
    }

    public long[] readLongs() {
        int n = readLength("long array", 8, limits.maxArrayLength());
        long[] a = new long[n];
        for (int i = 0; i < n; i++, pos += 8) a[i] = (long) LONG.get(buf, pos);
        return a;
    }

    public float[] readFloats() {
        int n = readLength("float array", 4, limits.maxArrayLength());
        float[] a = new float[n];
        for (int i = 0; i < n; i++, pos += 4) a[i] = (float) FLOAT.get(buf, pos);
        return a;
    }

    public double[] readDoubles() {
        int n = readLength("double array", 8, limits.maxArrayLength());
        double[] a = new double[n];
        for (int i = 0; i < n; i++, pos += 8) a[i] = (double) DOUBLE.get(buf, pos);
        return a;
    }

    /** Enters one level of nesting (list, record); refuses frames nested deeper than the limit. */
    public void enter() {
        if (++depth > limits.maxDepth()) {
            throw new WireException("nesting deeper than " + limits.maxDepth() + " at offset " + pos);
        }
    }

    public void leave() {
        depth--;
    }

    /** Fails if bytes are left over: a frame must be consumed exactly. */
    public void expectEnd(String what) {
        if (pos != end) throw new WireException(what + ": " + (end - pos) + " unexpected trailing bytes at offset " + pos);
    }
}
