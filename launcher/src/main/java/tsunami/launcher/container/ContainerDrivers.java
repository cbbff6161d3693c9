package tsunami.launcher.container;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.BadInputException;

import java.util.List;

/** The drivers by {@code --container} name; {@code auto} picks the strongest this machine has. */
public final class ContainerDrivers {
    /** Strongest first: what {@code auto} tries, in order. */
    public static final List<String> NAMES = List.of("apptainer", "podman", "bwrap", "none");
    private static final Logger LOG = LoggerFactory.getLogger(ContainerDrivers.class);

    private ContainerDrivers() {
    }

    /** Every driver, strongest first, whether available or not. */
    public static List<ContainerDriver> all() {
        return List.of(new ApptainerDriver(), new PodmanDriver(), new BwrapDriver(), new NoSandbox());
    }

    /** The drivers this machine can run, strongest first. */
    public static List<ContainerDriver> available() {
        return all().stream().filter(ContainerDriver::available).toList();
    }

    /**
     * The driver for {@code --container NAME}: auto, apptainer, podman, bwrap or none. A named driver
     * this machine cannot run is refused, saying what is missing.
     */
    public static ContainerDriver byName(String name) {
        String n = name == null ? "" : name.trim();
        ContainerDriver chosen = switch (n) {
            case "auto" -> available().get(0);   // none is always available
            case "apptainer" -> new ApptainerDriver();
            case "podman" -> new PodmanDriver();
            case "bwrap" -> new BwrapDriver();
            case "none" -> new NoSandbox();
            default -> throw new BadInputException("--container '" + name + "' is not a container driver; choose one of auto, "
                    + String.join(", ", NAMES));
        };
        if (!chosen.available()) throw new BadInputException("--container " + n + ": " + whyUnavailable(chosen));
        if (chosen instanceof NoSandbox) {
            LOG.warn("--container {}: bots run as plain processes, NOT contained (network, files, memory and processes are open "
                    + "to them); use it for trusted bots only", n);
        } else if ("auto".equals(n)) {
            LOG.info("--container auto: {}", chosen.name());
        }
        return chosen;
    }

    static String whyUnavailable(ContainerDriver d) {
        return switch (d) {
            case ApptainerDriver a -> a.installed() ? "the bot-runtime image " + a.image() + " is missing (./monkey containers build)"
                    : "apptainer is not installed on this machine";
            case PodmanDriver p -> p.installed() ? "the image " + p.image() + " is not in podman's local storage (scripts/install-deps.sh or ./monkey containers build)"
                    : "podman is not installed or does not work here (scripts/install-deps.sh installs it)";
            case BwrapDriver b -> "bubblewrap (bwrap) is not installed or cannot make namespaces here (scripts/install-deps.sh installs it)";
            default -> d.name() + " is not available";
        };
    }
}
