package tsunami.model;

import tsunami.env.FightState;

/**
 * One real decision interval: the state (its attack slots included), the agents' actions, the
 * state after, the reward and whether the episode ended. {@code episode} names the episode, so that
 * a held-out split and k-step trajectories keep whole episodes together.
 */
public record Transition(FightState before, int[] actions, FightState after, float reward, boolean done, long episode) {
}
