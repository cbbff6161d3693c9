package tsunami.net;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;

/**
 * Encodes a record as its components in declaration order, each as a tagged wire value. The
 * record type is chosen by the tag the application registered it under, never by the wire; on
 * read, each component is type-checked before the canonical constructor runs (which may
 * validate further; a constructor that throws makes the frame malformed).
 */
final class RecordCodec<R extends Record> implements MessageCodec<R> {
    private final Class<R> type;
    private final RecordComponent[] components;
    private final Class<?>[] boxedTypes;
    private final MethodHandle[] accessors;
    private final MethodHandle constructor;

    RecordCodec(Class<R> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        this.boxedTypes = new Class<?>[components.length];
        this.accessors = new MethodHandle[components.length];
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Class<?>[] raw = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                raw[i] = components[i].getType();
                boxedTypes[i] = box(raw[i]);
                var accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                accessors[i] = lookup.unreflect(accessor);
            }
            var ctor = type.getDeclaredConstructor(raw);
            ctor.setAccessible(true);
            this.constructor = lookup.unreflectConstructor(ctor).asSpreader(Object[].class, components.length);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot build a wire codec for record " + type.getName() + ": " + e, e);
        }
    }

    @Override
    public void write(WireWriter out, R value, CodecRegistry registry) {
        for (MethodHandle accessor : accessors) {
            Object component;
            try {
                component = accessor.invoke(value);
            } catch (Throwable t) {
                throw new IllegalStateException("reading a component of " + type.getName(), t);
            }
            registry.writeValue(out, component);
        }
    }

    @Override
    public R read(WireReader in, CodecRegistry registry) {
        Object[] args = new Object[components.length];
        for (int i = 0; i < args.length; i++) {
            int at = in.position();
            Object v = registry.readValue(in);
            if (v == null ? components[i].getType().isPrimitive() : !boxedTypes[i].isInstance(v)) {
                throw new WireException(type.getSimpleName() + "." + components[i].getName() + " at offset " + at
                        + ": expected " + components[i].getType().getSimpleName() + ", got " + (v == null ? "null" : v.getClass().getSimpleName()));
            }
            args[i] = v;
        }
        try {
            return type.cast(constructor.invoke(args));
        } catch (RuntimeException e) {
            throw new WireException("invalid " + type.getSimpleName() + ": " + e.getMessage());
        } catch (Throwable t) {
            throw new WireException("invalid " + type.getSimpleName() + ": " + t);
        }
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) return c;
        if (c == int.class) return Integer.class;
        if (c == long.class) return Long.class;
        if (c == boolean.class) return Boolean.class;
        if (c == double.class) return Double.class;
        if (c == float.class) return Float.class;
        throw new IllegalArgumentException("record component type " + c + " is not a wire type (use int, long, float, double or boolean)");
    }
}
