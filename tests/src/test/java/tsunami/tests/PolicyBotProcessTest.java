package tsunami.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tsunami.launcher.Monkey;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A checkpoint trained here plays 200 games in-process ({@code monkey eval}) and 200 as a BWAPI
 * bot process against {@code monkey host}: the win rates agree within noise.
 */
class PolicyBotProcessTest {
    private static final int GAMES = 200;

    @TempDir
    Path dir;

    /** One in-process command; train and eval print to System.out, so that is captured too. */
    private static String run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = Monkey.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(stdout, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = cli.execute(args);
        } finally {
            System.setOut(original);
        }
        String all = out + stdout.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, all + "\n" + err);
        return all;
    }

    private Process monkey(String log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // the policy runs on ND4J: the bot JVM needs the flags this one was started with (native access)
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) if (a.startsWith("--")) cmd.add(a);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Monkey.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(dir.resolve(log).toFile()).start();
    }

    @Test
    void aCheckpointWinsAsOftenAsABotProcessAsItDoesInProcess() throws Exception {
        Path runDir = dir.resolve("run");
        // about half a minute of kickstarted training: a policy that wins some games and loses others
        run("train", "--scenario", "m5v5", "--frames", "150000", "--teacher", "hold-focus", "--seed", "3",
                "--run-dir", runDir.toString());
        Matcher e = Pattern.compile("won (\\d+), lost (\\d+), draw (\\d+)")
                .matcher(run("eval", "--checkpoint", runDir.toString(), "--scenario", "m5v5", "--games", Integer.toString(GAMES)));
        assertTrue(e.find());
        int inProcess = Integer.parseInt(e.group(1));
        assertTrue(inProcess > 0, "the policy wins some games, so the comparison below means something");

        Process host = monkey("host.log", "host", "--scenario", "m5v5", "--red", "client:policy", "--blue", "attack-move",
                "--games", Integer.toString(GAMES), "--seed", "7", "--complete-map");
        try {
            BufferedReader hostOut = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
            String first = hostOut.readLine();
            assertNotNull(first, "the host printed nothing: " + Files.readString(dir.resolve("host.log")));
            Matcher id = Pattern.compile("server ids \\[(\\d+)]").matcher(first);
            assertTrue(id.find(), first);
            Process bot = monkey("bot.log", "bot", "--checkpoint", runDir.toString(), "--server", id.group(1));
            StringBuilder rest = new StringBuilder();
            for (String line; (line = hostOut.readLine()) != null; ) rest.append(line).append('\n');
            assertTrue(host.waitFor(60, TimeUnit.SECONDS));
            assertTrue(bot.waitFor(60, TimeUnit.SECONDS), "the bot ends when the host closes");
            assertEquals(0, bot.exitValue(), Files.readString(dir.resolve("bot.log")));
            Matcher h = Pattern.compile("red policy (\\d+), blue attack-move (\\d+), draws (\\d+)").matcher(rest);
            assertTrue(h.find(), rest.toString());
            int hosted = Integer.parseInt(h.group(1));
            // two independent samples of 200 games (other seeds; BWAPI shows whole pixels and hit points):
            // the difference of the rates has a standard deviation of at most 0.05
            double p = (inProcess + hosted) / (2.0 * GAMES);
            double sd = Math.sqrt(2 * p * (1 - p) / GAMES);
            double diff = Math.abs(inProcess - hosted) / (double) GAMES;
            System.out.printf("in-process %d/%d, as a bot process %d/%d%n", inProcess, GAMES, hosted, GAMES);
            assertTrue(diff <= 4 * sd + 0.01, "in-process " + inProcess + " vs hosted " + hosted + " of " + GAMES);
            assertTrue(rest.toString().contains("commands ignored 0"), rest.toString());
        } finally {
            host.destroyForcibly();
        }
    }
}
