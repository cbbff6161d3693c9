package tsunami.launcher.container;

import java.util.List;

/** {@code --container none}: the bot runs as a plain supervised process, for trusted bots only. */
public final class NoSandbox implements ContainerDriver {
    @Override
    public String name() {
        return "none";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public List<String> command(Sandbox sandbox, List<String> argv) {
        return List.copyOf(argv);
    }

    @Override
    public String enforcement() {
        return "nothing is contained: network, files, memory and processes are the launcher's; only wall time, the capped logs "
                + "and the process-tree kill of the launcher's supervisor apply";
    }
}
