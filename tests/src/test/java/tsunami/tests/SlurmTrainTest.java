package tsunami.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tsunami.launcher.Monkey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code monkey train --slurm} against a real one-machine Slurm cluster (see {@link SlurmCluster}). */
class SlurmTrainTest {
    private static SlurmCluster cluster;
    private static Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        var missing = SlurmCluster.missing();
        assumeTrue(missing.isEmpty(), () -> "no Slurm cluster can run here: " + missing.orElse(""));
        // a short path of its own: it goes into slurm.conf, and the cluster's process sweep covers everything under it
        dir = Files.createTempDirectory("tsunami-slurm");
        cluster = SlurmCluster.start(dir.resolve("cluster"), 8);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    /** {@code monkey ARGS} in its own JVM, as a user on the cluster's login node runs it. */
    static Process monkey(Path out, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1"));
        if (Runtime.version().feature() >= 23) cmd.add("--sun-misc-unsafe-memory-access=allow");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Monkey.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().putAll(cluster.env());
        // the tasks run this test's class path, not a ./monkey build's
        pb.environment().remove("TSUNAMI_CLASSPATH");
        return pb.start();
    }

    private static String finish(Process p, Path out) throws Exception {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "monkey did not finish");
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aJobSlurmRefusesShowsSbatchsReasonAndRecordsNoJobId() throws Exception {
        Path runDir = dir.resolve("refused run");
        Path out = dir.resolve("refused.out");
        Process p = monkey(out, "train", "--slurm", "--nodes", "2", "--scenario", "m5v5", "--frames", "1000",
                "--run-dir", runDir.toString(), "--sbatch-option=--partition=no-such-partition");
        String said = finish(p, out);
        assertEquals(2, p.exitValue(), said);
        assertTrue(said.contains("sbatch refused the job") && said.contains("invalid partition"), said.toLowerCase());
        assertFalse(Files.exists(runDir.resolve("slurm-job.txt")), "a refused job recorded an id");
    }
}
