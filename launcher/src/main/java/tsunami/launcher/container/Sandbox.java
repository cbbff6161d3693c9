package tsunami.launcher.container;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one bot's container may touch: the paths bound in (read-only unless said), a private
 * {@code /tmp}, no network, its own pid namespace, and limits. Paths are the same inside and
 * outside, so a command line needs no rewriting.
 *
 * @param label        names the container (and its leftovers after a hard kill): {@code tsunami-<run>-<bot>}
 * @param workDir      the directory the program starts in (bound read-only unless also in {@code writable})
 * @param readOnly     bound read-only: the bot's {@code AI/} and {@code read/}, the JRE, the launcher's jars
 * @param writable     bound read-write: the bot's {@code write/}, the game's BWAPI shared memory and socket
 * @param memoryBytes  memory limit
 * @param maxProcesses process (thread) limit
 * @param remapped     host file → path inside, read-write: the one exception to "same path inside",
 *                     for a file a bot looks for at a fixed place (its private BWAPI game table at
 *                     {@code /dev/shm/bwapi_shared_memory_game_list})
 */
public record Sandbox(String label, Path workDir, List<Path> readOnly, List<Path> writable, long memoryBytes, int maxProcesses,
                      Map<Path, Path> remapped) {
    public Sandbox {
        readOnly = List.copyOf(readOnly);
        writable = List.copyOf(writable);
        remapped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(remapped));
    }

    public Sandbox(String label, Path workDir, List<Path> readOnly, List<Path> writable, long memoryBytes, int maxProcesses) {
        this(label, workDir, readOnly, writable, memoryBytes, maxProcesses, Map.of());
    }
}
