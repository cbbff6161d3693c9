package tsunami.launcher;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MonkeyCommandLineTest {

    @Test
    void helpListsEverySubcommandAndEachHasItsOwnHelp() {
        // picocli reports a malformed description (e.g. an unescaped '%') on System.err, not as an error.
        PrintStream originalErr = System.err;
        ByteArrayOutputStream tracer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(tracer, true, StandardCharsets.UTF_8));
        try {
            checkHelpOfEveryCommand();
        } finally {
            System.setErr(originalErr);
        }
        assertFalse(tracer.toString(StandardCharsets.UTF_8).contains("picocli WARN"), tracer.toString(StandardCharsets.UTF_8));
    }

    private static void checkHelpOfEveryCommand() {
        CliRun top = CliRun.of("--help");
        assertEquals(0, top.exitCode());
        CommandLine cli = Monkey.commandLine();
        for (String name : cli.getSubcommands().keySet()) {
            assertTrue(top.out().contains(name), "top-level help lists " + name);
            if (!name.equals("help")) {
                CliRun sub = CliRun.of(name, "--help");
                assertEquals(0, sub.exitCode(), name + " --help");
                assertTrue(sub.out().contains("Usage: monkey " + name), name + " prints its own usage");
            }
        }
        assertTrue(cli.getSubcommands().containsKey("bench"));
    }

    @Test
    void unknownSubcommandOrFlagIsAUsageErrorNamingIt() {
        CliRun unknownCommand = CliRun.of("teleport");
        assertEquals(2, unknownCommand.exitCode());
        assertTrue(unknownCommand.err().contains("teleport"), unknownCommand.err());

        CliRun unknownFlag = CliRun.of("bench", "actors", "--warp-speed");
        assertEquals(2, unknownFlag.exitCode());
        assertTrue(unknownFlag.err().contains("--warp-speed"), unknownFlag.err());
    }
}
