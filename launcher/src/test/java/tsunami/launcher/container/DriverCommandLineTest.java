package tsunami.launcher.container;

import org.junit.jupiter.api.Test;
import tsunami.BadInputException;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The exact command lines each driver builds (apptainer is not installed here: this is its test), and driver choice by name. */
class DriverCommandLineTest {
    private static final Sandbox SANDBOX = new Sandbox("tsunami-run1-alice", Path.of("/bots/alice/AI"),
            List.of(Path.of("/bots/alice/AI"), Path.of("/bots/alice/read")),
            List.of(Path.of("/bots/alice/write"), Path.of("/dev/shm/bwapi_shared_memory_42"), Path.of("/tmp/bwapi_socket_42")),
            4L << 30, 256);

    @Test
    void apptainerExecContainedWithoutNetworkAndWithLimits() {
        var d = new ApptainerDriver("apptainer", Path.of("/images/bot-runtime.sif"));
        assertEquals(List.of("apptainer", "exec", "--containall", "--cleanenv", "--net", "--network", "none",
                "--memory", "4294967296", "--memory-swap", "4294967296", "--pids-limit", "256", "--env", "TSUNAMI_SANDBOX=tsunami-run1-alice",
                "--bind", "/bots/alice/AI:/bots/alice/AI:ro", "--bind", "/bots/alice/read:/bots/alice/read:ro",
                "--bind", "/bots/alice/write:/bots/alice/write:rw",
                "--bind", "/dev/shm/bwapi_shared_memory_42:/dev/shm/bwapi_shared_memory_42:rw",
                "--bind", "/tmp/bwapi_socket_42:/tmp/bwapi_socket_42:rw",
                "--pwd", "/bots/alice/AI", "/images/bot-runtime.sif", "java", "-jar", "bot.jar"), d.command(SANDBOX, List.of("java", "-jar", "bot.jar")));
    }

    @Test
    void podmanRunLabelledWithoutNetworkReadOnlyAndLimited() {
        var d = new PodmanDriver("podman", "localhost/tsunami/bot-runtime:latest");
        assertEquals(List.of("podman", "--cgroup-manager=cgroupfs", "--events-backend=file", "run", "--rm", "--runtime", "runc",
                "--name", "tsunami-run1-alice", "--label", "tsunami.sandbox=tsunami-run1-alice", "--network=none", "--read-only",
                "--read-only-tmpfs=true", "--memory", "4294967296", "--memory-swap", "4294967296", "--pids-limit", "256",
                "--ulimit", "nofile=20000:20000", "--ulimit", "nproc=4096:4096", "--cap-drop=ALL", "--security-opt", "no-new-privileges",
                "--log-driver=none", "--env", "TSUNAMI_SANDBOX=tsunami-run1-alice",
                "-v", "/bots/alice/AI:/bots/alice/AI:ro", "-v", "/bots/alice/read:/bots/alice/read:ro",
                "-v", "/bots/alice/write:/bots/alice/write:rw",
                "-v", "/dev/shm/bwapi_shared_memory_42:/dev/shm/bwapi_shared_memory_42:rw",
                "-v", "/tmp/bwapi_socket_42:/tmp/bwapi_socket_42:rw",
                "-w", "/bots/alice/AI", "localhost/tsunami/bot-runtime:latest", "./bot"), d.command(SANDBOX, List.of("./bot")));
    }

    @Test
    void bwrapUnsharesEverythingAndMountsBindsAfterThePrivateTmp() {
        List<String> c = new BwrapDriver().command(SANDBOX, List.of("./bot"));
        int bwrap = c.indexOf("bwrap");
        assertTrue(bwrap >= 0, c::toString);
        List<String> b = c.subList(bwrap, c.size());
        assertEquals(List.of("bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--clearenv"), b.subList(0, 7));
        assertEquals(List.of("--", "./bot"), b.subList(b.size() - 2, b.size()));
        int tmp = indexOfPair(b, "--tmpfs", "/tmp"), shm = indexOfPair(b, "--tmpfs", "/dev/shm");
        int socket = indexOfPair(b, "--bind", "/tmp/bwapi_socket_42"), memory = indexOfPair(b, "--bind", "/dev/shm/bwapi_shared_memory_42");
        assertTrue(tmp >= 0 && shm >= 0 && tmp < socket && shm < memory, "binds must land on top of the private /tmp and /dev/shm: " + b);
        assertTrue(indexOfPair(b, "--ro-bind", "/bots/alice/AI") > 0 && indexOfPair(b, "--bind", "/bots/alice/write") > 0, b::toString);
        assertEquals(-1, indexOfPair(b, "--bind", "/bots/alice/AI"), "AI/ is never writable");
        assertTrue(indexOfPair(b, "--setenv", SandboxMarker.ENV) > 0, "the label marks the sandbox for leftover removal");
        assertEquals(List.of("--chdir", "/bots/alice/AI"), b.subList(b.indexOf("--chdir"), b.indexOf("--chdir") + 2));
        assertTrue(!c.contains("/etc/hosts") && !c.contains("/etc/resolv.conf"), "no name service configuration inside");
    }

    @Test
    void labelsThatCouldEscapeAPathOrAFilterAreRefused() {
        var bad = new Sandbox("../etc", Path.of("/"), List.of(), List.of(), 1L << 30, 64);
        assertThrows(IllegalArgumentException.class, () -> new BwrapDriver().command(bad, List.of("true")));
        assertThrows(IllegalArgumentException.class, () -> new PodmanDriver("podman", "img").command(bad, List.of("true")));
    }

    @Test
    void unknownDriverNameIsRefusedNamingTheValueAndTheChoices() {
        var e = assertThrows(BadInputException.class, () -> ContainerDrivers.byName("docker"));
        assertTrue(e.getMessage().contains("'docker'") && e.getMessage().contains("auto, apptainer, podman, bwrap, none"), e.getMessage());
    }

    @Test
    void noneIsAlwaysThereAndAutoPicksTheStrongestAvailable() {
        assertInstanceOf(NoSandbox.class, ContainerDrivers.byName("none"));
        String strongest = ContainerDrivers.all().stream().filter(ContainerDriver::available).findFirst().orElseThrow().name();
        assertEquals(strongest, ContainerDrivers.byName("auto").name());
        if (new BwrapDriver().available()) assertTrue(List.of("apptainer", "podman", "bwrap").contains(strongest), strongest);
    }

    @Test
    void aNamedDriverThisMachineCannotRunIsRefusedSayingWhy() {
        var apptainer = new ApptainerDriver();
        assumeFalse(apptainer.available(), "apptainer and its image exist here: there is no refusal to check");
        var e = assertThrows(BadInputException.class, () -> ContainerDrivers.byName("apptainer"));
        assertTrue(e.getMessage().startsWith("--container apptainer: "), e.getMessage());
    }

    private static int indexOfPair(List<String> c, String flag, String value) {
        for (int i = 0; i + 1 < c.size(); i++) if (c.get(i).equals(flag) && c.get(i + 1).equals(value)) return i;
        return -1;
    }
}
