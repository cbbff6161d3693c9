package tsunami.launcher.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Memory and process limits for sandboxes that have no cgroups of their own (bubblewrap): a small
 * {@code sh} wrapper makes a cgroup per sandbox, writes the limits, moves itself in and execs the
 * sandbox, so everything in it is counted from its first instruction. Needs write access to the
 * cgroup tree (root, or a delegated subtree). Cgroup v1 (pids and memory controllers, as on this
 * project's machines) and v2 (memory and pids enabled at the root) are handled; where neither is
 * writable, only {@code prlimit --nproc} is applied, which binds non-root users only.
 */
final class CgroupLimits {
    enum Kind { V1, V2, NONE }

    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private static final String V1_SCRIPT = """
            p=$1; m=$2; mem=$3; n=$4; shift 4
            mkdir -p "$p" "$m" && echo "$n" > "$p/pids.max" \
              && { echo "$mem" > "$m/memory.memsw.limit_in_bytes"; echo "$mem" > "$m/memory.limit_in_bytes"; } 2>/dev/null \
              && { [ ! -e "$m/memory.memsw.limit_in_bytes" ] || echo "$mem" > "$m/memory.memsw.limit_in_bytes"; } \
              && echo $$ > "$p/cgroup.procs" && echo $$ > "$m/cgroup.procs" \
              || { echo "tsunami: cannot set the sandbox's cgroup limits in $p and $m" >&2; exit 125; }
            exec "$@"
            """;
    private static final String V2_SCRIPT = """
            d=$1; mem=$2; n=$3; shift 3
            mkdir -p "$d" && echo "$mem" > "$d/memory.max" && echo "$n" > "$d/pids.max" \
              && { echo 0 > "$d/memory.swap.max" 2>/dev/null || true; } && echo $$ > "$d/cgroup.procs" \
              || { echo "tsunami: cannot set the sandbox's cgroup limits in $d" >&2; exit 125; }
            exec "$@"
            """;

    private final Kind kind;
    private final List<Path> parents;   // V1: [pids, memory]; V2: [unified]

    private CgroupLimits(Kind kind, List<Path> parents) {
        this.kind = kind;
        this.parents = parents;
    }

    /** Finds a cgroup tree this process may write, making Tsunami's parent cgroup in it. */
    static CgroupLimits detect() {
        try {
            if (Files.isRegularFile(ROOT.resolve("cgroup.controllers"))) {
                String enabled = Files.readString(ROOT.resolve("cgroup.subtree_control"));
                if (enabled.contains("memory") && enabled.contains("pids")) {
                    Path parent = ROOT.resolve("tsunami");
                    Files.createDirectories(parent);
                    Files.writeString(parent.resolve("cgroup.subtree_control"), "+memory +pids");
                    return new CgroupLimits(Kind.V2, List.of(parent));
                }
            } else if (Files.isDirectory(ROOT.resolve("pids")) && Files.isDirectory(ROOT.resolve("memory"))) {
                // Nest under this process's own cgroups, so a limit already placed on the launcher still binds its bots.
                Path pids = v1Own("pids").resolve("tsunami");
                Path memory = v1Own("memory").resolve("tsunami");
                Files.createDirectories(pids);
                Files.createDirectories(memory);
                if (Files.isWritable(pids.resolve("cgroup.procs")) && Files.isWritable(memory.resolve("cgroup.procs")))
                    return new CgroupLimits(Kind.V1, List.of(pids, memory));
            }
        } catch (IOException | RuntimeException e) {
            // not root, or a read-only cgroup tree: fall through to the weaker limits
        }
        return new CgroupLimits(Kind.NONE, List.of());
    }

    private static Path v1Own(String controller) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && List.of(f[1].split(",")).contains(controller)) {
                Path dir = ROOT.resolve(controller);
                for (String part : f[2].split("/")) if (!part.isEmpty()) dir = dir.resolve(part);
                return dir;
            }
        }
        return ROOT.resolve(controller);
    }

    Kind kind() {
        return kind;
    }

    /** {@code inner} run under the sandbox's memory and process limits. */
    List<String> wrap(Sandbox s, List<String> inner) {
        List<String> cmd = new ArrayList<>();
        switch (kind) {
            case V1 -> {
                cmd.addAll(List.of("sh", "-c", V1_SCRIPT, "tsunami-limits",
                        parents.get(0).resolve(s.label()).toString(), parents.get(1).resolve(s.label()).toString(),
                        Long.toString(s.memoryBytes()), Integer.toString(s.maxProcesses())));
            }
            case V2 -> cmd.addAll(List.of("sh", "-c", V2_SCRIPT, "tsunami-limits",
                    parents.get(0).resolve(s.label()).toString(), Long.toString(s.memoryBytes()), Integer.toString(s.maxProcesses())));
            case NONE -> cmd.addAll(List.of("prlimit", "--nproc=" + s.maxProcesses(), "--"));
        }
        cmd.addAll(inner);
        return cmd;
    }

    /** Kills what is left in the sandbox's cgroups and removes them. */
    void release(String label) {
        for (Path parent : parents) removeCgroup(parent.resolve(label));
    }

    /** Releases every sandbox cgroup whose label starts with {@code prefix}. */
    void removeLeftovers(String prefix) {
        for (Path parent : parents) {
            try (Stream<Path> children = Files.list(parent)) {
                children.filter(Files::isDirectory).filter(d -> d.getFileName().toString().startsWith(prefix)).forEach(CgroupLimits::removeCgroup);
            } catch (IOException e) {
                // the parent is gone: nothing left to remove
            }
        }
    }

    String describe() {
        return switch (kind) {
            case V1 -> "memory and processes: cgroup v1 (memory.limit_in_bytes + memsw, pids.max) under " + parents.get(1).getParent() + " and " + parents.get(0).getParent();
            case V2 -> "memory and processes: cgroup v2 (memory.max, memory.swap.max=0, pids.max) under " + parents.get(0);
            case NONE -> "memory: NOT limited (no writable cgroup tree); processes: prlimit --nproc, which binds non-root users only";
        };
    }

    private static void removeCgroup(Path dir) {
        if (!Files.isDirectory(dir)) return;
        Path kill = dir.resolve("cgroup.kill");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                if (Files.exists(kill)) Files.writeString(kill, "1");
                for (String pid : Files.readAllLines(dir.resolve("cgroup.procs")))
                    if (!pid.isBlank()) ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                Files.delete(dir);   // rmdir: succeeds once the last process has gone
                return;
            } catch (IOException | NumberFormatException e) {
                if (!Files.isDirectory(dir) || System.nanoTime() > deadline) return;
                Thread.onSpinWait();
                try {
                    Thread.sleep(5);   // killed processes take a moment to leave the cgroup
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
