package tsunami.launcher.match;

import java.nio.file.Path;

/**
 * One bot of a match or tournament, as the user named it: a bot folder in the SSCAIT/BASIL layout
 * ({@code bot.json}, {@code AI/}, {@code read/}, {@code write/}), or a shorthand
 * ({@code heuristic:NAME}, {@code policy:RUN_DIR}). {@link BotFolders#parse} makes these and
 * refuses malformed folders up front, naming the file and field.
 *
 * @param name    unique within a match; from bot.json, or the shorthand itself
 * @param kind    how the bot is started
 * @param race    BWAPI race name from bot.json ("Terran", "Protoss", "Zerg", "Random"), or null for shorthands
 * @param folder  the bot folder (null for shorthands)
 * @param program the jar or executable inside {@code AI/}, the heuristic's name, or the run directory
 */
public record BotSpec(String name, Kind kind, String race, Path folder, String program) {
    public enum Kind {
        /** {@code java -jar AI/<jar>} (JBWAPI and the like) */
        JAVA_JAR,
        /** a Linux executable in {@code AI/} linked against a BWAPI 4.4 client */
        LINUX_EXE,
        /** {@code monkey bot --heuristic NAME} */
        HEURISTIC,
        /** {@code monkey bot --checkpoint RUN_DIR} */
        POLICY
    }

    public Path aiDir() { return folder == null ? null : folder.resolve("AI"); }
    public Path readDir() { return folder == null ? null : folder.resolve("read"); }
    public Path writeDir() { return folder == null ? null : folder.resolve("write"); }
}
