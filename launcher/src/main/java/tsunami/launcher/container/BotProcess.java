package tsunami.launcher.container;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The launcher's supervisor of one bot's OS process: starts a command line (usually a
 * {@link ContainerDriver}'s) with stdout and stderr each copied to a file, capped; kills it at its
 * wall time; and on {@link #close} kills the whole process tree, every process carrying its label
 * ({@link SandboxMarker}), and what its driver keeps outside the tree. A JVM shutdown hook closes
 * every live one, so Ctrl-C or SIGTERM leaves nothing behind; what a hard kill leaves is removed by
 * the drivers' {@code removeLeftovers} at the next start.
 */
public final class BotProcess implements AutoCloseable {
    public static final long DEFAULT_LOG_CAP = 10L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(BotProcess.class);
    private static final Set<BotProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK = new AtomicBoolean();

    /**
     * How to start one bot process.
     *
     * @param label       the sandbox's label, put into the environment as {@code TSUNAMI_SANDBOX}
     * @param workDir     where the command starts on the host (null: the launcher's)
     * @param stdout      file for the capped stdout
     * @param stderr      file for the capped stderr
     * @param logCapBytes bytes kept of each stream
     * @param wallTime    killed when still running after this long (null: no limit)
     * @param release     run once after the tree is killed: the driver's {@link ContainerDriver#release} (may be null)
     */
    public record Options(String label, Path workDir, Path stdout, Path stderr, long logCapBytes, Duration wallTime, Runnable release) {
        public Options {
            BwrapDriver.requireLabel(label);
            if (logCapBytes < 0) throw new IllegalArgumentException("logCapBytes must not be negative");
        }
    }

    private final Process process;
    private final Options options;
    private final CappedLog out;
    private final CappedLog err;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean wallTimeExceeded;

    private BotProcess(Process process, Options options, CappedLog out, CappedLog err) {
        this.process = process;
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code argv} in {@code sandbox} through {@code driver}; stdout and stderr capped at {@link #DEFAULT_LOG_CAP}. */
    public static BotProcess start(ContainerDriver driver, Sandbox sandbox, List<String> argv, Path stdout, Path stderr, Duration wallTime)
            throws IOException {
        return start(driver.command(sandbox, argv), new Options(sandbox.label(), sandbox.workDir(), stdout, stderr, DEFAULT_LOG_CAP, wallTime,
                () -> driver.release(sandbox)));
    }

    public static BotProcess start(List<String> command, Options options) throws IOException {
        installShutdownHook();
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
        if (options.workDir() != null) pb.directory(options.workDir().toFile());
        Map<String, String> env = pb.environment();
        env.put(SandboxMarker.ENV, options.label());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        for (Path f : List.of(options.stdout(), options.stderr())) {
            Path dir = f.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            if (options.release() != null) options.release().run();
            throw new IOException("cannot start " + command.get(0) + " for " + options.label() + ": " + e.getMessage(), e);
        }
        CappedLog out = new CappedLog(options.stdout(), options.logCapBytes());
        CappedLog err = new CappedLog(options.stderr(), options.logCapBytes());
        out.start(p.getInputStream(), "stdout");
        err.start(p.getErrorStream(), "stderr");
        BotProcess bot = new BotProcess(p, options, out, err);
        LIVE.add(bot);
        if (options.wallTime() != null) {
            p.onExit().orTimeout(options.wallTime().toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, failure) -> {
                if (failure instanceof TimeoutException) {
                    bot.wallTimeExceeded = true;
                    LOG.info("{}: wall time {} exceeded, killing it", options.label(), options.wallTime());
                    bot.killTree();
                }
            });
        }
        return bot;
    }

    public long pid() {
        return process.pid();
    }

    public String label() {
        return options.label();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit status (128 + signal when killed) once the process has ended. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** The exit status, or empty when still running after {@code timeout}. */
    public OptionalInt waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
    }

    /** Whether it was killed for running past its wall time. */
    public boolean wallTimeExceeded() {
        return wallTimeExceeded;
    }

    public CappedLog stdout() {
        return out;
    }

    public CappedLog stderr() {
        return err;
    }

    /** Kills the process tree and everything carrying its label, releases the driver's resources, and waits for the logs to end. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            // Process.destroy closes the pipes: let the logs read what an exited bot left in them first
            if (!process.isAlive()) {
                out.awaitEnd(2, TimeUnit.SECONDS);
                err.awaitEnd(2, TimeUnit.SECONDS);
            }
            killTree();
            if (options.release() != null) options.release().run();
            // The pipes close once the last holder is dead; a grandchild that escaped every kill must not hang the launcher.
            out.awaitEnd(5, TimeUnit.SECONDS);
            err.awaitEnd(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(this);
        }
    }

    /**
     * SIGKILLs the root first (so it cannot outlive a killed child and exit on its own terms), then
     * the tree as it was, until nothing is left; then whatever escaped the tree but carries the label.
     */
    private void killTree() {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        for (int round = 0; round < 50; round++) {
            List<ProcessHandle> rest = process.descendants().toList();
            if (rest.isEmpty()) break;
            rest.forEach(ProcessHandle::destroyForcibly);
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String label = options.label();
        SandboxMarker.kill(label::equals);
    }

    private static void installShutdownHook() {
        if (HOOK.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (BotProcess bot : List.copyOf(LIVE)) bot.close();
            }, "bot-process-shutdown"));
        }
    }
}
