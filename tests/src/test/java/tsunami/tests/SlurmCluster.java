package tsunami.tests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A one-machine Slurm cluster for tests: its own munged, slurmctld and slurmd, configured in a
 * folder of their own (munge key, slurm.conf on free ports, state, spool, logs), so it shares
 * nothing with a system Slurm or another test run. {@link #close} (also run by a shutdown hook)
 * cancels every job, stops every daemon it started and then any process still holding a file in
 * the folder (a job step's slurmstepd outlives a stopped slurmd).
 */
final class SlurmCluster implements AutoCloseable {
    private static final List<String> TOOLS = List.of("mungekey", "munged", "slurmctld", "slurmd", "sbatch", "srun", "scontrol",
            "scancel", "squeue", "sinfo");

    private final Path dir;
    private final Path conf;
    private final List<Process> daemons = new ArrayList<>();
    private final Thread hook = new Thread(this::stop, "slurm-cluster-stop");
    private boolean stopped;

    private SlurmCluster(Path dir) {
        this.dir = dir;
        this.conf = dir.resolve("slurm.conf");
    }

    /** What this machine lacks to run the cluster (the tools, or root for slurmd), or empty when it can. */
    static Optional<String> missing() {
        List<String> absent = new ArrayList<>();
        for (String t : TOOLS) if (locate(t).isEmpty()) absent.add(t);
        if (!absent.isEmpty()) return Optional.of("no " + String.join(", ", absent) + " on PATH (Debian: apt-get install slurm-wlm munge; "
                + "scripts/install-deps.sh does it)");
        if (!"root".equals(System.getProperty("user.name"))) return Optional.of("slurmd must run as root here, and this is " + System.getProperty("user.name"));
        return Optional.empty();
    }

    /** Starts the daemons in {@code dir} (a short path without spaces) with {@code cpus} CPUs on node localhost, and waits until it takes jobs. */
    static SlurmCluster start(Path dir, int cpus) throws Exception {
        SlurmCluster c = new SlurmCluster(dir.toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(c.hook);
        try {
            c.launch(cpus);
            return c;
        } catch (Exception | AssertionError e) {
            c.close();
            throw e;
        }
    }

    /** The environment every Slurm command (and {@code monkey train --slurm}) needs to reach this cluster. */
    Map<String, String> env() {
        return Map.of("SLURM_CONF", conf.toString());
    }

    Path dir() {
        return dir;
    }

    /** Runs a Slurm client command against this cluster; its stdout, or an error with both outputs. */
    String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(located(List.of(command))).redirectErrorStream(true);
        pb.environment().putAll(env());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private void launch(int cpus) throws Exception {
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("spool"));
        Path key = dir.resolve("munge.key");
        exec(List.of("mungekey", "--create", "--keyfile=" + key));
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("r--------"));
        Path socket = dir.resolve("munge.socket");
        daemon("munged", List.of("munged", "--foreground", "--force", "--socket=" + socket, "--key-file=" + key,
                "--pid-file=" + dir.resolve("munged.pid"), "--seed-file=" + dir.resolve("munged.seed"), "--log-file=" + dir.resolve("munged.log")));
        waitFor(Duration.ofSeconds(30), "munged's socket " + socket, () -> Files.exists(socket));
        int ctldPort = freePort(), slurmdPort = freePort();
        while (slurmdPort == ctldPort) slurmdPort = freePort();
        Files.writeString(conf, String.join("\n",
                "ClusterName=tsunamitest",
                "SlurmctldHost=localhost",
                "SlurmUser=root",
                "SlurmdUser=root",
                "SlurmctldPort=" + ctldPort,
                "SlurmdPort=" + slurmdPort,
                "AuthType=auth/munge",
                "AuthInfo=socket=" + socket,
                "CredType=cred/munge",
                "MpiDefault=none",
                // no cgroups: the test machine may be a container without a writable cgroup tree
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "ReturnToService=2",
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmctldLogFile=" + dir.resolve("slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("slurmd.log"),
                "SchedulerType=sched/backfill",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_CPU",
                "JobCompType=jobcomp/none",
                "AccountingStorageType=accounting_storage/none",
                "JobAcctGatherType=jobacct_gather/none",
                "KillWait=5",
                // the node declares more CPUs than a small test machine has, so a 3-task job fits: slurmd takes the configured count
                "SlurmdParameters=config_overrides",
                "NodeName=localhost NodeAddr=127.0.0.1 CPUs=" + cpus + " State=UNKNOWN",
                "PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP",
                ""));
        daemon("slurmctld", List.of("slurmctld", "-D", "-i", "-f", conf.toString()));
        daemon("slurmd", List.of("slurmd", "-D", "-N", "localhost", "-f", conf.toString()));
        waitFor(Duration.ofSeconds(90), "node localhost idle in sinfo (see " + dir + "/slurmctld.log, slurmd.log)", () -> {
            try {
                return run("sinfo", "-h", "-N", "-o", "%T").strip().equals("idle");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** Cancels every job and waits until none is left, so no step outlives the daemons. */
    private void cancelJobs() {
        try {
            run("scancel", "--full", "--user=root");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (System.nanoTime() < end && !run("squeue", "-h").isBlank()) Thread.sleep(250);
        } catch (Exception e) {
            // the daemons may be the ones failing: the process sweep below still ends what is left
        }
    }

    private synchronized void stop() {
        if (stopped) return;
        stopped = true;
        if (!daemons.isEmpty()) cancelJobs();
        // slurmd before slurmctld before munged: each still has the ones it talks to while it shuts down
        for (int i = daemons.size() - 1; i >= 0; i--) terminate(daemons.get(i).toHandle());
        sweep();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs now, or ran
        }
    }

    /** Ends every process (not this JVM) with its working directory or an open file in the cluster's folder. */
    private void sweep() {
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> left = ProcessHandle.allProcesses().filter(p -> p.pid() != self && touches(p.pid())).toList();
        for (ProcessHandle p : left) p.destroy();
        for (ProcessHandle p : left) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    private boolean touches(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            if (Files.readSymbolicLink(proc.resolve("cwd")).startsWith(dir)) return true;
        } catch (IOException | SecurityException e) {
            // gone, or not ours to read
        }
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).startsWith(dir);
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static void terminate(ProcessHandle p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            p.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private void daemon(String name, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(located(command)).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile());
        pb.environment().putAll(env());
        daemons.add(pb.start());
    }

    private void exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(located(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", command) + " failed: " + out);
    }

    private void waitFor(Duration limit, String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            for (Process d : daemons) {
                if (!d.isAlive()) throw new IllegalStateException(d.info().command().orElse("a daemon") + " exited (" + d.exitValue()
                        + ") while waiting for " + what + "; logs in " + dir);
            }
            if (System.nanoTime() > end) throw new IllegalStateException("timed out after " + limit.toSeconds() + " s waiting for " + what);
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code tool} on PATH or in sbin, where the daemons live and a user's PATH may not look. */
    private static Optional<Path> locate(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin"));
        return dirs.stream().map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst();
    }

    /** {@code command} with its program made an absolute path (see {@link #locate}). */
    private static List<String> located(List<String> command) {
        List<String> c = new ArrayList<>(command);
        c.set(0, locate(c.get(0)).map(Path::toString).orElse(c.get(0)));
        return c;
    }
}
