package tsunami.launcher.cluster;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tsunami.BadInputException;
import tsunami.net.ClusterSecret;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code monkey train --slurm}: instead of training here, writes an sbatch script for a learner task
 * and N-1 actor tasks into the run directory, submits it and records the job id there
 * ({@link #JOB_ID_FILE}); {@code --dry-run} prints the script and touches nothing.
 */
public final class SlurmOptions {
    public static final String SCRIPT_FILE = "slurm-job.sh";
    public static final String JOB_ID_FILE = "slurm-job.txt";
    /** Every file this driver puts in a run directory starts so, which a new run's emptiness check ignores. */
    public static final String FILE_PREFIX = "slurm-";
    static final String IMAGE_ENV = "TSUNAMI_TRAINER_IMAGE";
    static final int DEFAULT_NODES = 3;
    static final int DEFAULT_CPUS = 2;

    @Spec(Spec.Target.MIXEE)
    CommandSpec train;

    @Option(names = "--slurm", description = "submit the training as a Slurm job (one learner task, --nodes minus one actor tasks) "
            + "instead of running it here; the run directory gets the script (" + SCRIPT_FILE + "), the job id (" + JOB_ID_FILE
            + ") and the tasks' logs (" + FILE_PREFIX + "*)")
    boolean slurm;

    @Option(names = "--nodes", description = "with --slurm: tasks in the job, the learner's included (default: " + DEFAULT_NODES + ")")
    Integer nodes;

    @Option(names = "--dry-run", description = "with --slurm: print the sbatch script and submit nothing")
    boolean dryRun;

    @Option(names = "--slurm-port", description = "with --slurm: the learner's port; it takes the next two as well (default: 20000 + 3 × (job id mod 3000))")
    Integer port;

    @Option(names = "--cpus-per-task", description = "with --slurm: CPUs of each task (default: " + DEFAULT_CPUS + ")")
    Integer cpusPerTask;

    @Option(names = "--sbatch-option", paramLabel = "OPTION",
            description = "with --slurm: passed to sbatch as is, e.g. --sbatch-option=--partition=gpu --sbatch-option=--time=2:00:00 (repeatable)")
    List<String> sbatchOptions = new ArrayList<>();

    /** Flags of this mixin, and flags the job sets for each task itself, never forwarded from the user's command line. */
    private static final Set<String> NOT_FORWARDED = Set.of("--slurm", "--nodes", "--dry-run", "--slurm-port", "--cpus-per-task",
            "--sbatch-option", "--run-dir", "--secret");
    /** Flags that belong to the job's own wiring: refused beside --slurm. */
    private static final Set<String> SET_BY_JOB = Set.of("--listen", "--actor-nodes", "--join");
    /** Training flags actor nodes take too: each runs its env workers alike. */
    private static final Set<String> FOR_ACTORS = Set.of("--env-workers", "--envs-per-worker");

    public boolean requested() {
        if (!slurm && (nodes != null || dryRun || port != null || cpusPerTask != null || !sbatchOptions.isEmpty())) {
            throw new BadInputException("--nodes, --dry-run, --slurm-port, --cpus-per-task and --sbatch-option go with --slurm");
        }
        return slurm;
    }

    /**
     * Writes and submits (or with --dry-run prints) the job for the training flags given.
     *
     * @param runDir the run directory: the one given, or the one a new run would get here
     */
    public int submit(Path runDir) {
        int tasks = nodes != null ? nodes : DEFAULT_NODES;
        if (tasks < 1 || tasks > 10_000) throw new BadInputException("--nodes must be 1..10000 (the learner's task included), got " + tasks);
        int cpus = cpusPerTask != null ? cpusPerTask : DEFAULT_CPUS;
        if (cpus < 1 || cpus > 4096) throw new BadInputException("--cpus-per-task must be 1..4096, got " + cpus);
        if (port != null && (port < 1 || port > 65533)) throw new BadInputException("--slurm-port must be 1..65533 (the learner takes it and the next two), got " + port);
        Path dir = runDir.toAbsolutePath().normalize();
        Path secret = givenSecret().orElse(ClusterSecret.defaultFile()).toAbsolutePath().normalize();
        List<String> trainArgs = new ArrayList<>();
        List<String> actorArgs = new ArrayList<>();
        for (OptionSpec o : train.commandLine().getParseResult().matchedOptions()) {
            String name = o.longestName();
            if (SET_BY_JOB.contains(name)) throw new BadInputException(name + " cannot go with --slurm: the job wires its learner and actor nodes itself");
            if (NOT_FORWARDED.contains(name)) continue;
            List<String> words = asGiven(o);
            trainArgs.addAll(words);
            if (FOR_ACTORS.contains(name)) actorArgs.addAll(words);
        }
        Path image = System.getenv(IMAGE_ENV) != null ? Path.of(System.getenv(IMAGE_ENV))
                : MonkeyInvocation.checkout().resolve("containers").resolve("trainer.sif");
        SlurmJob job = new SlurmJob(tasks, port, cpus, Path.of("").toAbsolutePath(), dir, secret, trainArgs, actorArgs,
                MonkeyInvocation.ofThisJvm(), image.toAbsolutePath().normalize());
        PrintWriter out = train.commandLine().getOut();
        PrintWriter err = train.commandLine().getErr();
        Path scriptFile = dir.resolve(SCRIPT_FILE);
        List<String> sbatch = Sbatch.command(scriptFile, dir, sbatchOptions);
        if (dryRun) {
            out.print(job.script());
            out.flush();
            err.println("monkey: --dry-run: nothing submitted; it would run: " + ShellQuote.join(sbatch));
            err.flush();
            return 0;
        }
        try {
            // the learner creates its own key pair from this file; a missing one is made owner-only now, before any task reads it
            ClusterSecret.loadOrCreate(secret);
            Files.createDirectories(dir);
            writeAtomically(scriptFile, job.script());
            Files.setPosixFilePermissions(scriptFile, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new BadInputException("--slurm: cannot write the job script " + scriptFile + ": " + e.getMessage(), e);
        }
        String jobId = Sbatch.submit(sbatch);
        writeAtomically(dir.resolve(JOB_ID_FILE), jobId + "\n");
        out.println("slurm job " + jobId);
        out.flush();
        err.println("monkey: submitted Slurm job " + jobId + " (1 learner + " + (tasks - 1) + " actor tasks); run directory " + dir
                + "; follow it with: squeue -j " + jobId + "; tail -f " + ShellQuote.quote(dir.resolve(SlurmJob.LEARNER_LOG).toString()));
        err.flush();
        return 0;
    }

    private java.util.Optional<Path> givenSecret() {
        OptionSpec o = train.findOption("--secret");
        if (o == null || train.commandLine().getParseResult().matchedOption("--secret") == null) return java.util.Optional.empty();
        return java.util.Optional.of(Path.of(o.originalStringValues().get(o.originalStringValues().size() - 1)));
    }

    /** The option as the user gave it, one {@code --name=value} word per value ({@code --name} alone for a bare flag). */
    private static List<String> asGiven(OptionSpec o) {
        List<String> values = o.originalStringValues();
        if (o.arity().max() == 0 || values.isEmpty()) return List.of(o.longestName());
        List<String> words = new ArrayList<>();
        for (String v : values) words.add(o.longestName() + "=" + v);
        return words;
    }

    private static void writeAtomically(Path target, String text) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new BadInputException("--slurm: cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
