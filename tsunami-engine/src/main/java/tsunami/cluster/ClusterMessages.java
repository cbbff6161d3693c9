package tsunami.cluster;

import tsunami.actor.Pid;
import tsunami.learn.PolicyConfig;

import java.util.Map;

/** What a learner node and its actor nodes say to each other over the node network (kernel messages and calls). */
public final class ClusterMessages {
    private ClusterMessages() {
    }

    /**
     * An actor node asks to take part (a call to the learner's {@link LearnerHub#REGISTRY} process).
     *
     * @param node    the actor node's name, unique in the run
     * @param session the actor node's process that the learner monitors and tells when the run is over
     */
    public record Join(String node, Pid session, int envWorkers, int envsPerWorker) {
    }

    /**
     * The learner's answer to a {@link Join}: everything an actor node needs to act for this run.
     *
     * @param run                the run's settings that make its environments (scenario, opponent, seed, ...):
     *                           the launcher reads them, the engine only carries them
     * @param seed               the run's seed
     * @param policy             the network the actors evaluate
     * @param unrollLength       environment steps per segment
     * @param maxInferenceAgents most agents in one inference call
     * @param trajectoryPort     port of the learner's Streamer frontend (segments go there), on the host the actor joined
     * @param parameterPort      port of the learner's Forwarder backend (parameters come from there), on that host
     * @param joinCount          how many joins this run has seen before this one (seeds each join's environments apart)
     */
    public record Welcome(Map<String, String> run, long seed, PolicyConfig policy, int unrollLength, int maxInferenceAgents,
                          int trajectoryPort, int parameterPort, long joinCount) {
    }

    /** The learner ended the run: the actor node stops and exits 0. */
    public record RunOver(String reason) {
    }

    /**
     * One parameter broadcast. {@code sentAtMicros} is the learner's wall clock (microseconds since the
     * epoch) when it sent them, so a subscriber on the same clock measures the broadcast delay.
     */
    public record Parameters(long version, long sentAtMicros, float[] params) {
    }
}
