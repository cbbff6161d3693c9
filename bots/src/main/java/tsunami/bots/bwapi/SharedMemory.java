package tsunami.bots.bwapi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A POSIX shared-memory object as glibc's {@code shm_open} makes it: a file under {@code /dev/shm},
 * mapped read-write. Pure JDK: what a C client opens with {@code shm_open("/name")} is what this
 * maps. Little-endian, as BWAPI's structs are on x86.
 */
final class SharedMemory {
    private SharedMemory() {
    }

    static Path path(String name) {
        return Path.of(Bwapi.SHM_DIR, name);
    }

    /** Creates (or reuses) the object and maps {@code size} bytes of it, zero-filled where new. */
    static ByteBuffer create(String name, int size) throws IOException {
        try (FileChannel ch = FileChannel.open(path(name), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return ch.map(FileChannel.MapMode.READ_WRITE, 0, size).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** Maps an existing object; fails with a message naming it when it is missing or smaller than {@code size}. */
    static ByteBuffer open(String name, int size) throws IOException {
        Path p = path(name);
        if (!Files.exists(p)) throw new IOException("shared memory " + p + " does not exist");
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (ch.size() < size) throw new IOException("shared memory " + p + " holds " + ch.size() + " bytes, expected at least " + size);
            MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            return b.order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** Removes the name (like {@code shm_unlink}); mappings already made stay valid. */
    static void unlink(String name) {
        try {
            Files.deleteIfExists(path(name));
        } catch (IOException ignored) {
            // already gone or not ours to remove: nothing to clean
        }
    }

    /** Writes a NUL-terminated C string into {@code capacity} bytes, truncated to fit. */
    static void putString(ByteBuffer b, int at, int capacity, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        int n = Math.min(bytes.length, capacity - 1);
        b.put(at, bytes, 0, n);
        b.put(at + n, (byte) 0);
    }

    /** Reads a C string of at most {@code capacity} bytes; bytes outside printable ASCII read as '?'. */
    static String getString(ByteBuffer b, int at, int capacity) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < capacity; i++) {
            int c = b.get(at + i) & 0xFF;
            if (c == 0) break;
            sb.append(c >= 32 && c < 127 ? (char) c : '?');
        }
        return sb.toString();
    }

    static void fill(ByteBuffer b, int at, int length, byte value) {
        for (int i = 0; i < length; i++) b.put(at + i, value);
    }
}
