package tsunami.learn;

import tsunami.env.EnvSpec;
import tsunami.env.StepBatch;
import tsunami.env.VectorEnv;
import tsunami.env.VectorEnvFactory;
import tsunami.stats.WinRate;

import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Plays a trained policy for a number of games and counts the outcomes. Every environment of the
 * batch plays a fixed share of the games, so short games are not over-represented (counting
 * whichever games end first would favour them).
 */
public final class Evaluator {
    private Evaluator() {
    }

    /**
     * Outcome counts; {@link #interval()} gives the win rate with its 95% interval.
     * {@code actionsTaken[k]}: decisions of living agents that took action k (what the policy
     * actually plays, e.g. whether its greedy play is only ever the default action).
     */
    public record Result(int games, int wins, int losses, int draws, long frames, double seconds, long[] actionsTaken) {
        public WinRate interval() {
            return new WinRate(wins, games);
        }

        public double winRate() {
            return interval().rate();
        }
    }

    /** Told whenever games end: the games counted so far and their outcomes. */
    @FunctionalInterface
    public interface Progress {
        void played(int games, int wins, int losses, int draws);
    }

    /**
     * @param greedy take the most probable legal action (true) or sample from the policy (false)
     */
    public static Result evaluate(PolicyConfig config, float[] params, VectorEnvFactory factory, int games, int numEnvs,
                                  long seed, boolean greedy) {
        return evaluate(config, params, factory, games, numEnvs, seed, greedy, null, null);
    }

    /**
     * As {@link #evaluate(PolicyConfig, float[], VectorEnvFactory, int, int, long, boolean)}, telling {@code progress}
     * (when not null) whenever games end, and stopping early once {@code stop} (when not null) says so: the result
     * then counts the games that ended.
     */
    public static Result evaluate(PolicyConfig config, float[] params, VectorEnvFactory factory, int games, int numEnvs,
                                  long seed, boolean greedy, Progress progress, BooleanSupplier stop) {
        if (games < 1) throw new IllegalArgumentException("games must be at least 1");
        long t0 = System.nanoTime();
        int envs = Math.min(numEnvs, games);
        PolicyNetwork net = new PolicyNetwork(config);
        net.setParams(params);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        try (VectorEnv env = factory.create(envs, seed)) {
            EnvSpec spec = env.spec();
            if (spec.observationSize() != config.observationSize() || spec.numActions() != config.numActions()) {
                throw new tsunami.BadInputException("the checkpoint's network takes " + config.observationSize() + " observations and "
                        + config.numActions() + " actions; this scenario gives " + spec.observationSize() + " and " + spec.numActions());
            }
            int n = spec.agents(), a = spec.numActions();
            int[] quota = quotas(games, numEnvs);
            StepBatch batch = new StepBatch(spec);
            env.reset(seed, batch);
            float[] probs = new float[n * a];
            int[] actions = new int[n];
            long[] taken = new long[a];
            int remaining = games, wins = 0, losses = 0, draws = 0;
            while (remaining > 0 && (stop == null || !stop.getAsBoolean())) {
                net.forward(batch.observations, batch.actionMask, n, probs, null, null);
                for (int i = 0; i < n; i++) {
                    actions[i] = greedy ? argmax(probs, i * a, a, batch.actionMask) : EnvWorker.sample(probs, i * a, a, batch.actionMask, rnd);
                    if (batch.alive[i] != 0) taken[actions[i]]++;
                }
                env.step(actions, batch);
                for (int e = 0; e < envs; e++) {
                    if (!batch.done[e] || quota[e] == 0) continue;
                    quota[e]--;
                    remaining--;
                    switch (batch.outcome[e]) {
                        case StepBatch.OUTCOME_WIN -> wins++;
                        case StepBatch.OUTCOME_LOSS -> losses++;
                        default -> draws++;
                    }
                    if (progress != null) progress.played(games - remaining, wins, losses, draws);
                }
            }
            return new Result(games - remaining, wins, losses, draws, env.framesSimulated(), (System.nanoTime() - t0) / 1e9, taken);
        }
    }

    /**
     * How many of the games each env plays: env e counts its first quota[e] episodes (so which
     * episodes are counted does not depend on which env finishes first).
     */
    public static int[] quotas(int games, int numEnvs) {
        int[] quota = new int[Math.min(numEnvs, games)];
        for (int g = 0; g < games; g++) quota[g % quota.length]++;
        return quota;
    }

    /** The most probable legal action of one agent (greedy play). */
    public static int argmax(float[] probs, int offset, int numActions, byte[] mask) {
        int best = 0;
        float bestP = -1;
        for (int k = 0; k < numActions; k++) {
            if (mask[offset + k] != 0 && probs[offset + k] > bestP) {
                bestP = probs[offset + k];
                best = k;
            }
        }
        return best;
    }
}
