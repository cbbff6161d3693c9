package tsunami.launcher;

import tsunami.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The plug-in jars of a training run as the learner tells its actor nodes (a welcome setting): each
 * jar's SHA-256 and its path on the learner. An actor node loads exactly these jars, found by
 * content, so a jar of the same name but other code on the actor's machine is never played instead.
 */
final class RunPlugins {
    /** The welcome setting that carries them: one line per jar, {@code SHA256<TAB>PATH}, in the learner's load order. */
    static final String KEY = "plugins";

    /** One plug-in jar of the run: its content digest and where the learner read it. */
    record Jar(String sha256, Path learnerPath) {
        String shortSha() {
            return sha256.substring(0, 12);
        }
    }

    private RunPlugins() {
    }

    /** The welcome setting for the jars the learner's registry read ({@code HeuristicRegistry#pluginJars}); null when there are none. */
    static String setting(List<Path> learnerJars) {
        if (learnerJars.isEmpty()) return null;
        StringBuilder b = new StringBuilder();
        for (Path jar : learnerJars) {
            Path abs = jar.toAbsolutePath().normalize();
            b.append(sha256(abs)).append('\t').append(abs).append('\n');
        }
        return b.toString();
    }

    /** The jars named by a welcome setting (none for null). */
    static List<Jar> parse(String setting) {
        List<Jar> jars = new ArrayList<>();
        if (setting == null) return jars;
        for (String line : setting.split("\n")) {
            if (line.isEmpty()) continue;
            int tab = line.indexOf('\t');
            if (tab != 64) throw new IllegalArgumentException("bad plug-in line in the learner's welcome: '" + line + "'");
            jars.add(new Jar(line.substring(0, tab), Path.of(line.substring(tab + 1))));
        }
        return jars;
    }

    /**
     * Where each of the run's jars is on this machine: the first of the {@code given} jars (files, or
     * the jars in given folders) with the same content, else the learner's path when the file there
     * has the same content.
     *
     * @param node this actor node's name, for the error
     * @throws BadInputException naming the plug-in and the node when one of the run's jars is not here
     */
    static List<Path> locate(List<Jar> run, List<Path> given, String node) {
        Map<Path, String> candidates = new LinkedHashMap<>();
        for (Path g : given) {
            if (Files.isDirectory(g)) {
                try (Stream<Path> s = Files.list(g)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(f -> candidates.put(f, sha256(f)));
                } catch (IOException e) {
                    throw new BadInputException("--plugin " + g + ": cannot list the folder: " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(g)) {
                candidates.put(g, sha256(g));
            } else {
                throw new BadInputException("--plugin '" + g + "' is neither a jar file nor a folder");
            }
        }
        List<Path> found = new ArrayList<>();
        for (Jar jar : run) {
            Path here = candidates.entrySet().stream().filter(c -> c.getValue().equals(jar.sha256())).map(Map.Entry::getKey).findFirst().orElse(null);
            String atLearnerPath = Files.isRegularFile(jar.learnerPath()) ? sha256(jar.learnerPath()) : null;
            if (here == null && jar.sha256().equals(atLearnerPath)) here = jar.learnerPath();
            if (here == null) {
                String why = atLearnerPath == null ? "there is no file at that path here" : "the file at that path here has other content (sha256 "
                        + atLearnerPath.substring(0, 12) + ")";
                String hint = given.isEmpty() ? "give --plugin PATH (the jar, or its folder) where a copy of it is on this machine"
                        : "and none of the --plugin jars given (" + given + ") has its content; give --plugin PATH of a copy of it";
                throw new BadInputException("actor node " + node + " cannot load the run's plug-in " + jar.learnerPath().getFileName() + " (sha256 "
                        + jar.shortSha() + ", " + jar.learnerPath() + " on the learner): " + why + "; " + hint);
            }
            found.add(here);
        }
        return found;
    }

    /** The SHA-256 of a file's bytes, in hex. */
    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new BadInputException("plug-in " + file + ": cannot read it: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
