package tsunami.launcher.cluster;

import tsunami.launcher.Monkey;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a Slurm task starts the monkey command line: the JDK, JVM flags and class path of the JVM
 * that submits the job, so every task runs the very build that wrote the script (not {@code ./monkey},
 * which would rebuild in every task at once after a source edit). Tasks on other nodes need the
 * checkout and the JDK at the same paths: the shared-filesystem assumption of docs/scaling.md.
 *
 * @param java        the {@code java} executable outside a container
 * @param jvmFlags    flags for every task's JVM
 * @param classpath   the class path, as the JVM reads it ({@code dir/*} wildcards allowed)
 * @param codeFolders folders holding the class path, bound into the Apptainer image
 */
record MonkeyInvocation(String java, List<String> jvmFlags, String classpath, List<Path> codeFolders) {
    /** Set by {@code ./monkey}: the class path with its {@code lib/*} wildcard, shorter than the JVM's expanded one. */
    static final String CLASSPATH_ENV = "TSUNAMI_CLASSPATH";

    static MonkeyInvocation ofThisJvm() {
        String cp = System.getenv(CLASSPATH_ENV);
        if (cp == null || cp.isBlank()) cp = System.getProperty("java.class.path");
        List<String> flags = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // a debugger or agent of the submitting JVM is no business of the tasks
            if (a.startsWith("-agentlib") || a.startsWith("-javaagent") || a.startsWith("-Xrunjdwp") || a.startsWith("-Xdebug")) continue;
            flags.add(a);
        }
        return new MonkeyInvocation(Path.of(System.getProperty("java.home"), "bin", "java").toString(), List.copyOf(flags), cp, folders(cp));
    }

    /** The checkout this build runs from (launcher/target/launcher.jar or launcher/target/classes, three levels up), if it is one. */
    static Path checkout() {
        try {
            Path code = Path.of(Monkey.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            Path target = code.getParent();
            if (target != null && target.getFileName().toString().equals("target") && target.getParent() != null
                    && target.getParent().getParent() != null) {
                return target.getParent().getParent();
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no usable code location: fall back to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    /** The outermost folders holding the class path's entries. */
    private static List<Path> folders(String classpath) {
        List<Path> all = new ArrayList<>();
        for (String e : classpath.split(File.pathSeparator)) {
            if (e.isBlank()) continue;
            Path p = Path.of(e.endsWith("*") ? e.substring(0, e.length() - 1) : e).toAbsolutePath().normalize();
            Path folder = e.endsWith("*") ? p : p.getParent();
            if (folder != null) all.add(folder);
        }
        all.sort(Comparator.comparingInt(Path::getNameCount));
        List<Path> outer = new ArrayList<>();
        for (Path p : all) if (outer.stream().noneMatch(p::startsWith)) outer.add(p);
        return List.copyOf(outer);
    }
}
