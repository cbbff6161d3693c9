package tsunami.launcher.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code --container bwrap}: bubblewrap. New user, pid, net, ipc, uts and cgroup namespaces, all
 * capabilities dropped, a clean environment; the host's {@code /usr} (and the merged-/usr links), a
 * few files of {@code /etc} and {@link Sandbox#readOnly} bound read-only; {@link Sandbox#writable}
 * bound read-write; a private {@code /tmp}, {@code /proc} and {@code /dev}; nothing else exists
 * inside. bwrap has no resource limits of its own: {@link CgroupLimits} adds memory and process
 * limits; wall time is {@link BotProcess}'s; {@code --die-with-parent} ends the sandbox with the
 * launcher.
 */
public final class BwrapDriver implements ContainerDriver {
    /** What of the host's {@code /etc} a program needs (user names, the loader cache, time zone, Java's config); no hosts or resolv.conf. */
    static final List<String> ETC = List.of("/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/ld.so.cache", "/etc/ld.so.conf",
            "/etc/ld.so.conf.d", "/etc/localtime", "/etc/alternatives", "/etc/java-17-openjdk", "/etc/java-21-openjdk", "/etc/java-25-openjdk");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final String bwrap;
    private volatile CgroupLimits limits;
    private volatile Boolean available;

    public BwrapDriver() {
        this("bwrap");
    }

    public BwrapDriver(String bwrap) {
        this.bwrap = bwrap;
    }

    @Override
    public String name() {
        return "bwrap";
    }

    @Override
    public boolean available() {
        if (available == null) {
            // Installed is not enough: some kernels or outer containers forbid the namespaces bwrap needs.
            available = Tools.onPath(bwrap) && Tools.run(Duration.ofSeconds(10), List.of(bwrap, "--unshare-all", "--die-with-parent",
                    "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
                    "--proc", "/proc", "--dev", "/dev", "--", "/bin/true")).ok();
        }
        return available;
    }

    @Override
    public List<String> command(Sandbox s, List<String> argv) {
        requireLabel(s.label());
        List<String> b = new ArrayList<>(List.of(bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--clearenv",
                "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin", "--setenv", "HOME", "/tmp", "--setenv", "LANG", "C.UTF-8",
                // The label, in bwrap's argv and the bot's environment: how leftovers are found after a hard kill.
                "--setenv", SandboxMarker.ENV, s.label(),
                "--ro-bind", "/usr", "/usr"));
        for (String dir : List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32")) {
            Path p = Path.of("/", dir);
            if (Files.isSymbolicLink(p)) b.addAll(List.of("--symlink", "usr/" + dir, p.toString()));
            else if (Files.isDirectory(p)) b.addAll(List.of("--ro-bind", p.toString(), p.toString()));
        }
        for (String etc : ETC) if (Files.exists(Path.of(etc))) b.addAll(List.of("--ro-bind", etc, etc));
        b.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", "/dev/shm"));
        // After the tmpfs mounts, so a bot folder or BWAPI socket under /tmp or /dev/shm lands on top of them.
        for (Path p : s.readOnly()) b.addAll(List.of("--ro-bind", abs(p), abs(p)));
        for (Path p : s.writable()) b.addAll(List.of("--bind", abs(p), abs(p)));
        s.remapped().forEach((host, inside) -> b.addAll(List.of("--bind", abs(host), inside.toString())));
        if (s.workDir() != null) b.addAll(List.of("--chdir", abs(s.workDir())));
        b.add("--");
        b.addAll(argv);
        return limits().wrap(s, b);
    }

    @Override
    public void release(Sandbox sandbox) {
        limits().release(sandbox.label());
    }

    @Override
    public void removeLeftovers(String labelPrefix) {
        ContainerDriver.super.removeLeftovers(labelPrefix);
        limits().removeLeftovers(labelPrefix);
    }

    @Override
    public String enforcement() {
        return "no network (own net namespace), read-only /usr and binds, writable binds and a private /tmp only, own pid namespace, "
                + "no capabilities, dies with the launcher; " + limits().describe() + "; wall time: the launcher's supervisor";
    }

    CgroupLimits limits() {
        if (limits == null) limits = CgroupLimits.detect();
        return limits;
    }

    static void requireLabel(String label) {
        if (label == null || !LABEL.matcher(label).matches())
            throw new IllegalArgumentException("a sandbox label is letters, digits, '_', '.' and '-' (at most 128), got: " + label);
    }

    private static String abs(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }
}
