package tsunami.launcher.container;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --container podman}: one {@code podman run --rm} per bot, with runc (what works on this
 * project's machines, with the nofile and nproc ulimits given explicitly), no network, a read-only
 * image root with a private {@code /tmp} tmpfs, memory (swap included) and pids limits, all
 * capabilities dropped, no new privileges; binds at the same path inside. The container is named
 * and labelled by the sandbox's label: {@link #release} removes it when its {@code podman run} was
 * killed (conmon keeps a container alive without it), and {@link #removeLeftovers} finds those of
 * a launcher killed hard.
 */
public final class PodmanDriver implements ContainerDriver {
    /** The image built by {@code scripts/install-deps.sh} and {@code monkey containers build}. */
    public static final String DEFAULT_IMAGE = "localhost/tsunami/bot-runtime:latest";
    public static final String LABEL_KEY = "tsunami.sandbox";

    private final String podman;
    private final String image;
    private volatile Boolean available;

    public PodmanDriver() {
        this("podman", System.getenv().getOrDefault("TSUNAMI_PODMAN_IMAGE", DEFAULT_IMAGE));
    }

    public PodmanDriver(String podman, String image) {
        this.podman = podman;
        this.image = image;
    }

    @Override
    public String name() {
        return "podman";
    }

    public String image() {
        return image;
    }

    /** Podman is installed and works (its image may still be missing). */
    public boolean installed() {
        return Tools.onPath(podman) && Tools.run(Duration.ofSeconds(20), global(List.of("version", "--format", "{{.Client.Version}}"))).ok();
    }

    /** Installed, and the bot-runtime image is in local storage (no registry is reachable to pull it). */
    @Override
    public boolean available() {
        if (available == null) available = installed() && Tools.run(Duration.ofSeconds(20), global(List.of("image", "exists", image))).ok();
        return available;
    }

    @Override
    public List<String> command(Sandbox s, List<String> argv) {
        BwrapDriver.requireLabel(s.label());
        List<String> c = global(new ArrayList<>(List.of("run", "--rm", "--runtime", "runc", "--name", s.label(),
                "--label", LABEL_KEY + "=" + s.label(), "--network=none", "--read-only", "--read-only-tmpfs=true",
                "--memory", Long.toString(s.memoryBytes()), "--memory-swap", Long.toString(s.memoryBytes()),
                "--pids-limit", Integer.toString(s.maxProcesses()),
                // runc here cannot raise these past the defaults it inherits, so they are set explicitly.
                "--ulimit", "nofile=20000:20000", "--ulimit", "nproc=4096:4096",
                "--cap-drop=ALL", "--security-opt", "no-new-privileges",
                // The launcher captures stdout and stderr (capped); conmon's own log copy would be uncapped.
                "--log-driver=none", "--env", SandboxMarker.ENV + "=" + s.label())));
        for (Path p : s.readOnly()) c.addAll(List.of("-v", abs(p) + ":" + abs(p) + ":ro"));
        for (Path p : s.writable()) c.addAll(List.of("-v", abs(p) + ":" + abs(p) + ":rw"));
        s.remapped().forEach((host, inside) -> c.addAll(List.of("-v", abs(host) + ":" + inside + ":rw")));
        if (s.workDir() != null) c.addAll(List.of("-w", abs(s.workDir())));
        c.add(image);
        c.addAll(argv);
        return c;
    }

    @Override
    public void release(Sandbox sandbox) {
        Tools.run(Duration.ofSeconds(30), global(List.of("rm", "--force", "--ignore", "--time", "0", sandbox.label())));
    }

    @Override
    public void removeLeftovers(String labelPrefix) {
        Tools.Result listed = Tools.run(Duration.ofSeconds(30), global(List.of("ps", "--all", "--filter", "label=" + LABEL_KEY,
                "--format", "{{.ID}} {{index .Labels \"" + LABEL_KEY + "\"}}")));
        if (!listed.ok()) return;
        List<String> ids = new ArrayList<>();
        for (String line : listed.output().split("\n")) {
            String[] f = line.trim().split(" ", 2);
            if (f.length == 2 && f[1].startsWith(labelPrefix)) ids.add(f[0]);
        }
        if (ids.isEmpty()) return;
        List<String> rm = new ArrayList<>(List.of("rm", "--force", "--ignore", "--time", "0"));
        rm.addAll(ids);
        Tools.run(Duration.ofSeconds(60), global(rm));
    }

    @Override
    public String enforcement() {
        return "no network (--network=none), read-only image root, writable binds and a private /tmp tmpfs only, own pid namespace, "
                + "memory (swap included) and pids limits through the container's cgroup, no capabilities; wall time: the launcher's "
                + "supervisor; on a hard kill of the launcher the container outlives it until the next start removes it by label";
    }

    /** Options every podman call shares: cgroupfs and file events work without systemd, as on this project's machines. */
    private List<String> global(List<String> rest) {
        List<String> c = new ArrayList<>(List.of(podman, "--cgroup-manager=cgroupfs", "--events-backend=file"));
        c.addAll(rest);
        return c;
    }

    private static String abs(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }
}
