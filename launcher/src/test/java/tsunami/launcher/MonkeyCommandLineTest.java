package tsunami.launcher;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MonkeyCommandLineTest {
    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cli = Monkey.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEverySubcommandAndEachHasItsOwnHelp() {
        Run top = run("--help");
        assertEquals(0, top.exitCode());
        CommandLine cli = Monkey.commandLine();
        for (String name : cli.getSubcommands().keySet()) {
            assertTrue(top.out().contains(name), "top-level help lists " + name);
            if (!name.equals("help")) {
                Run sub = run(name, "--help");
                assertEquals(0, sub.exitCode(), name + " --help");
                assertTrue(sub.out().contains("Usage: monkey " + name), name + " prints its own usage");
            }
        }
        assertTrue(cli.getSubcommands().containsKey("bench"));
    }

    @Test
    void unknownSubcommandOrFlagIsAUsageErrorNamingIt() {
        Run unknownCommand = run("teleport");
        assertEquals(2, unknownCommand.exitCode());
        assertTrue(unknownCommand.err().contains("teleport"), unknownCommand.err());

        Run unknownFlag = run("bench", "actors", "--warp-speed");
        assertEquals(2, unknownFlag.exitCode());
        assertTrue(unknownFlag.err().contains("--warp-speed"), unknownFlag.err());
    }
}
