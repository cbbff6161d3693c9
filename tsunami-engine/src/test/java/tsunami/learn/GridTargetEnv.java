package tsunami.learn;

import tsunami.env.EnvSpec;
import tsunami.env.StepBatch;
import tsunami.env.VectorEnv;

import java.util.SplittableRandom;

/**
 * A small, real multi-agent test environment: on a {@code size × size} grid each of
 * {@code agents} agents must walk to its own target cell. Actions: 0 no-op, 1 up, 2 right,
 * 3 down, 4 left; moves off the grid are masked out. Reaching the target pays +1 and retires the
 * agent (its unit "dies": alive 0, only no-op legal); every step costs 0.02. The episode is won
 * when all agents arrive, lost after {@code limit} steps. Random play wins rarely; a policy that
 * reads the target offset in its observation wins nearly always. With {@code advise} it also
 * gives a teacher's advice: the step that closes the horizontal gap first, then the vertical one.
 */
final class GridTargetEnv implements VectorEnv {
    static final int OBS = 5, ACTIONS = 5, FRAME_SKIP = 8;
    private static final int[] DX = {0, 0, 1, 0, -1}, DY = {0, -1, 0, 1, 0};

    private final EnvSpec spec;
    private final int size, limit;
    private final int[] x, y, tx, ty, steps;
    private final boolean[] arrived;
    private SplittableRandom rnd;
    private long frames;
    /** Set by tests to make {@link #step} throw (a crashing environment). */
    volatile boolean explode;
    /** Set by tests to give advice with every observation. */
    boolean advise;

    GridTargetEnv(int numEnvs, int agents, int size, int limit, long seed) {
        spec = new EnvSpec(numEnvs, agents, OBS, ACTIONS, FRAME_SKIP);
        this.size = size;
        this.limit = limit;
        int n = numEnvs * agents;
        x = new int[n];
        y = new int[n];
        tx = new int[n];
        ty = new int[n];
        arrived = new boolean[n];
        steps = new int[numEnvs];
        rnd = new SplittableRandom(seed);
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public void reset(long seed, StepBatch out) {
        rnd = new SplittableRandom(seed);
        for (int e = 0; e < spec.numEnvs(); e++) resetEnv(e);
        write(out);
    }

    private void resetEnv(int e) {
        steps[e] = 0;
        for (int j = 0; j < spec.agentsPerEnv(); j++) {
            int i = e * spec.agentsPerEnv() + j;
            do {
                x[i] = rnd.nextInt(size);
                y[i] = rnd.nextInt(size);
                tx[i] = rnd.nextInt(size);
                ty[i] = rnd.nextInt(size);
            } while (x[i] == tx[i] && y[i] == ty[i]);
            arrived[i] = false;
        }
    }

    @Override
    public void step(int[] actions, StepBatch out) {
        if (explode) throw new IllegalStateException("test environment exploded on purpose");
        int per = spec.agentsPerEnv();
        for (int e = 0; e < spec.numEnvs(); e++) {
            steps[e]++;
            boolean all = true;
            for (int j = 0; j < per; j++) {
                int i = e * per + j;
                out.rewards[i] = 0;
                if (arrived[i]) continue;
                int act = actions[i];
                if (act > 0 && act < ACTIONS && legal(i, act)) {
                    x[i] += DX[act];
                    y[i] += DY[act];
                }
                out.rewards[i] = -0.02f;
                if (x[i] == tx[i] && y[i] == ty[i]) {
                    arrived[i] = true;
                    out.rewards[i] += 1f;
                }
            }
            for (int j = 0; j < per; j++) all &= arrived[e * per + j];
            out.done[e] = all || steps[e] >= limit;
            out.outcome[e] = out.done[e] ? (all ? StepBatch.OUTCOME_WIN : StepBatch.OUTCOME_LOSS) : StepBatch.OUTCOME_NONE;
            out.episodeFrames[e] = out.done[e] ? steps[e] * FRAME_SKIP : 0;
            if (out.done[e]) resetEnv(e);
        }
        frames += (long) spec.numEnvs() * FRAME_SKIP;
        write(out);
    }

    private boolean legal(int i, int act) {
        int nx = x[i] + DX[act], ny = y[i] + DY[act];
        return nx >= 0 && ny >= 0 && nx < size && ny < size;
    }

    private void write(StepBatch out) {
        int n = spec.agents();
        for (int i = 0; i < n; i++) {
            int b = i * OBS;
            out.observations[b] = (float) x[i] / size;
            out.observations[b + 1] = (float) y[i] / size;
            out.observations[b + 2] = (float) (tx[i] - x[i]) / size;
            out.observations[b + 3] = (float) (ty[i] - y[i]) / size;
            out.observations[b + 4] = arrived[i] ? 1f : 0f;
            out.alive[i] = (byte) (arrived[i] ? 0 : 1);
            int m = i * ACTIONS;
            out.actionMask[m] = 1;
            for (int act = 1; act < ACTIONS; act++) out.actionMask[m + act] = (byte) (!arrived[i] && legal(i, act) ? 1 : 0);
            out.advice[i] = !advise || arrived[i] ? StepBatch.NO_ADVICE
                    : tx[i] > x[i] ? 2 : tx[i] < x[i] ? 4 : ty[i] > y[i] ? 3 : 1;
        }
    }

    @Override
    public long framesSimulated() {
        return frames;
    }
}
