package tsunami.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.BadInputException;
import tsunami.launcher.container.ContainerDriver;
import tsunami.launcher.container.ContainerDrivers;
import tsunami.launcher.container.ContainerImages;

import java.nio.file.Path;

/** {@code monkey containers ...}: the bot runtime's images and what each driver enforces here. */
@Command(name = "containers", mixinStandardHelpOptions = true,
        description = "Container images for bots and the drivers this machine has.",
        subcommands = {ContainersCommand.Build.class, ContainersCommand.Drivers.class})
public final class ContainersCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Build the bot-runtime images the local tools can (podman from a Debian rootfs, apptainer from containers/bot-runtime.def); say what was skipped.")
    static final class Build implements Runnable {
        @Option(names = "--recipes", defaultValue = "containers", description = "Folder of the recipes (default ${DEFAULT-VALUE}).")
        Path recipes;

        @Option(names = "--force", description = "Rebuild images that already exist.")
        boolean force;

        @Override
        public void run() {
            if (!recipes.resolve("bot-runtime.def").toFile().isFile())
                throw new BadInputException("--recipes " + recipes + ": no bot-runtime.def there (run from the repository root or name the folder)");
            ContainerImages.build(recipes, force).forEach(line -> System.out.println(line));
        }
    }

    @Command(name = "drivers", mixinStandardHelpOptions = true, description = "Each driver: available here or not, and what it enforces.")
    static final class Drivers implements Runnable {
        @Override
        public void run() {
            for (ContainerDriver d : ContainerDrivers.all()) {
                System.out.printf("%-9s %s%n", d.name(), d.available() ? "available: " + d.enforcement() : "not available");
            }
        }
    }
}
