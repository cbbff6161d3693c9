package tsunami.launcher.match;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * JSON files that must survive a kill: {@code {"format": F, "value": V, "crc32": C}}, written to a
 * temporary name, fsynced and atomically renamed, so a reader sees the whole old file or the whole
 * new one. The CRC-32 of V's compact JSON catches a file damaged or edited since; such a file reads
 * as absent (the tournament then replays that match) rather than as wrong results.
 */
final class DurableJson {
    static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final JsonMapper COMPACT = JsonMapper.builder().build();

    private DurableJson() {
    }

    static void write(Path target, String format, Object value) throws IOException {
        JsonNode v = MAPPER.valueToTree(value);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", format);
        root.set("value", v);
        root.put("crc32", crc(v));
        byte[] bytes = (MAPPER.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // the rename itself is durable only once the folder is synced
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some file systems cannot sync a folder; the rename is still atomic
        }
    }

    /** The value, or empty when the file is missing; {@link Damaged} when it exists but cannot be trusted. */
    static <T> Optional<T> read(Path file, String format, Class<T> type) throws Damaged {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root == null || !format.equals(root.path("format").asText())) throw new Damaged(file + ": not a " + format + " file");
            JsonNode v = root.get("value");
            if (v == null || !crc(v).equals(root.path("crc32").asText())) throw new Damaged(file + ": checksum does not match its contents");
            return Optional.of(MAPPER.treeToValue(v, type));
        } catch (IOException | IllegalArgumentException e) {
            throw new Damaged(file + ": " + e.getMessage());
        }
    }

    private static String crc(JsonNode v) {
        try {
            CRC32 c = new CRC32();
            c.update(COMPACT.writeValueAsBytes(v));
            return String.format(Locale.ROOT, "%08x", c.getValue());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always writes", e);
        }
    }

    /** A file that exists but is not a whole, unedited record. */
    static final class Damaged extends Exception {
        Damaged(String message) {
            super(message);
        }
    }
}
