package tsunami.launcher.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Short helper commands (probes, {@code podman rm}) run to completion with a deadline. */
final class Tools {
    record Result(int exit, String output) {
        boolean ok() { return exit == 0; }
    }

    private Tools() {
    }

    /** Whether {@code tool} is an executable on the PATH. */
    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    /** Runs {@code command}, stdout and stderr together; exit -1 when it could not start or ran past {@code limit}. */
    static Result run(Duration limit, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            var out = new java.io.ByteArrayOutputStream();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (var in = p.getInputStream()) {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // the process was killed: what was read is enough
                }
            });
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new Result(-1, "timed out after " + limit.toSeconds() + " s: " + String.join(" ", command));
            }
            reader.join(limit.toMillis());
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
