package tsunami.bots.heuristic;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.BadInputException;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The heuristics available by name: the built-ins and any on the classpath (found through
 * {@link ServiceLoader}), plus those in plug-in jars given by path or placed in a plugins
 * folder. A plug-in that fails to load is recorded as a {@link Problem} with its name and the
 * reason; the others stay usable. {@link #create} makes a fresh instance per call, so games
 * played side by side never share a heuristic's fields.
 */
public final class HeuristicRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(HeuristicRegistry.class);

    /** A plug-in that could not be loaded: where it came from, which provider, and why. */
    public record Problem(String source, String provider, String reason) {
        @Override
        public String toString() {
            return source + ": " + provider + ": " + reason;
        }
    }

    /** A loaded heuristic: its name, description, where it came from. */
    public record Entry(String name, String description, String source, Supplier<Heuristic> factory) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<Path> jars = new ArrayList<>();

    /** Environment variable naming the plugins folder; default {@code ./plugins} when it exists. */
    public static final String PLUGINS_ENV = "TSUNAMI_PLUGINS";

    /**
     * Built-ins, the plugins folder ({@code $TSUNAMI_PLUGINS}, else {@code ./plugins} if present)
     * and the given plug-in jars or folders: what the command line uses.
     */
    public static HeuristicRegistry loadWithPlugins(List<Path> extra) {
        List<Path> all = new ArrayList<>();
        String env = System.getenv(PLUGINS_ENV);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (!Files.isDirectory(p)) throw new BadInputException(PLUGINS_ENV + "=" + env + " is not a folder");
            all.add(p);
        } else if (Files.isDirectory(Path.of("plugins"))) {
            all.add(Path.of("plugins"));
        }
        all.addAll(extra);
        return load(all);
    }

    /** Built-ins and classpath heuristics only. */
    public static HeuristicRegistry load() {
        return load(List.of());
    }

    /**
     * @param plugins jar files, or folders whose *.jar files are all loaded (a plugins folder)
     */
    public static HeuristicRegistry load(List<Path> plugins) {
        HeuristicRegistry r = new HeuristicRegistry();
        r.scan(HeuristicRegistry.class.getClassLoader(), "classpath", null);
        for (Path p : plugins) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(r::loadJar);
                } catch (IOException e) {
                    r.problems.add(new Problem(p.toString(), "-", "cannot list the plugins folder: " + e.getMessage()));
                }
            } else if (Files.isRegularFile(p)) {
                r.loadJar(p);
            } else {
                throw new BadInputException("plug-in '" + p + "' is neither a jar file nor a folder");
            }
        }
        return r;
    }

    private void loadJar(Path jar) {
        jars.add(jar);
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (MalformedURLException e) {
            problems.add(new Problem(jar.toString(), "-", "bad path: " + e.getMessage()));
            return;
        }
        // The loader stays open for the life of the registry: its classes are in use.
        URLClassLoader loader = new URLClassLoader("plugin:" + jar.getFileName(), new URL[]{url}, HeuristicRegistry.class.getClassLoader());
        int before = entries.size();
        scan(loader, jar.toString(), loader);
        if (entries.size() == before && problems.stream().noneMatch(p -> p.source().equals(jar.toString()))) {
            problems.add(new Problem(jar.toString(), "-", "no heuristic found (is META-INF/services/" + Heuristic.class.getName() + " in the jar?)"));
        }
    }

    private void scan(ClassLoader loader, String source, ClassLoader onlyFrom) {
        ServiceLoader<Heuristic> sl = ServiceLoader.load(Heuristic.class, loader);
        Iterator<ServiceLoader.Provider<Heuristic>> it = sl.stream().iterator();
        while (true) {
            ServiceLoader.Provider<Heuristic> provider;
            try {
                if (!it.hasNext()) break;
                provider = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(new Problem(source, providerName(e), reason(e)));
                LOG.warn("plug-in problem in {}: {}", source, reason(e));
                continue;
            }
            // a plug-in jar's loader also sees the classpath's providers: count only its own
            if (onlyFrom != null && provider.type().getClassLoader() != onlyFrom) continue;
            String cls = provider.type().getName();
            try {
                Heuristic h = provider.get();
                String name = h.name();
                String desc = h.description();
                if (name == null || name.isBlank()) throw new IllegalStateException("name() is empty");
                if (entries.containsKey(name)) {
                    problems.add(new Problem(source, cls, "name '" + name + "' is already taken by " + entries.get(name).source()));
                    continue;
                }
                entries.put(name, new Entry(name, desc == null ? "" : desc, source, provider::get));
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                problems.add(new Problem(source, cls, reason(e)));
                LOG.warn("plug-in {} from {} failed to load: {}", cls, source, reason(e));
            }
        }
    }

    private static String providerName(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("Provider ");
        if (i >= 0) {
            int end = m.indexOf(' ', i + 9);
            return end < 0 ? m.substring(i + 9) : m.substring(i + 9, end);
        }
        return "-";
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            sb.append(" (").append(root.getClass().getSimpleName()).append(": ").append(root.getMessage()).append(')');
        }
        return sb.toString();
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** Every plug-in jar this registry read, in the order read (those with problems included): what another JVM needs to load alike. */
    public List<Path> pluginJars() {
        return List.copyOf(jars);
    }

    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /** A fresh instance of the named heuristic; a bad name gets the list of valid ones. */
    public Heuristic create(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            String hint = problems.isEmpty() ? "" : "; plug-ins that failed to load: " + problems;
            throw new BadInputException("unknown heuristic '" + name + "'; available: " + String.join(", ", entries.keySet()) + hint);
        }
        return e.factory().get();
    }
}
