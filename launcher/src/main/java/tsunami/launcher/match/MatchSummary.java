package tsunami.launcher.match;

import java.util.List;
import java.util.Map;

/** The games of one match between bots {@code a} and {@code b}, with the reasons games ended, counted. */
public record MatchSummary(String scenario, String a, String b, int games, int aWins, int bWins, int draws,
                           Map<GameOutcome.Reason, Integer> reasons, List<GameOutcome> outcomes) {
}
