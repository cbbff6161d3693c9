package tsunami.learn;

/**
 * One finished episode as seen by the learning side.
 *
 * @param outcome one of {@code StepBatch.OUTCOME_*}
 * @param teamReturn sum over the episode of the mean reward of the side's agents
 * @param frames  game frames the episode lasted
 */
public record EpisodeResult(byte outcome, float teamReturn, int frames) {
    public boolean won() {
        return outcome == tsunami.env.StepBatch.OUTCOME_WIN;
    }
}
