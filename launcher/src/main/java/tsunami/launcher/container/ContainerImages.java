package tsunami.launcher.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds the bot-runtime images with whatever tools this machine has; each result is one line for people. */
public final class ContainerImages {
    private static final List<String> PODMAN = List.of("podman", "--cgroup-manager=cgroupfs", "--events-backend=file");

    private ContainerImages() {
    }

    public static List<String> build(Path recipes, boolean force) {
        List<String> report = new ArrayList<>();
        report.add(buildPodman(recipes, force));
        report.add(buildApptainer(recipes, force));
        report.add("bwrap: no image needed (binds the host's /usr read-only)" + (new BwrapDriver().available() ? "" : "; bwrap is not available here"));
        return report;
    }

    private static String buildPodman(Path recipes, boolean force) {
        PodmanDriver podman = new PodmanDriver();
        if (!podman.installed()) return "podman: skipped, podman is not installed (scripts/install-deps.sh installs it)";
        String image = podman.image();
        if (!force && Tools.run(Duration.ofSeconds(30), with(PODMAN, "image", "exists", image)).ok()) return "podman: " + image + " already built (--force rebuilds)";
        // With the Containerfile's base image at hand (a registry was reachable once), build the recipe; else from Debian packages.
        Tools.Result r;
        if (Tools.run(Duration.ofSeconds(30), with(PODMAN, "image", "exists", "docker.io/library/debian:bookworm-slim")).ok()) {
            r = Tools.run(Duration.ofMinutes(20), with(PODMAN, "build", "--runtime", "runc", "-t", image, "-f", recipes.resolve("Containerfile").toString(), recipes.toString()));
        } else {
            r = Tools.run(Duration.ofMinutes(20), List.of("bash", recipes.resolve("build-podman-image.sh").toString(), image));
        }
        return r.ok() ? "podman: built " + image : "podman: FAILED to build " + image + ": " + tail(r.output());
    }

    private static String buildApptainer(Path recipes, boolean force) {
        ApptainerDriver apptainer = new ApptainerDriver();
        if (!apptainer.installed()) return "apptainer: skipped, apptainer is not installed here (not packaged for Debian 12)";
        Path sif = apptainer.image();
        if (!force && Files.isRegularFile(sif)) return "apptainer: " + sif + " already built (--force rebuilds)";
        Tools.Result r = Tools.run(Duration.ofMinutes(30), List.of("apptainer", "build", "--force", sif.toString(), recipes.resolve("bot-runtime.def").toString()));
        return r.ok() ? "apptainer: built " + sif : "apptainer: FAILED to build " + sif + ": " + tail(r.output());
    }

    private static List<String> with(List<String> base, String... rest) {
        List<String> c = new ArrayList<>(base);
        c.addAll(List.of(rest));
        return c;
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.length() > 600 ? "..." + t.substring(t.length() - 600) : t;
    }
}
