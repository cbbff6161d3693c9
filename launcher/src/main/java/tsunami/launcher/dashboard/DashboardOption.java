package tsunami.launcher.dashboard;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code --dashboard [--dashboard-port P]} on train, match and tournament: serves the dashboard for
 * the command's own folder on 127.0.0.1 while the command runs (for more folders, or for longer,
 * run {@code monkey dashboard}).
 */
public final class DashboardOption {
    @Option(names = "--dashboard", description = "serve the live dashboard of this run on 127.0.0.1 while it runs")
    boolean enabled;

    @Option(names = "--dashboard-port", defaultValue = "8080", description = "port of --dashboard; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    /** Starts the dashboard over {@code dir} when --dashboard was given (null otherwise); the caller closes it. */
    public DashboardServer startIfAsked(Path dir) {
        if (!enabled) return null;
        DashboardServer s = DashboardServer.start(List.of(dir), DashboardCommand.DEFAULT_HOST, DashboardCommand.checkedPort(port, "--dashboard-port"), null);
        System.err.println("monkey: dashboard at " + s.url() + " (while this runs)");
        return s;
    }
}
