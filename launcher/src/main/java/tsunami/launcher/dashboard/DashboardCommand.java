package tsunami.launcher.dashboard;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tsunami.BadInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code monkey dashboard}: serves the live web page over run, match and tournament folders until stopped. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve a live web page of training runs (curves, several overlaid; the process tree of a running one), "
                + "matches and tournaments (crosstable, ratings, games, bot logs, replays). Read-only; on 127.0.0.1 unless --bind.")
public final class DashboardCommand implements Callable<Integer> {
    static final String DEFAULT_HOST = "127.0.0.1";

    @Parameters(paramLabel = "DIR", arity = "0..*",
            description = "run, match or tournament folders, or folders holding them (default: runs, matches and tournaments)")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--port", defaultValue = "8080", description = "port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", defaultValue = DEFAULT_HOST,
            description = "address to listen on (default: ${DEFAULT-VALUE}); any other than a loopback address needs --token-file")
    String bind;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "file holding the secret (16+ letters, digits, '-' or '_') every request must carry when serving beyond this machine")
    Path tokenFile;

    @Override
    public Integer call() throws InterruptedException {
        List<Path> folders = dirs.isEmpty() ? List.of(Path.of("runs"), Path.of("matches"), Path.of("tournaments")) : dirs;
        try (DashboardServer server = DashboardServer.start(folders, bind, checkedPort(port, "--port"), readToken(tokenFile))) {
            System.err.println("monkey: dashboard at " + server.url() + " (read-only; Ctrl-C stops it)");
            server.join();
        }
        return 0;
    }

    static int checkedPort(int port, String flag) {
        if (port < 0 || port > 65535) throw new BadInputException(flag + " must be 0..65535, got " + port);
        return port;
    }

    /** The token a --token-file holds, or null without the flag. */
    static String readToken(Path file) {
        if (file == null) return null;
        String t;
        try {
            t = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new BadInputException("--token-file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (!t.matches("[A-Za-z0-9_-]{16,256}")) {
            throw new BadInputException("--token-file " + file + " must hold one secret of 16 to 256 letters, digits, '-' or '_'");
        }
        return t;
    }
}
