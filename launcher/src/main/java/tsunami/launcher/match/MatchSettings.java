package tsunami.launcher.match;

import java.time.Duration;

/**
 * How a match is played.
 *
 * @param scenario     built-in scenario name or YAML file
 * @param games        games in the match
 * @param seed         game g uses the arena's seed derived from it (as {@code monkey arena} does)
 * @param container    driver name: auto, apptainer, podman, bwrap or none
 * @param memoryBytes  memory limit of each bot's container
 * @param connectLimit a bot that has not connected by then loses (SSCAIT: 60 s)
 */
public record MatchSettings(String scenario, int games, long seed, String container, long memoryBytes, Duration connectLimit) {
    public static final long DEFAULT_MEMORY = 4L << 30;

    public MatchSettings {
        if (games < 1) throw new IllegalArgumentException("games must be at least 1");
        if (memoryBytes < (64L << 20)) throw new IllegalArgumentException("a bot needs at least 64 MiB");
    }
}
