package tsunami.bots.bwapi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Byte offsets of a C struct, computed from its members in declaration order with the rules of
 * the compiler BWAPI 4.4.0 is built with (MSVC x86: each member aligned to its own alignment,
 * {@code double} to 8, the struct's size a multiple of its largest alignment). Declaring BWAPI's
 * structs member by member, as in the header, lets the offsets follow from the declaration
 * instead of being typed in by hand.
 */
final class StructLayout {
    private final String name;
    private final Map<String, Integer> offsets = new LinkedHashMap<>();
    private int size;
    private int align = 1;
    private boolean sealed;

    StructLayout(String name) {
        this.name = name;
    }

    StructLayout i32(String field) { return add(field, 4, 4, 1); }
    StructLayout i32(String field, int count) { return add(field, 4, 4, count); }
    StructLayout u16(String field, int count) { return add(field, 2, 2, count); }
    StructLayout f64(String field) { return add(field, 8, 8, 1); }
    StructLayout bool(String field) { return add(field, 1, 1, 1); }
    StructLayout bool(String field, int count) { return add(field, 1, 1, count); }
    StructLayout chars(String field, int count) { return add(field, 1, 1, count); }

    /** A member that is itself a struct (or an array of them). */
    StructLayout struct(String field, StructLayout type, int count) {
        return add(field, type.size(), type.align, count);
    }

    private StructLayout add(String field, int elementSize, int elementAlign, int count) {
        if (sealed) throw new IllegalStateException(name + " is complete");
        size = (size + elementAlign - 1) / elementAlign * elementAlign;
        if (offsets.putIfAbsent(field, size) != null) throw new IllegalStateException(name + "." + field + " declared twice");
        size += elementSize * count;
        align = Math.max(align, elementAlign);
        return this;
    }

    /** sizeof: the end of the last member rounded up to the struct's alignment. */
    int size() {
        sealed = true;
        return (size + align - 1) / align * align;
    }

    int offset(String field) {
        Integer o = offsets.get(field);
        if (o == null) throw new IllegalArgumentException(name + " has no member " + field);
        return o;
    }
}
