package tsunami.launcher.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import tsunami.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the bots a user names: {@code heuristic:NAME}, {@code policy:RUN_DIR}, or a bot folder in
 * the SSCAIT/BASIL layout — {@code bot.json} ({@code name}, {@code race}, {@code botType}),
 * {@code AI/}, {@code read/}, {@code write/}. Everything is checked before any game starts; a bad
 * folder is refused with the file and field named.
 */
public final class BotFolders {
    private BotFolders() {
    }

    public static final String HEURISTIC = "heuristic:", POLICY = "policy:";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,23}");
    private static final Set<String> RACES = Set.of("Terran", "Protoss", "Zerg", "Random");
    private static final long MAX_BOT_JSON = 64 * 1024;

    public static BotSpec parse(String arg) {
        if (arg.startsWith(HEURISTIC)) {
            String h = arg.substring(HEURISTIC.length());
            if (!NAME.matcher(h).matches()) throw new BadInputException("bot '" + arg + "': a heuristic's name after 'heuristic:' is 1 to 24 letters, digits, '_', '.' or '-'");
            return new BotSpec(h, BotSpec.Kind.HEURISTIC, null, null, h);
        }
        if (arg.startsWith(POLICY)) {
            Path run = Path.of(arg.substring(POLICY.length()));
            if (!Files.isDirectory(run) && !Files.isRegularFile(run)) throw new BadInputException("bot '" + arg + "': no run directory or checkpoint at " + run);
            String name = sanitize("policy-" + run.toAbsolutePath().normalize().getFileName());
            return new BotSpec(name, BotSpec.Kind.POLICY, null, null, run.toString());
        }
        Path folder = Path.of(arg);
        if (!Files.isDirectory(folder)) {
            throw new BadInputException("bot '" + arg + "' is neither " + HEURISTIC + "NAME, " + POLICY + "RUN_DIR nor a bot folder");
        }
        return folder(folder);
    }

    private static String sanitize(String s) {
        String t = s.replaceAll("[^A-Za-z0-9_.-]", "_");
        return t.length() > 24 ? t.substring(0, 24) : t;
    }

    static BotSpec folder(Path folder) {
        Path json = folder.resolve("bot.json");
        if (!Files.isRegularFile(json)) throw new BadInputException(json + ": missing (a bot folder holds bot.json, AI/, read/ and write/)");
        JsonNode root;
        try {
            if (Files.size(json) > MAX_BOT_JSON) throw new BadInputException(json + ": larger than 64 KiB");
            try (InputStream in = Files.newInputStream(json)) {
                root = new ObjectMapper().readTree(in);
            }
        } catch (IOException e) {
            throw new BadInputException(json + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) throw new BadInputException(json + ": expected a JSON object with name, race and botType");
        String name = text(json, root, "name");
        if (!NAME.matcher(name).matches()) throw new BadInputException(json + ": field 'name' must be 1 to 24 letters, digits, '_', '.' or '-', got '" + name + "'");
        String race = text(json, root, "race");
        if (!RACES.contains(race)) throw new BadInputException(json + ": field 'race' must be one of " + RACES + ", got '" + race + "'");
        String type = text(json, root, "botType").toUpperCase(Locale.ROOT);
        Path ai = folder.resolve("AI");
        if (!Files.isDirectory(ai)) throw new BadInputException(ai + ": missing (the bot's program goes in AI/)");
        for (String dir : List.of("read", "write")) {
            Path d = folder.resolve(dir);
            try {
                if (!Files.exists(d)) Files.createDirectory(d);   // SSCAIT makes them too
            } catch (IOException e) {
                throw new BadInputException(d + ": cannot create: " + e.getMessage(), e);
            }
            if (!Files.isDirectory(d)) throw new BadInputException(d + ": must be a folder");
        }
        return switch (type) {
            case "JAVA_JNI", "JAVA_MIRROR", "JAVA" -> new BotSpec(name, BotSpec.Kind.JAVA_JAR, race, folder, jar(ai, name).toString());
            case "EXE", "LINUX" -> new BotSpec(name, BotSpec.Kind.LINUX_EXE, race, folder, executable(ai, name).toString());
            case "AI_MODULE" -> throw new BadInputException(json + ": botType AI_MODULE is a Windows DLL loaded into StarCraft; "
                    + "on Linux a bot is a Java jar (JAVA_JNI, JAVA_MIRROR) or an executable BWAPI client (EXE)");
            default -> throw new BadInputException(json + ": field 'botType' must be JAVA_JNI, JAVA_MIRROR or EXE, got '" + type + "'");
        };
    }

    private static String text(Path json, JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) throw new BadInputException(json + ": field '" + field + "' is missing or not a string");
        return n.asText().trim();
    }

    private static Path jar(Path ai, String name) {
        Path named = ai.resolve(name + ".jar");
        if (Files.isRegularFile(named)) return named;
        try (Stream<Path> s = Files.list(ai)) {
            List<Path> jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).toList();
            if (jars.size() == 1) return jars.get(0);
            throw new BadInputException(ai + ": expected " + name + ".jar or exactly one .jar, found " + jars.size());
        } catch (IOException e) {
            throw new BadInputException(ai + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static Path executable(Path ai, String name) {
        Path exe = ai.resolve(name);
        if (!Files.isRegularFile(exe)) throw new BadInputException(ai + ": expected the executable " + name);
        if (!Files.isExecutable(exe)) throw new BadInputException(exe + ": not executable (chmod +x)");
        try (InputStream in = Files.newInputStream(exe)) {
            byte[] head = in.readNBytes(4);
            boolean elf = head.length == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
            boolean script = head.length >= 2 && head[0] == '#' && head[1] == '!';
            if (!elf && !script) throw new BadInputException(exe + ": not a Linux executable (no ELF header or #! line)");
        } catch (IOException e) {
            throw new BadInputException(exe + ": cannot read: " + e.getMessage(), e);
        }
        return exe;
    }
}
