package tsunami.launcher.match;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tsunami.BadInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Hostile bot folders: a valid {@code bot.json} with its text cut, spliced with random bytes or
 * its values replaced by hostile ones (paths that climb out, huge numbers, wrong types). Reading
 * the folder may only succeed or throw {@link BadInputException}, promptly.
 */
class BotFolderFuzzTest {
    private static final String VALID = "{\"name\": \"Stardust\", \"race\": \"Protoss\", \"botType\": \"JAVA_JNI\"}";
    private static final List<String> HOSTILE_VALUES = List.of("\"\"", "\"../../etc/passwd\"", "\"a/../b\"", "\"/abs\"", "\"x\\u0000y\"",
            "null", "1e309", "-1", "[]", "{}", "true", "\"" + "n".repeat(100_000) + "\"", "\"Zerg\"", "\"EXE\"", "\"DLL\"", "\"Random\"");

    record Folder(String json, boolean withJar) {
    }

    @Property(tries = 300)
    void damagedBotFoldersAreReadOrRefusedClearly(@ForAll("folders") Folder folder) throws IOException {
        Path dir = Files.createTempDirectory("botfuzz");
        try {
            Path ai = Files.createDirectories(dir.resolve("AI"));
            Files.writeString(dir.resolve("bot.json"), folder.json(), StandardCharsets.UTF_8);
            if (folder.withJar()) Files.writeString(ai.resolve("Stardust.jar"), "jar");
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    BotFolders.parse(dir.toString());
                } catch (BadInputException expected) {
                    // refused naming the folder, file and field
                }
            });
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Provide
    Arbitrary<Folder> folders() {
        Arbitrary<String> replaced = Combinators.combine(Arbitraries.of("name", "race", "botType"), Arbitraries.of(HOSTILE_VALUES))
                .as((field, value) -> VALID.replaceFirst("\"" + field + "\": \"[^\"]*\"", "\"" + field + "\": " + java.util.regex.Matcher.quoteReplacement(value)));
        Arbitrary<String> cut = Arbitraries.integers().between(0, VALID.length()).map(i -> VALID.substring(0, i));
        Arbitrary<String> spliced = Combinators.combine(Arbitraries.integers().between(0, VALID.length()),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(32))
                .as((i, noise) -> VALID.substring(0, i) + new String(noise, StandardCharsets.UTF_8) + VALID.substring(i));
        return Combinators.combine(Arbitraries.oneOf(replaced, cut, spliced), Arbitraries.of(true, false)).as(Folder::new);
    }
}
