package tsunami.launcher.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Every bot process carries {@code TSUNAMI_SANDBOX=<label>} in its environment (set by
 * {@link BotProcess}, inherited by its children), so processes that escaped the tree (a daemon that
 * double-forked) or survived a hard kill of the launcher are found through {@code /proc/<pid>/environ}.
 */
public final class SandboxMarker {
    public static final String ENV = "TSUNAMI_SANDBOX";
    private static final Path PROC = Path.of("/proc");

    private SandboxMarker() {
    }

    /** Processes whose environment carries a label accepted by {@code label}; never this JVM or its ancestors. */
    public static List<ProcessHandle> find(Predicate<String> label) {
        if (!Files.isDirectory(PROC)) return List.of();
        Set<Long> spared = new HashSet<>();
        for (ProcessHandle p = ProcessHandle.current(); p != null; p = p.parent().orElse(null)) spared.add(p.pid());
        List<ProcessHandle> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path dir : (Iterable<Path>) entries::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                long pid = Long.parseLong(name);
                if (spared.contains(pid)) continue;
                String value = markerOf(dir.resolve("environ"));
                if (value != null && label.test(value)) ProcessHandle.of(pid).ifPresent(found::add);
            }
        } catch (IOException e) {
            return found;   // /proc vanished under us: nothing more to find
        }
        return found;
    }

    /** SIGKILLs every process carrying a label accepted by {@code label}, repeating while new ones appear (fork bombs). */
    public static int kill(Predicate<String> label) {
        int killed = 0;
        for (int round = 0; round < 20; round++) {
            List<ProcessHandle> found = find(label);
            if (found.isEmpty()) break;
            for (ProcessHandle p : found) if (p.destroyForcibly()) killed++;
        }
        return killed;
    }

    /** The label a process carries, or null (none, gone, or not readable). */
    public static String labelOf(ProcessHandle p) {
        return markerOf(PROC.resolve(Long.toString(p.pid())).resolve("environ"));
    }

    private static String markerOf(Path environ) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(environ);
        } catch (IOException | SecurityException e) {
            return null;   // gone, or not ours to read
        }
        String prefix = ENV + "=";
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                String entry = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                if (entry.startsWith(prefix)) return entry.substring(prefix.length());
                start = i + 1;
            }
        }
        return null;
    }
}
