package tsunami.launcher.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folders the dashboard shows, found afresh on every request (runs started after the dashboard
 * appear): each folder named on the command line is a training run ({@code run.properties}), a
 * tournament ({@code tournament.json}) or a match ({@code game-NNNN/} or {@code logs/}), or else a
 * folder whose sub-folders are (such as {@code runs/}). A page names an entry by its id, which the
 * server looks up here: no path from a request is ever opened as given, so nothing outside the
 * named folders can be reached. Files inside an entry (logs, replays) go through {@link #file}.
 */
final class RunCatalog {
    enum Kind { TRAIN, MATCH, TOURNAMENT, MISSING, EMPTY }

    /** One folder; {@code problem} says why it cannot be shown (kinds MISSING and EMPTY), else null. */
    record Entry(String id, Kind kind, String name, Path dir, String problem) {
    }

    private static final Pattern GAME_DIR = Pattern.compile("game-\\d{4,}");
    /** One path segment a file request may name: no separators, no "." or "..". */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private final List<Path> roots;

    RunCatalog(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    List<Path> roots() {
        return roots;
    }

    List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (int r = 0; r < roots.size(); r++) {
            Path root = roots.get(r);
            String rootId = Integer.toString(r);
            if (!Files.exists(root)) {
                out.add(new Entry(rootId, Kind.MISSING, root.toString(), root, "the folder " + root.toAbsolutePath() + " does not exist"));
                continue;
            }
            if (!Files.isDirectory(root)) {
                out.add(new Entry(rootId, Kind.MISSING, root.toString(), root, root.toAbsolutePath() + " is a file, not a run folder"));
                continue;
            }
            Kind own = kindOf(root);
            if (own != null) {
                out.add(new Entry(rootId, own, root.toString(), root, null));
                continue;
            }
            List<Entry> inside = new ArrayList<>();
            try (Stream<Path> children = Files.list(root)) {
                for (Path c : children.sorted().toList()) {
                    Kind k = Files.isDirectory(c) ? kindOf(c) : null;
                    if (k != null) inside.add(new Entry(rootId + "/" + c.getFileName(), k, root.resolve(c.getFileName()).toString(), c, null));
                }
            } catch (IOException e) {
                out.add(new Entry(rootId, Kind.MISSING, root.toString(), root, "cannot list " + root.toAbsolutePath() + ": " + e.getMessage()));
                continue;
            }
            if (inside.isEmpty()) {
                out.add(new Entry(rootId, Kind.EMPTY, root.toString(), root,
                        root.toAbsolutePath() + " holds no training run (run.properties), match (game-NNNN/) or tournament (tournament.json)"));
            }
            out.addAll(inside);
        }
        return out;
    }

    Optional<Entry> find(String id) {
        if (id == null) return Optional.empty();
        return entries().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    static Kind kindOf(Path dir) {
        if (Files.exists(dir.resolve("run.properties"))) return Kind.TRAIN;
        if (Files.exists(dir.resolve("tournament.json"))) return Kind.TOURNAMENT;
        if (Files.isDirectory(dir.resolve("logs")) || hasGameDir(dir)) return Kind.MATCH;
        return null;
    }

    static boolean hasGameDir(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> GAME_DIR.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p));
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isGameDir(String name) {
        return GAME_DIR.matcher(name).matches();
    }

    /** What a file request may name inside an entry: bot logs and replays. */
    enum FileKind { LOG, REPLAY }

    /**
     * The file {@code relative} names inside {@code entry}, if it is one the dashboard serves: a bot
     * log ({@code [...]/logs/NAME.out|.err}) or a replay ({@code [...]/game-NNNN/replay.tsr}), at most
     * three folders deep, every segment plain (no "..", no separators), and, links resolved, still
     * inside the entry's folder. Anything else is refused with the reason.
     */
    static Path file(Entry entry, String relative, FileKind kind) {
        if (relative == null || relative.isEmpty()) throw new Refused("no file named (the 'file' parameter is missing)");
        String[] parts = relative.split("/", -1);
        if (parts.length < 2 || parts.length > 4) throw new Refused("'" + relative + "' is not a log or replay path of this run");
        for (String p : parts) {
            if (!SEGMENT.matcher(p).matches()) throw new Refused("'" + relative + "' has a segment that is not a plain name: '" + p + "'");
        }
        String name = parts[parts.length - 1], folder = parts[parts.length - 2];
        boolean ok = switch (kind) {
            case LOG -> folder.equals("logs") && (name.endsWith(".out") || name.endsWith(".err"));
            case REPLAY -> isGameDir(folder) && name.equals("replay.tsr");
        };
        if (!ok) throw new Refused("'" + relative + "' is not a " + (kind == FileKind.LOG ? "bot log (logs/*.out, logs/*.err)" : "replay (game-NNNN/replay.tsr)"));
        try {
            Path root = entry.dir().toRealPath();
            Path target = entry.dir().resolve(relative);
            if (!Files.isRegularFile(target)) throw new Refused("'" + relative + "' does not exist in " + entry.name());
            Path real = target.toRealPath();
            if (!real.startsWith(root)) throw new Refused("'" + relative + "' leads outside " + entry.name());
            return real;
        } catch (IOException e) {
            throw new Refused("cannot open '" + relative + "': " + e.getMessage());
        }
    }

    /** A request for something the dashboard does not serve; the message is shown to the user. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }
}
