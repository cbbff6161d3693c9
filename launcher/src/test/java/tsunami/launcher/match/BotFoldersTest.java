package tsunami.launcher.match;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tsunami.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.*;

/** Bot folders and shorthands are read up front; a bad one is refused naming the file and field. */
class BotFoldersTest {
    @TempDir
    Path dir;

    private Path bot(String json) throws Exception {
        Path f = Files.createDirectories(dir.resolve("bot"));
        Files.createDirectories(f.resolve("AI"));
        if (json != null) Files.writeString(f.resolve("bot.json"), json);
        return f;
    }

    private String refused(Path folder) {
        return assertThrows(BadInputException.class, () -> BotFolders.parse(folder.toString())).getMessage();
    }

    @Test
    void aJavaBotFolderIsReadAndGetsReadAndWriteFolders() throws Exception {
        Path f = bot("{\"name\": \"Stardust\", \"race\": \"Protoss\", \"botType\": \"JAVA_JNI\"}");
        Files.writeString(f.resolve("AI/Stardust.jar"), "jar");
        BotSpec b = BotFolders.parse(f.toString());
        assertEquals("Stardust", b.name());
        assertEquals(BotSpec.Kind.JAVA_JAR, b.kind());
        assertEquals("Protoss", b.race());
        assertEquals(f.resolve("AI/Stardust.jar").toString(), b.program());
        assertTrue(Files.isDirectory(f.resolve("read")) && Files.isDirectory(f.resolve("write")));
    }

    @Test
    void anExecutableBotMustBeALinuxProgram() throws Exception {
        Path f = bot("{\"name\": \"Steamhammer\", \"race\": \"Zerg\", \"botType\": \"EXE\"}");
        Path exe = f.resolve("AI/Steamhammer");
        Files.writeString(exe, "MZ windows program");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertTrue(refused(f).contains("not a Linux executable"));
        Files.writeString(exe, "#!/bin/sh\nexit 0\n");
        assertEquals(BotSpec.Kind.LINUX_EXE, BotFolders.parse(f.toString()).kind());
    }

    @Test
    void malformedFoldersAreRefusedNamingFileAndField() throws Exception {
        Path f = bot(null);
        assertTrue(refused(f).contains("bot.json: missing"));
        Files.writeString(f.resolve("bot.json"), "{\"name\": \"x\", \"race\": ");
        assertTrue(refused(f).contains("bot.json: not valid JSON"));
        Files.writeString(f.resolve("bot.json"), "{\"race\": \"Zerg\", \"botType\": \"EXE\"}");
        assertTrue(refused(f).contains("field 'name'"));
        Files.writeString(f.resolve("bot.json"), "{\"name\": \"a/../b\", \"race\": \"Zerg\", \"botType\": \"EXE\"}");
        assertTrue(refused(f).contains("field 'name'"));
        Files.writeString(f.resolve("bot.json"), "{\"name\": \"ok\", \"race\": \"Elf\", \"botType\": \"EXE\"}");
        assertTrue(refused(f).contains("field 'race'"));
        Files.writeString(f.resolve("bot.json"), "{\"name\": \"ok\", \"race\": \"Zerg\", \"botType\": \"AI_MODULE\"}");
        assertTrue(refused(f).contains("AI_MODULE"));
        Files.writeString(f.resolve("bot.json"), "{\"name\": \"ok\", \"race\": \"Zerg\", \"botType\": \"JAVA_JNI\"}");
        assertTrue(refused(f).contains("expected ok.jar"));
        Files.writeString(f.resolve("bot.json"), "[1, 2]");
        assertTrue(refused(f).contains("expected a JSON object"));
    }

    @Test
    void shorthandsNameHeuristicsAndPolicies() throws Exception {
        assertEquals(new BotSpec("attack-move", BotSpec.Kind.HEURISTIC, null, null, "attack-move"), BotFolders.parse("heuristic:attack-move"));
        assertThrows(BadInputException.class, () -> BotFolders.parse("heuristic:"));
        assertThrows(BadInputException.class, () -> BotFolders.parse("policy:" + dir.resolve("nope")));
        assertEquals(BotSpec.Kind.POLICY, BotFolders.parse("policy:" + dir).kind());
        assertTrue(assertThrows(BadInputException.class, () -> BotFolders.parse("no-such-thing")).getMessage().contains("neither"));
    }
}
