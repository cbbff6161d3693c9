package tsunami.launcher.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tsunami.BadInputException;
import tsunami.launcher.Monkey;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code monkey train --slurm --dry-run}: the script it prints, run by bash with {@code srun} and
 * {@code scontrol} replaced by recorders, hands every task exactly the words it should (paths with
 * spaces and quotes included). The real cluster runs it in tsunami.tests.SlurmTrainTest.
 */
class SlurmScriptTest {
    @TempDir
    Path dir;

    private record Cli(int code, String out, String err) {
    }

    private static Cli monkey(String... args) {
        var cli = Monkey.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** Runs {@code script} as Slurm would on node-a (address 10.1.2.3) for job 7, each srun's words recorded; returns them, one list per srun. */
    private List<List<String>> runUnderRecorders(String script, String endpoint) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path records = Files.createDirectories(dir.resolve("records"));
        executable(bin.resolve("srun"), "#!/bin/bash\nprintf '%s\\0' \"$@\" > \"$RECORDS/srun-$$\"\n");
        executable(bin.resolve("scontrol"), """
                #!/bin/bash
                case "$*" in
                  'show hostnames node-[a-b]') echo node-a; echo node-b ;;
                  'show node node-a') echo '   NodeName=node-a Arch=x86_64 CoresPerSocket=4'; echo '   NodeAddr=10.1.2.3 NodeHostName=node-a Version=22.05.8' ;;
                  *) exit 3 ;;
                esac
                """);
        Path file = dir.resolve("job.sh");
        Files.writeString(file, script);
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("RECORDS", records.toString());
        pb.environment().put("SLURM_JOB_ID", "7");
        pb.environment().put("SLURM_JOB_NODELIST", "node-[a-b]");
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), said);
        assertTrue(said.contains("learner at " + endpoint + ","), said);
        List<List<String>> calls = new ArrayList<>();
        try (Stream<Path> s = Files.list(records)) {
            for (Path r : s.toList()) {
                String words = Files.readString(r, StandardCharsets.UTF_8);
                calls.add(Arrays.asList(words.substring(0, words.length() - 1).split("\0", -1)));
            }
        }
        return calls;
    }

    private static void executable(Path p, String text) throws Exception {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static List<String> after(List<String> words, String first) {
        int i = words.indexOf(first);
        assertTrue(i >= 0, first + " not in " + words);
        return words.subList(i, words.size());
    }

    @Test
    void dryRunPrintsAScriptWhoseTasksGetTheirWordsIntactAndWritesNothing() throws Exception {
        Path runDir = dir.resolve("a run's \"dir\" $HOME");
        Path plugin = dir.resolve("my plugins/x y.jar");
        Path secret = dir.resolve("the cluster's secret");
        Cli c = monkey("train", "--slurm", "--dry-run", "--nodes", "3", "--scenario", "m5v5", "--frames", "2000", "--env-workers", "1",
                "--envs-per-worker", "4", "--plugin", plugin.toString(), "--run-dir", runDir.toString(), "--cpus-per-task", "3",
                "--secret", secret.toString());
        assertEquals(0, c.code(), c.err());
        assertFalse(Files.exists(runDir), "--dry-run created the run directory");
        assertFalse(Files.exists(secret), "--dry-run created the secret");
        assertTrue(c.err().contains("nothing submitted"), c.err());
        String script = c.out();
        assertTrue(script.contains("#SBATCH --ntasks=3\n") && script.contains("#SBATCH --cpus-per-task=3\n"), script);

        // job 7: the port is 20000 + 3 × 7
        List<List<String>> calls = runUnderRecorders(script, "10.1.2.3:20021");
        assertEquals(3, calls.size(), "one learner step and two actor steps: " + calls);
        List<List<String>> learners = calls.stream().filter(w -> w.contains("train")).toList();
        assertEquals(1, learners.size(), calls.toString());
        List<String> learner = learners.get(0);
        assertTrue(learner.containsAll(List.of("--exact", "--nodes=1", "--ntasks=1", "--relative=0", "--job-name=learner",
                "--output=" + runDir.toAbsolutePath() + "/slurm-learner.log")), learner.toString());
        assertEquals(List.of("train", "--scenario=m5v5", "--frames=2000", "--env-workers=1", "--envs-per-worker=4", "--plugin=" + plugin,
                "--run-dir", runDir.toAbsolutePath().toString(), "--listen", "tcp://10.1.2.3:20021", "--secret", secret.toString()), after(learner, "train"));

        List<String> names = new ArrayList<>();
        for (List<String> actor : calls.stream().filter(w -> w.contains("actor")).toList()) {
            List<String> words = after(actor, "actor");
            assertEquals(List.of("actor", "--join", "10.1.2.3:20021", "--secret", secret.toString(), "--name"), words.subList(0, 6));
            assertEquals(List.of("--env-workers=1", "--envs-per-worker=4"), words.subList(7, 9));
            names.add(words.get(6));
            assertTrue(actor.contains("--job-name=" + words.get(6)) && actor.contains("--output=" + runDir.toAbsolutePath() + "/slurm-" + words.get(6) + ".log"),
                    actor.toString());
        }
        assertEquals(List.of("actor-1", "actor-2"), names.stream().sorted().toList());
    }

    @Test
    void aGivenPortIsUsedAndOneTaskMeansNoActors() throws Exception {
        // --env-workers 0 is a listening learner's option, so --slurm takes it too
        Cli c = monkey("train", "--slurm", "--dry-run", "--nodes", "1", "--slurm-port", "7400", "--env-workers", "0", "--scenario", "m5v5", "--run-dir",
                dir.resolve("run").toString());
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("#SBATCH --ntasks=1\n") && c.out().contains("PORT=7400\n"), c.out());
        List<List<String>> calls = runUnderRecorders(c.out(), "10.1.2.3:7400");
        assertEquals(1, calls.size(), calls.toString());
        assertTrue(calls.get(0).contains("tcp://10.1.2.3:7400"), calls.toString());
    }

    @Test
    void badSlurmFlagsAreRefusedByName() {
        Cli zero = monkey("train", "--slurm", "--dry-run", "--nodes", "0", "--scenario", "m5v5");
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("--nodes must be 1..10000"), zero.err());
        Cli alone = monkey("train", "--dry-run", "--scenario", "m5v5");
        assertEquals(2, alone.code());
        assertTrue(alone.err().contains("go with --slurm"), alone.err());
        Cli noScenario = monkey("train", "--slurm", "--dry-run");
        assertEquals(2, noScenario.code());
        assertTrue(noScenario.err().contains("--scenario is required"), noScenario.err());
        Cli wired = monkey("train", "--slurm", "--dry-run", "--scenario", "m5v5", "--listen", "tcp://127.0.0.1:7400");
        assertEquals(2, wired.code());
        assertTrue(wired.err().contains("--listen cannot go with --slurm"), wired.err());
        Cli league = monkey("train", "--slurm", "--dry-run", "--scenario", "m5v5", "--opponent", "league");
        assertEquals(2, league.code());
        assertTrue(league.err().contains("--opponent league"), league.err());
        Cli port = monkey("train", "--slurm", "--dry-run", "--scenario", "m5v5", "--slurm-port", "65534");
        assertEquals(2, port.code());
        assertTrue(port.err().contains("--slurm-port must be 1..65533"), port.err());
    }

    @Test
    void aTakenRunDirectoryIsRefusedBeforeAnythingIsSubmitted() throws Exception {
        Path run = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(run.resolve("run.properties"), "scenario=m5v5\n");
        Cli c = monkey("train", "--slurm", "--scenario", "m5v5", "--run-dir", run.toString());
        assertEquals(2, c.code());
        assertTrue(c.err().contains("already holds a training run") && c.err().contains("Nothing was submitted"), c.err());
        Cli resume = monkey("train", "--slurm", "--resume", "--run-dir", dir.resolve("none").toString());
        assertEquals(2, resume.code());
        assertTrue(resume.err().contains("holds no training run"), resume.err());
    }

    @Test
    void sbatchMissingOrPrintingNoJobIdIsAClearError() {
        BadInputException missing = assertThrows(BadInputException.class,
                () -> Sbatch.submit(List.of(dir.resolve("no-sbatch-here").toString(), "--parsable", "job.sh")));
        assertTrue(missing.getMessage().contains("cannot run sbatch"), missing.getMessage());
        assertEquals("4242", Sbatch.submit(List.of("bash", "-c", "echo '4242;cluster-a'")));
        BadInputException noId = assertThrows(BadInputException.class, () -> Sbatch.submit(List.of("bash", "-c", "echo queued")));
        assertTrue(noId.getMessage().contains("printed no job id: 'queued'"), noId.getMessage());
    }

    @Test
    void quotingKeepsEveryValueOneWord() throws Exception {
        List<String> values = List.of("plain", "with space", "it's", "$HOME", "a\"b", "", "new\nline", "*", "back\\slash");
        Process p = new ProcessBuilder("bash", "-c", "printf '%s\\0' " + ShellQuote.join(values)).start();
        String got = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertEquals(values, Arrays.asList(got.substring(0, got.length() - 1).split("\0", -1)));
    }
}
