package tsunami.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tag → codec table of the wire format (version {@link #WIRE_VERSION}). Every value on the
 * wire is a 2-byte tag followed by its body. Tags below {@link #FIRST_USER_TAG} are built in
 * (null, booleans, numbers, strings, primitive arrays, tensors, lists, maps) or reserved for
 * Tsunami's own messages; applications register each message type they send explicitly, e.g.
 * {@code registry.registerRecord(300, Trajectory.class)}. A tag that is not registered is
 * rejected; class names never come from the wire.
 *
 * <p>Register everything before the registry is used by a node; lookups are thread-safe.
 */
public final class CodecRegistry {
    public static final int WIRE_VERSION = 1;
    /** Tags 64..255 are for Tsunami's own message types (kernel signals, net protocol). */
    public static final int FIRST_RESERVED_TAG = 64;
    /** Applications use tags from here up to 65535. */
    public static final int FIRST_USER_TAG = 256;

    static final int NULL = 0, TRUE = 1, FALSE = 2, INT = 3, LONG = 4, FLOAT = 5, DOUBLE = 6, STRING = 7,
            BYTES = 8, INTS = 9, LONGS = 10, FLOATS = 11, DOUBLES = 12, FLOAT_TENSOR = 13, INT_TENSOR = 14,
            LIST = 15, MAP = 16;

    private record Entry(int tag, Class<?> type, MessageCodec<Object> codec) {
    }

    private final Entry[] byTag = new Entry[65536];
    private final Map<Class<?>, Entry> byClass = new ConcurrentHashMap<>();
    private final Map<Class<?>, Entry> resolved = new ConcurrentHashMap<>();
    private final WireLimits limits;

    public CodecRegistry() {
        this(WireLimits.DEFAULT);
    }

    public CodecRegistry(WireLimits limits) {
        this.limits = limits;
    }

    public WireLimits limits() {
        return limits;
    }

    /** Registers how values of exactly {@code type} (or its subtypes, if none closer is registered) travel. */
    @SuppressWarnings("unchecked")
    public synchronized <T> CodecRegistry register(int tag, Class<T> type, MessageCodec<? super T> codec) {
        if (tag < FIRST_RESERVED_TAG || tag > 65535) {
            throw new IllegalArgumentException("tag " + tag + " outside [" + FIRST_RESERVED_TAG + ", 65535]");
        }
        if (byTag[tag] != null) {
            throw new IllegalArgumentException("tag " + tag + " already registered for " + byTag[tag].type().getName());
        }
        if (byClass.containsKey(type)) {
            throw new IllegalArgumentException(type.getName() + " already registered under tag " + byClass.get(type).tag());
        }
        Entry e = new Entry(tag, type, (MessageCodec<Object>) (MessageCodec<?>) codec);
        byTag[tag] = e;
        byClass.put(type, e);
        resolved.clear();
        return this;
    }

    /** Registers a record type whose components are themselves wire values, encoded in declaration order. */
    public <R extends Record> CodecRegistry registerRecord(int tag, Class<R> type) {
        return register(tag, type, new RecordCodec<>(type));
    }

    /** Registers an enum type, encoded by constant name (robust to reordering between versions). */
    public <E extends Enum<E>> CodecRegistry registerEnum(int tag, Class<E> type) {
        return register(tag, type, new MessageCodec<E>() {
            @Override
            public void write(WireWriter out, E value, CodecRegistry registry) {
                out.writeString(value.name());
            }

            @Override
            public E read(WireReader in, CodecRegistry registry) {
                String name = in.readString();
                for (E c : type.getEnumConstants()) if (c.name().equals(name)) return c;
                throw new WireException("unknown " + type.getSimpleName() + " constant '" + name + "'");
            }
        });
    }

    public boolean isRegistered(Class<?> type) {
        return find(type) != null;
    }

    private Entry find(Class<?> type) {
        Entry e = byClass.get(type);
        if (e != null) return e;
        e = resolved.get(type);
        if (e != null) return e;
        // A subtype of a registered type (e.g. one case of a sealed interface registered as a whole).
        for (Entry candidate : byClass.values()) {
            if (candidate.type().isAssignableFrom(type)) {
                resolved.put(type, candidate);
                return candidate;
            }
        }
        return null;
    }

    /** Writes any supported value with its tag; fails (IllegalArgumentException) for an unregistered type. */
    public void writeValue(WireWriter out, Object v) {
        switch (v) {
            case null -> out.writeShortTag(NULL);
            case Boolean b -> out.writeShortTag(b ? TRUE : FALSE);
            case Integer i -> { out.writeShortTag(INT); out.writeInt(i); }
            case Long l -> { out.writeShortTag(LONG); out.writeLong(l); }
            case Float f -> { out.writeShortTag(FLOAT); out.writeFloat(f); }
            case Double d -> { out.writeShortTag(DOUBLE); out.writeDouble(d); }
            case String s -> { out.writeShortTag(STRING); out.writeString(s); }
            case byte[] b -> { out.writeShortTag(BYTES); out.writeBytes(b); }
            case int[] a -> { out.writeShortTag(INTS); out.writeInts(a); }
            case long[] a -> { out.writeShortTag(LONGS); out.writeLongs(a); }
            case float[] a -> { out.writeShortTag(FLOATS); out.writeFloats(a); }
            case double[] a -> { out.writeShortTag(DOUBLES); out.writeDoubles(a); }
            case FloatTensor t -> { out.writeShortTag(FLOAT_TENSOR); out.writeInts(t.shape()); out.writeFloats(t.data()); }
            case IntTensor t -> { out.writeShortTag(INT_TENSOR); out.writeInts(t.shape()); out.writeInts(t.data()); }
            case List<?> list -> {
                out.writeShortTag(LIST);
                out.writeInt(list.size());
                for (Object o : list) writeValue(out, o);
            }
            case Map<?, ?> map -> {
                out.writeShortTag(MAP);
                out.writeInt(map.size());
                for (Map.Entry<?, ?> en : map.entrySet()) {
                    writeValue(out, en.getKey());
                    writeValue(out, en.getValue());
                }
            }
            default -> {
                Entry e = find(v.getClass());
                if (e == null) {
                    throw new IllegalArgumentException("no wire codec registered for " + v.getClass().getName()
                            + "; register it in the node's CodecRegistry");
                }
                out.writeShortTag(e.tag());
                e.codec().write(out, v, this);
            }
        }
    }

    /** Reads one tagged value; throws {@link WireException} for an unknown tag or malformed body. */
    public Object readValue(WireReader in) {
        int at = in.position();
        int tag = in.readShortTag();
        return switch (tag) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case FLOAT -> in.readFloat();
            case DOUBLE -> in.readDouble();
            case STRING -> in.readString();
            case BYTES -> in.readBytes();
            case INTS -> in.readInts();
            case LONGS -> in.readLongs();
            case FLOATS -> in.readFloats();
            case DOUBLES -> in.readDoubles();
            case FLOAT_TENSOR -> {
                int[] shape = readShape(in);
                float[] data = in.readFloats();
                checkTensor(shape, data.length, at);
                yield new FloatTensor(shape, data);
            }
            case INT_TENSOR -> {
                int[] shape = readShape(in);
                int[] data = in.readInts();
                checkTensor(shape, data.length, at);
                yield new IntTensor(shape, data);
            }
            case LIST -> {
                int n = in.readLength("list", 2, limits.maxArrayLength());
                in.enter();
                ArrayList<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(readValue(in));
                in.leave();
                yield Collections.unmodifiableList(list);
            }
            case MAP -> {
                int n = in.readLength("map", 4, limits.maxArrayLength());
                in.enter();
                LinkedHashMap<Object, Object> map = LinkedHashMap.newLinkedHashMap(n);
                for (int i = 0; i < n; i++) {
                    Object k = readValue(in);
                    map.put(k, readValue(in));
                }
                in.leave();
                yield Collections.unmodifiableMap(map);
            }
            default -> {
                Entry e = byTag[tag];
                if (e == null) throw new WireException("unknown message tag " + tag + " at offset " + at);
                in.enter();
                Object v = e.codec().read(in, this);
                in.leave();
                yield v;
            }
        };
    }

    /** Reads a value that must be of the given type (or null). */
    public <T> T readValue(WireReader in, Class<T> type) {
        int at = in.position();
        Object v = readValue(in);
        if (v != null && !type.isInstance(v)) {
            throw new WireException("expected " + type.getSimpleName() + " at offset " + at + ", got " + v.getClass().getSimpleName());
        }
        return type.cast(v);
    }

    private static int[] readShape(WireReader in) {
        int at = in.position();
        int rank = in.readLength("tensor shape", 4, Tensors.MAX_RANK);
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = in.readInt();
            if (shape[i] < 0) throw new WireException("negative tensor dimension at offset " + at);
        }
        return shape;
    }

    private static void checkTensor(int[] shape, int length, int at) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE) break;
        }
        if (n != length) throw new WireException("tensor at offset " + at + ": shape needs " + n + " elements, body has " + length);
    }

    /** Encodes one value into a fresh byte array (convenience for tests and small messages). */
    public byte[] encode(Object v) {
        WireWriter w = new WireWriter(64, limits.maxFrameBytes());
        w.writeByte(WIRE_VERSION);
        writeValue(w, v);
        return w.toByteArray();
    }

    /** Decodes a byte array produced by {@link #encode}; the whole array must be consumed. */
    public Object decode(byte[] frame) {
        WireReader r = new WireReader(frame, limits);
        int version = r.readByte();
        if (version != WIRE_VERSION) throw new WireException("unsupported wire version " + version + " (this node speaks " + WIRE_VERSION + ")");
        Object v = readValue(r);
        r.expectEnd("value");
        return v;
    }

}
