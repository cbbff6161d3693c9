package tsunami.launcher.container;

import java.util.List;

/** One way to run a bot in a sandbox: apptainer, podman, bwrap, or none (a plain process). */
public interface ContainerDriver {
    /** The name users give to {@code --container}. */
    String name();

    /** Whether this machine can run it (the tool is installed and works). */
    boolean available();

    /** The command line that runs {@code argv} inside {@code sandbox}. */
    List<String> command(Sandbox sandbox, List<String> argv);

    /**
     * Removes containers left by a launcher that was killed hard, found by their label prefix. By
     * default: the processes carrying the label in their environment ({@link BotProcess} puts it
     * there); drivers with state outside the process tree (containers, cgroups) add theirs.
     */
    default void removeLeftovers(String labelPrefix) {
        SandboxMarker.kill(label -> label.startsWith(labelPrefix));
    }

    /**
     * Undoes what lives outside the started process tree once the sandbox's process is gone or
     * killed: a podman container kept by conmon, bwrap's cgroups. {@link BotProcess#close} calls it.
     */
    default void release(Sandbox sandbox) {
    }

    /** What this driver enforces on this machine and what it does not, in a few words for people. */
    default String enforcement() {
        return "";
    }
}
