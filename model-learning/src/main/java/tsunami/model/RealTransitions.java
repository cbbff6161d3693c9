package tsunami.model;

import tsunami.env.FightState;
import tsunami.env.FightStateEnv;
import tsunami.env.StepBatch;

import java.util.SplittableRandom;

/**
 * Plays real episodes in a {@link FightStateEnv} and puts every decision interval into a
 * {@link TransitionStore}: the state before (read from the env), the agents' actions, the state
 * after (the episode's last state when it ended) and the reward. Who acts is an {@link ActionChooser};
 * {@link #randomLegal} spreads over the legal actions, favouring attacks, so the store sees both
 * fighting and manoeuvring.
 */
public final class RealTransitions {
    /** Picks one action per agent slot of the batch from the observations and masks. */
    @FunctionalInterface
    public interface ActionChooser {
        void choose(StepBatch batch, int[] actions);
    }

    private final FightStateEnv env;
    private final TransitionStore store;
    private final ActionChooser chooser;
    private final StepBatch batch;
    private final FightState[] current;
    private final long[] episode;
    private final int[] actions;
    private long nextEpisode;

    public RealTransitions(FightStateEnv env, TransitionStore store, ActionChooser chooser, long seed) {
        this.env = env;
        this.store = store;
        this.chooser = chooser;
        batch = new StepBatch(env.spec());
        int n = env.spec().numEnvs();
        current = new FightState[n];
        episode = new long[n];
        actions = new int[env.spec().agents()];
        env.reset(seed, batch);
        for (int e = 0; e < n; e++) {
            current[e] = new FightState(env.fightSpec());
            env.readFight(e, current[e]);
            episode[e] = nextEpisode++;
        }
    }

    /** Steps every environment {@code steps} times; returns game frames simulated by these steps. */
    public long collect(int steps) {
        long f0 = env.framesSimulated();
        int agents = env.spec().agentsPerEnv();
        for (int s = 0; s < steps; s++) {
            chooser.choose(batch, actions);
            env.step(actions, batch);
            for (int e = 0; e < current.length; e++) {
                FightState after = new FightState(env.fightSpec());
                if (batch.done[e]) env.readFinalFight(e, after);
                else env.readFight(e, after);
                int[] act = java.util.Arrays.copyOfRange(actions, e * agents, (e + 1) * agents);
                store.add(new Transition(current[e], act, after, batch.rewards[e * agents], batch.done[e], episode[e]));
                if (batch.done[e]) {
                    current[e] = new FightState(env.fightSpec());
                    env.readFight(e, current[e]);
                    episode[e] = nextEpisode++;
                } else {
                    current[e] = after;
                }
            }
        }
        return env.framesSimulated() - f0;
    }

    /** Uniform over legal actions, except that an attack is taken with probability {@code attack} when one is legal. */
    public static ActionChooser randomLegal(long seed, double attack, int firstAttackAction) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return (b, out) -> {
            int na = b.spec.numActions();
            for (int a = 0; a < out.length; a++) {
                int m = a * na;
                boolean wantAttack = rnd.nextDouble() < attack;
                int legal = 0;
                for (int k = 0; k < na; k++) {
                    if (b.actionMask[m + k] != 0 && (!wantAttack || k >= firstAttackAction)) legal++;
                }
                if (legal == 0) {
                    wantAttack = false;
                    for (int k = 0; k < na; k++) if (b.actionMask[m + k] != 0) legal++;
                }
                int pick = legal == 0 ? 0 : rnd.nextInt(legal), chosen = 0;
                for (int k = 0; k < na; k++) {
                    if (b.actionMask[m + k] != 0 && (!wantAttack || k >= firstAttackAction) && pick-- == 0) {
                        chosen = k;
                        break;
                    }
                }
                out[a] = chosen;
            }
        };
    }
}
