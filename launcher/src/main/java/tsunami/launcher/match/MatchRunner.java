package tsunami.launcher.match;

import java.io.IOException;
import java.nio.file.Path;

/** Plays one match between two bots, writing each game's record under {@code outDir}. */
public interface MatchRunner {
    MatchSummary play(BotSpec a, BotSpec b, MatchSettings settings, Path outDir) throws IOException;
}
