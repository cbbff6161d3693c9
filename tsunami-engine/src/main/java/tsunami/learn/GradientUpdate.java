package tsunami.learn;

import java.util.List;

/**
 * A learner's gradient for the parameter server, with what it was learned from. The parameter
 * server applies it and records the batch's figures in the same step, so the run's learning-side
 * metrics advance exactly with the parameter version.
 *
 * @param learner     name of the learner that computed it
 * @param gradient    flat, already clipped
 * @param baseVersion parameter version the gradient was computed at
 * @param segments    the segments it was learned from (their counters and finished episodes)
 * @param loss        loss terms of the computation
 * @param lags        policy lag of each learned time step: the gradient's base version minus the acting version
 */
public record GradientUpdate(String learner, float[] gradient, long baseVersion, List<SegmentSummary> segments,
                             PolicyNetwork.LossStats loss, long[] lags) {

    /** The counters of one consumed segment. */
    public record SegmentSummary(TrajectorySource source, long frames, int samples, List<EpisodeResult> episodes) {
        static SegmentSummary of(Trajectory t) {
            return new SegmentSummary(t.source(), t.frames(), t.validSamples(), t.finishedEpisodes());
        }
    }

    /** The parameter server's answer: the version after the update, or {@code applied = false} with why not. */
    public record Ack(boolean applied, long version, String reason) {
    }
}
