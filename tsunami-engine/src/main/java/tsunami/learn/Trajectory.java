package tsunami.learn;

import java.util.List;

/**
 * A segment of experience: {@code steps} consecutive environment steps of {@code agents} agent
 * slots (all environments of one batch), time-major ({@code t * agents + i}), plus the
 * observation after the last step for bootstrapping. It holds only what happened, not how it
 * will be learned from (no discounting), so any producer can make one: env workers, simulator
 * workers running a learned model, or a remote node.
 *
 * @param source            who produced it
 * @param observations      [(steps+1) × agents × observationSize]
 * @param masks             [(steps+1) × agents × numActions] legal actions
 * @param actions           [steps × agents] action taken
 * @param behaviourLogp     [steps × agents] log-probability of that action under the acting policy
 * @param rewards           [steps × agents]
 * @param continues         [steps × agents] 1 if the agent's sequence goes on after the step (0 where it ends, e.g. the episode is over)
 * @param valid             [steps × agents] 1 if the agent was alive when acting (only these steps are learned)
 * @param advice            [steps × agents] the teacher's action for the step's observation, or {@link tsunami.env.StepBatch#NO_ADVICE}
 * @param policyVersions    [steps] parameter version that chose each step's actions
 * @param frames            game frames simulated while producing the segment
 * @param finishedEpisodes  episodes that ended during the segment
 * @param stateSize         floats of the environment's global state per agent row (0: none)
 * @param states            [(steps+1) × agents × stateSize] the global state of each agent's environment, for a centralised critic
 */
public record Trajectory(TrajectorySource source, int steps, int agents, int observationSize, int numActions,
                         float[] observations, byte[] masks, int[] actions, float[] behaviourLogp, float[] rewards,
                         byte[] continues, byte[] valid, int[] advice, long[] policyVersions, long frames,
                         List<EpisodeResult> finishedEpisodes, int stateSize, float[] states) {
    /** A segment without global states. */
    public Trajectory(TrajectorySource source, int steps, int agents, int observationSize, int numActions,
                      float[] observations, byte[] masks, int[] actions, float[] behaviourLogp, float[] rewards,
                      byte[] continues, byte[] valid, int[] advice, long[] policyVersions, long frames,
                      List<EpisodeResult> finishedEpisodes) {
        this(source, steps, agents, observationSize, numActions, observations, masks, actions, behaviourLogp, rewards, continues, valid,
                advice, policyVersions, frames, finishedEpisodes, 0, new float[0]);
    }

    public Trajectory {
        int n = steps * agents;
        if (stateSize < 0 || states.length != (steps + 1) * agents * stateSize) {
            throw new IllegalArgumentException("trajectory states do not match " + steps + " steps × " + agents + " agents × " + stateSize + " from " + source);
        }
        if (observations.length != (steps + 1) * agents * observationSize || masks.length != (steps + 1) * agents * numActions
                || actions.length != n || behaviourLogp.length != n || rewards.length != n || continues.length != n
                || valid.length != n || advice.length != n || policyVersions.length != steps) {
            throw new IllegalArgumentException("trajectory arrays do not match " + steps + " steps × " + agents + " agents from " + source);
        }
        finishedEpisodes = List.copyOf(finishedEpisodes);
    }

    /** Agent steps in which an agent was alive to act. */
    public int validSamples() {
        int c = 0;
        for (byte b : valid) c += b;
        return c;
    }
}
