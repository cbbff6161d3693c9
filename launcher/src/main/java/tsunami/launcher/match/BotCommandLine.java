package tsunami.launcher.match;

import tsunami.bots.bwapi.Bwapi;
import tsunami.launcher.Monkey;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line that starts a bot for a game host, and the paths its sandbox must bind: our
 * own bots run {@code monkey bot} on this JVM's class path and join the given server id; a jar
 * runs under this JVM's {@code java}; an executable runs as it is. Third-party bots find the
 * server through BWAPI's game table, as they would on a real machine.
 */
final class BotCommandLine {
    private BotCommandLine() {
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    static List<String> argv(BotSpec bot, int serverId, long memoryBytes, int connectSeconds) {
        List<String> cmd = new ArrayList<>();
        long heapMb = Math.max(64, memoryBytes * 3 / 4 >> 20);   // leave a quarter for the JVM's own memory
        switch (bot.kind()) {
            case HEURISTIC, POLICY -> {
                cmd.add(java().toString());
                cmd.add("-Xmx" + heapMb + "m");
                // ND4J (policies) needs the native-access flags this JVM was started with
                for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) if (a.startsWith("--")) cmd.add(a);
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Monkey.class.getName(), "bot"));
                cmd.addAll(bot.kind() == BotSpec.Kind.HEURISTIC ? List.of("--heuristic", bot.program()) : List.of("--checkpoint", bot.program()));
                cmd.addAll(List.of("--server", Integer.toUnsignedString(serverId), "--connect-timeout", Integer.toString(connectSeconds)));
            }
            case JAVA_JAR -> cmd.addAll(List.of(java().toString(), "-Xmx" + heapMb + "m", "-jar", bot.program()));
            case LINUX_EXE -> cmd.add(bot.program());
        }
        return cmd;
    }

    /** What the bot reads: the JRE, our class path (own bots), its AI/ and read/, a policy's run directory. */
    static List<Path> readOnly(BotSpec bot) {
        Set<Path> paths = new LinkedHashSet<>();
        paths.add(Path.of(System.getProperty("java.home")));
        if (bot.kind() == BotSpec.Kind.HEURISTIC || bot.kind() == BotSpec.Kind.POLICY) {
            for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path p = Path.of(e.endsWith("*") ? e.substring(0, e.length() - 1) : e).toAbsolutePath().normalize();
                paths.add(Files.isDirectory(p) ? p : p.getParent());
            }
        }
        if (bot.kind() == BotSpec.Kind.POLICY) paths.add(Path.of(bot.program()).toAbsolutePath().normalize());
        if (bot.folder() != null) {
            paths.add(bot.folder().toAbsolutePath().normalize());   // bot.json and the working directory; AI/, read/ and write/ on top
            paths.add(bot.aiDir().toAbsolutePath().normalize());
            paths.add(bot.readDir().toAbsolutePath().normalize());
        }
        return List.copyOf(paths);
    }

    /** What the bot writes: its write/ (or a shorthand's scratch folder), the game's BWAPI shared memory and socket, and BWAPI's shared game table if it uses it. */
    static List<Path> writable(BotSpec bot, int serverId, boolean sharedTable, Path workDir) {
        List<Path> paths = new ArrayList<>();
        if (bot.folder() != null) paths.add(bot.writeDir().toAbsolutePath().normalize());
        else paths.add(workDir);   // a shorthand bot's scratch folder in the match's output
        paths.add(Path.of(Bwapi.SHM_DIR, Bwapi.gameDataName(serverId)));
        paths.add(Path.of(Bwapi.socketPath(serverId)));
        if (sharedTable) paths.add(Path.of(Bwapi.SHM_DIR, Bwapi.GAME_TABLE_NAME));
        return paths;
    }
}
