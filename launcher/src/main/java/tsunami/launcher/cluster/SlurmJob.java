package tsunami.launcher.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static tsunami.launcher.cluster.ShellQuote.join;
import static tsunami.launcher.cluster.ShellQuote.quote;

/**
 * One training job on Slurm, as an sbatch script: task 0 is the learner node ({@code monkey train
 * --listen}) on the allocation's first node, tasks 1..N-1 are actor nodes ({@code monkey actor
 * --join}), each its own job step, so {@code scancel JOB.STEP} stops one actor and the run goes on.
 * The job ends with the learner; actor nodes leave by themselves when the run ends.
 *
 * @param tasks       learner plus actor tasks (N of {@code --nodes N})
 * @param port        the learner's first port, or null for one derived from the job id (two jobs on one node then rarely collide)
 * @param cpusPerTask CPUs Slurm gives each task
 * @param workDir     the submission's working directory: relative paths in the flags mean the same in every task
 * @param runDir      the run directory (absolute), shared by all tasks
 * @param secret      the cluster secret file (absolute), which every task reads
 * @param trainArgs   the user's training flags, less those this job sets itself
 * @param actorArgs   flags for every actor node
 * @param monkey      how a task starts the monkey CLI outside a container
 * @param image       the Apptainer image tasks run in where {@code apptainer} exists and the image is present
 */
public record SlurmJob(int tasks, Integer port, int cpusPerTask, Path workDir, Path runDir, Path secret, List<String> trainArgs,
                       List<String> actorArgs, MonkeyInvocation monkey, Path image) {
    /** What {@code sbatch --output} gets: Slurm's log of the batch script itself. */
    public static final String BATCH_LOG = "slurm-%j.out";
    public static final String LEARNER_LOG = "slurm-learner.log";
    /** Per actor task i (1-based): {@code slurm-actor-<i>.log}, and its step is named {@code actor-<i>}. */
    public static final String ACTOR_LOG_PREFIX = "slurm-actor-";
    /** How long actor nodes may take to leave once the learner is done, before they are stopped. */
    static final int ACTOR_GRACE_SECONDS = 60;

    public SlurmJob {
        if (tasks < 1) throw new IllegalArgumentException("a job needs at least the learner task, got " + tasks);
        trainArgs = List.copyOf(trainArgs);
        actorArgs = List.copyOf(actorArgs);
    }

    /** The sbatch script (bash). */
    public String script() {
        int actors = tasks - 1;
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# Tsunami training on Slurm, written by 'monkey train --slurm': task 0 is the learner node,\n");
        s.append("# tasks 1..").append(actors).append(" are actor nodes that join it. Submit again with\n");
        s.append("#   sbatch --output=RUN_DIR/").append(BATCH_LOG).append(" THIS_FILE\n");
        s.append("#SBATCH --job-name=tsunami-train\n");
        s.append("#SBATCH --ntasks=").append(tasks).append('\n');
        s.append("#SBATCH --cpus-per-task=").append(cpusPerTask).append('\n');
        s.append("set -u\n");
        s.append("cd ").append(quote(workDir.toString())).append(" || exit 1\n");
        s.append("RUN_DIR=").append(quote(runDir.toString())).append('\n');
        s.append("SECRET=").append(quote(secret.toString())).append('\n');
        s.append("IMAGE=").append(quote(image.toString())).append('\n');
        s.append("ACTOR_TASKS=").append(actors).append('\n');
        if (port != null) s.append("PORT=").append(port).append('\n');
        // the learner takes PORT and the next two (experience, parameters): jobs 3 ports apart, below Linux's ephemeral ports
        else s.append("PORT=$((20000 + (SLURM_JOB_ID % 3000) * 3))\n");
        s.append("# the learner runs on the allocation's first node (--relative=0); actor nodes join it there\n");
        s.append("LEARNER_HOST=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n 1)\n");
        // the node's address as Slurm reaches it (NodeAddr), as an IP: the learner names itself by address, and a
        // join through a host name went unanswered (seen with localhost)
        s.append("LEARNER_ADDR=$(scontrol show node \"$LEARNER_HOST\" | tr ' ' '\\n' | sed -n 's/^NodeAddr=//p' | head -n 1)\n");
        s.append("LEARNER_IP=$(getent ahostsv4 \"${LEARNER_ADDR:-$LEARNER_HOST}\" | awk 'NR == 1 {print $1}')\n");
        s.append("ENDPOINT=\"${LEARNER_IP:-${LEARNER_ADDR:-$LEARNER_HOST}}:$PORT\"\n");
        List<String> jvm = new ArrayList<>(monkey.jvmFlags());
        jvm.addAll(List.of("-cp", monkey.classpath(), "tsunami.launcher.Monkey"));
        s.append("MONKEY=(").append(quote(monkey.java())).append(' ').append(join(jvm)).append(")\n");
        s.append("if command -v apptainer >/dev/null 2>&1 && [ -f \"$IMAGE\" ]; then\n");
        s.append("  # the project's image: its JRE, with the code, the run directory, the working directory and the secret bound in\n");
        s.append("  MONKEY=(apptainer exec");
        for (Path p : binds()) s.append(" --bind ").append(quote(p.toString()));
        s.append(" \"$IMAGE\" java ").append(join(containerJvm())).append(")\n");
        s.append("fi\n");
        s.append("echo \"tsunami: learner at $ENDPOINT, $ACTOR_TASKS actor task(s), logs in $RUN_DIR\"\n");
        List<String> train = new ArrayList<>(List.of("train"));
        train.addAll(trainArgs);
        train.add("--run-dir");
        s.append("srun --exact --nodes=1 --ntasks=1 --relative=0 --job-name=learner --output=\"$RUN_DIR/").append(LEARNER_LOG)
                .append("\" \\\n  \"${MONKEY[@]}\" ").append(join(train)).append(" \"$RUN_DIR\" --listen \"tcp://$ENDPOINT\" --secret \"$SECRET\" &\n");
        s.append("LEARNER=$!\n");
        s.append("ACTORS=()\n");
        s.append("for i in $(seq 1 \"$ACTOR_TASKS\"); do\n");
        s.append("  srun --exact --nodes=1 --ntasks=1 --job-name=\"actor-$i\" --output=\"$RUN_DIR/").append(ACTOR_LOG_PREFIX).append("$i.log\" \\\n");
        s.append("    \"${MONKEY[@]}\" actor --join \"$ENDPOINT\" --secret \"$SECRET\" --name \"actor-$i\"");
        if (!actorArgs.isEmpty()) s.append(' ').append(join(actorArgs));
        s.append(" &\n");
        s.append("  ACTORS+=($!)\n");
        s.append("done\n");
        s.append("wait \"$LEARNER\"\n");
        s.append("STATUS=$?\n");
        s.append("# actor nodes leave when the run ends; any still running after the grace time (or at once, if the learner failed) is stopped\n");
        s.append("for _ in $(seq ").append(ACTOR_GRACE_SECONDS).append("); do\n");
        s.append("  [ \"$STATUS\" = 0 ] || break\n");
        s.append("  running=0\n");
        s.append("  for a in \"${ACTORS[@]}\"; do kill -0 \"$a\" 2>/dev/null && running=1; done\n");
        s.append("  [ \"$running\" = 0 ] && break\n");
        s.append("  sleep 1\n");
        s.append("done\n");
        s.append("for a in \"${ACTORS[@]}\"; do kill \"$a\" 2>/dev/null; done\n");
        s.append("wait\n");
        s.append("echo \"tsunami: learner exited with status $STATUS\"\n");
        s.append("exit \"$STATUS\"\n");
        return s.toString();
    }

    /**
     * The image's JRE (containers/trainer.def: Java 21) may be older than the submitter's JDK: it gets
     * the heap and GC flags (-X...), unknown -XX flags ignored, and none of the newer JDKs' -- flags.
     */
    private List<String> containerJvm() {
        List<String> c = new ArrayList<>(List.of("-XX:+IgnoreUnrecognizedVMOptions", "--enable-native-access=ALL-UNNAMED"));
        for (String f : monkey.jvmFlags()) if (f.startsWith("-X")) c.add(f);
        c.addAll(List.of("-cp", monkey.classpath(), "tsunami.launcher.Monkey"));
        return c;
    }

    /** What the image must see at the same paths: the code, the working and run directories, the secret's folder. */
    private List<Path> binds() {
        Set<Path> b = new LinkedHashSet<>(monkey.codeFolders());
        b.add(workDir);
        b.add(runDir);
        if (secret.getParent() != null) b.add(secret.getParent());
        return List.copyOf(b);
    }
}
