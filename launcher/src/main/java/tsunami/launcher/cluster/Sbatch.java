package tsunami.launcher.cluster;

import tsunami.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Submits a batch script with {@code sbatch --parsable} and returns the job id Slurm gave it. */
final class Sbatch {
    private Sbatch() {
    }

    /** The sbatch command line for {@code script}, its batch log going to the run directory. */
    static List<String> command(Path script, Path runDir, List<String> options) {
        List<String> c = new ArrayList<>(List.of("sbatch", "--parsable",
                // '%' is Slurm's file-name pattern character: one in the path itself must be doubled
                "--output=" + runDir.toString().replace("%", "%%") + "/" + SlurmJob.BATCH_LOG));
        c.addAll(options);
        c.add(script.toString());
        return c;
    }

    static String submit(List<String> command) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new BadInputException("--slurm: cannot run sbatch (" + e.getMessage() + "); run on a Slurm login node, or put sbatch on PATH");
        }
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        int code;
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BadInputException("--slurm: sbatch did not answer within 120 s; is slurmctld reachable?");
            }
            code = p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BadInputException("--slurm: interrupted while sbatch ran");
        }
        String stderr = err.join().strip();
        if (code != 0) {
            throw new BadInputException("--slurm: sbatch refused the job (exit " + code + ")" + (stderr.isEmpty() ? "" : ": " + stderr));
        }
        // --parsable prints "JOBID" or "JOBID;CLUSTER"
        String id = out.strip().split(";", 2)[0];
        if (!id.matches("[0-9]+")) throw new BadInputException("--slurm: sbatch printed no job id: '" + out.strip() + "'" + (stderr.isEmpty() ? "" : " (" + stderr + ")"));
        return id;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
