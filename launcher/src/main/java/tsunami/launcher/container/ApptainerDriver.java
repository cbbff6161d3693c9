package tsunami.launcher.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --container apptainer}: {@code apptainer exec} of the bot-runtime SIF image (read-only by
 * nature) with {@code --containall} (own pid and ipc namespaces, a minimal /dev, empty private /tmp
 * and home, clean environment), {@code --net --network none} (a network namespace with loopback
 * only), memory and pids limits, and binds at the same path inside. The process stays a child of
 * the launcher, so the supervisor's tree kill ends it; leftovers carry the label in their
 * environment. Not packaged for Debian 12: tested by its command lines, and by a real run wherever
 * it is installed.
 */
public final class ApptainerDriver implements ContainerDriver {
    private final String apptainer;
    private final Path image;
    private volatile Boolean available;

    public ApptainerDriver() {
        this(Tools.onPath("apptainer") || !Tools.onPath("singularity") ? "apptainer" : "singularity",
                Path.of(System.getenv().getOrDefault("TSUNAMI_APPTAINER_IMAGE", "containers/bot-runtime.sif")));
    }

    public ApptainerDriver(String apptainer, Path image) {
        this.apptainer = apptainer;
        this.image = image;
    }

    @Override
    public String name() {
        return "apptainer";
    }

    public Path image() {
        return image;
    }

    public boolean installed() {
        return Tools.onPath(apptainer) && Tools.run(Duration.ofSeconds(20), List.of(apptainer, "--version")).ok();
    }

    /** Installed, and the bot-runtime SIF image exists. */
    @Override
    public boolean available() {
        if (available == null) available = installed() && Files.isRegularFile(image);
        return available;
    }

    @Override
    public List<String> command(Sandbox s, List<String> argv) {
        BwrapDriver.requireLabel(s.label());
        List<String> c = new ArrayList<>(List.of(apptainer, "exec", "--containall", "--cleanenv", "--net", "--network", "none",
                "--memory", Long.toString(s.memoryBytes()), "--memory-swap", Long.toString(s.memoryBytes()),
                "--pids-limit", Integer.toString(s.maxProcesses()), "--env", SandboxMarker.ENV + "=" + s.label()));
        for (Path p : s.readOnly()) c.addAll(List.of("--bind", abs(p) + ":" + abs(p) + ":ro"));
        for (Path p : s.writable()) c.addAll(List.of("--bind", abs(p) + ":" + abs(p) + ":rw"));
        s.remapped().forEach((host, inside) -> c.addAll(List.of("--bind", abs(host) + ":" + inside + ":rw")));
        if (s.workDir() != null) c.addAll(List.of("--pwd", abs(s.workDir())));
        c.add(image.toAbsolutePath().normalize().toString());
        c.addAll(argv);
        return c;
    }

    @Override
    public String enforcement() {
        return "no network (--net --network none), read-only SIF root, writable binds and a private /tmp only (--containall), own pid "
                + "namespace, memory and pids limits (apptainer's cgroups support: root or cgroup v2 with systemd), clean environment; "
                + "wall time: the launcher's supervisor";
    }

    private static String abs(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }
}
