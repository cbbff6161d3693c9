package tsunami.model;

import tsunami.env.FightStateEnv;
import tsunami.env.StepBatch;

import java.util.SplittableRandom;

/**
 * Plays real episodes in a {@link FightStateEnv}, recording every decision interval into a
 * {@link TransitionStore} (through a {@link RecordingEnv}). Who acts is an {@link ActionChooser};
 * {@link #randomLegal} spreads over the legal actions, favouring attacks, so the store sees both
 * fighting and manoeuvring.
 */
public final class RealTransitions {
    /** Picks one action per agent slot of the batch from the observations and masks. */
    @FunctionalInterface
    public interface ActionChooser {
        void choose(StepBatch batch, int[] actions);
    }

    private final RecordingEnv env;
    private final ActionChooser chooser;
    private final StepBatch batch;
    private final int[] actions;

    public RealTransitions(FightStateEnv env, TransitionStore store, ActionChooser chooser, long seed) {
        this.env = new RecordingEnv(env, store, new java.util.concurrent.atomic.AtomicLong());
        this.chooser = chooser;
        batch = new StepBatch(env.spec());
        actions = new int[env.spec().agents()];
        this.env.reset(seed, batch);
    }

    /** Steps every environment {@code steps} times; returns game frames simulated by these steps. */
    public long collect(int steps) {
        long f0 = env.framesSimulated();
        for (int s = 0; s < steps; s++) {
            chooser.choose(batch, actions);
            env.step(actions, batch);
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
