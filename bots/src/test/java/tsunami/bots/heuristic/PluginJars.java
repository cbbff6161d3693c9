package tsunami.bots.heuristic;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Builds plug-in jars at test time from Java source, compiled against the bots classes, as a
 * plug-in author would ship them. Shared with other modules' tests through the bots test jar.
 */
public final class PluginJars {
    private PluginJars() {
    }

    /**
     * Compiles {@code sources} (simple class name → source of a class in package {@code plug}) and
     * packs them into {@code dir/name.jar} with {@code services} as its Heuristic service file.
     */
    public static Path jar(Path dir, String name, Map<String, String> sources, String services) throws IOException {
        Path src = Files.createDirectories(dir.resolve(name + "-src/plug"));
        Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", botsClasspath()));
        for (var e : sources.entrySet()) {
            Path f = src.resolve(e.getKey() + ".java");
            Files.writeString(f, e.getValue());
            args.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        if (javac.run(null, null, err, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("plug-in " + name + " does not compile: " + err);
        }
        Path jar = dir.resolve(name + ".jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os)) {
            jos.putNextEntry(new JarEntry("META-INF/services/" + Heuristic.class.getName()));
            jos.write(services.getBytes(StandardCharsets.UTF_8));
            jos.closeEntry();
            try (var walk = Files.walk(classes)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    jos.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    jos.write(Files.readAllBytes(p));
                    jos.closeEntry();
                }
            }
        }
        return jar;
    }

    private static String botsClasspath() {
        try {
            return Path.of(Heuristic.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
