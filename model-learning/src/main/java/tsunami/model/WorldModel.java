package tsunami.model;

import tsunami.env.FightSpec;
import tsunami.env.FightState;

import java.util.List;

/**
 * The learned world model of a fight: an ensemble of {@link EnsembleMember}s, each trained on its
 * own bootstrap samples of real transitions, predicting from a state and every agent's action over
 * one decision interval the next state of every unit, the reward and the end of the episode. The
 * opponent's behaviour is not an input: it is part of what the model learns. Members are locked
 * one by one, so a trainer and readers (evaluation, imagination) can share the model.
 */
public final class WorldModel {
    /** @param members ensemble size; @param hidden width of each network's hidden layers */
    public record Settings(int members, int hidden, double learningRate, long seed) {
        public Settings {
            if (members <= 0) throw new IllegalArgumentException("the ensemble needs at least one member: " + members);
            if (hidden <= 0) throw new IllegalArgumentException("hidden width must be positive: " + hidden);
            if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive: " + learningRate);
        }

        public static Settings defaults() {
            return new Settings(5, 128, 1e-3, 1);
        }
    }

    /** One batch of predictions: next states, rewards and episode ends. */
    public record Prediction(FightState[] next, float[] reward, boolean[] done) {
    }

    private final FightSpec spec;
    private final int frameSkip;
    private final Settings settings;
    private final EnsembleMember[] members;
    private final ThreadLocal<UnitFeatures> features;

    public WorldModel(FightSpec spec, int frameSkip, Settings settings) {
        this.spec = spec;
        this.frameSkip = frameSkip;
        this.settings = settings;
        features = ThreadLocal.withInitial(() -> new UnitFeatures(spec, frameSkip));
        int inputs = features.get().unitInputs();
        members = new EnsembleMember[settings.members()];
        for (int m = 0; m < members.length; m++) {
            members[m] = new EnsembleMember(inputs, settings.hidden(), settings.learningRate(), settings.seed() * 1_000_003L + 7919L * m);
        }
    }

    public FightSpec spec() {
        return spec;
    }

    public int frameSkip() {
        return frameSkip;
    }

    public Settings settings() {
        return settings;
    }

    public int members() {
        return members.length;
    }

    EnsembleMember member(int m) {
        return members[m];
    }

    public int unitInputs() {
        return features.get().unitInputs();
    }

    /** One supervised step of member {@code m} on {@code batch}; returns the unit rows it trained on. */
    public int train(int m, List<Transition> batch) {
        UnitFeatures f = features.get();
        int rows = 0;
        for (Transition t : batch) rows += UnitFeatures.rows(t.before());
        int w = f.unitInputs();
        float[] in = new float[rows * w], target = new float[rows * UnitFeatures.UNIT_OUTPUTS];
        float[] oin = new float[batch.size() * UnitFeatures.OUTCOME_INPUTS], oout = new float[batch.size() * UnitFeatures.OUTCOME_OUTPUTS];
        int r = 0;
        for (int i = 0; i < batch.size(); i++) {
            Transition t = batch.get(i);
            f.encode(t.before(), t.actions(), in, r);
            r += f.targets(t.before(), t.after(), target, r);
            f.outcome(t.before(), t.after(), oin, i * UnitFeatures.OUTCOME_INPUTS);
            oout[i * 2] = t.reward();
            oout[i * 2 + 1] = t.done() ? 1f : 0f;
        }
        EnsembleMember member = members[m];
        synchronized (member) {
            if (rows > 0) EnsembleMember.fit(member.unitNet, in, target, rows, w, UnitFeatures.UNIT_OUTPUTS);
            EnsembleMember.fit(member.outcomeNet, oin, oout, batch.size(), UnitFeatures.OUTCOME_INPUTS, UnitFeatures.OUTCOME_OUTPUTS);
        }
        return rows;
    }

    /**
     * Predicts one interval for each of {@code states} under {@code actions}, with member
     * {@code member}, or the mean of all members when {@code member} is -1.
     */
    public Prediction predict(List<FightState> states, List<int[]> actions, int member) {
        UnitFeatures f = features.get();
        int n = states.size();
        UnitRows u = unitRows(f, states, actions);
        float[] unitOut = forEachMember(member, m -> u.rows() == 0 ? new float[0] : EnsembleMember.predict(m.unitNet, u.in(), u.rows(), u.width()));
        FightState[] next = new FightState[n];
        float[] oin = new float[n * UnitFeatures.OUTCOME_INPUTS];
        int r = 0;
        for (int i = 0; i < n; i++) {
            FightState s = states.get(i);
            next[i] = new FightState(spec);
            r += f.apply(s, unitOut, r, next[i]);
            f.carryTargets(s, actions.get(i), next[i]);
            f.outcome(s, next[i], oin, i * UnitFeatures.OUTCOME_INPUTS);
        }
        float[] outcome = forEachMember(member, m -> EnsembleMember.predict(m.outcomeNet, oin, n, UnitFeatures.OUTCOME_INPUTS));
        float[] reward = new float[n];
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
            reward[i] = outcome[i * 2];
            done[i] = outcome[i * 2 + 1] >= 0.5f || next[i].aliveCount(0) == 0 || next[i].aliveCount(1) == 0;
        }
        return new Prediction(next, reward, done);
    }

    /**
     * How far the members disagree on each state's next positions: for every state, the largest
     * (over its living units) standard deviation across members of the predicted position, in pixels.
     */
    public float[] disagreement(List<FightState> states, List<int[]> actions) {
        int n = states.size();
        UnitRows u = unitRows(features.get(), states, actions);
        int rows = u.rows();
        double[] sumX = new double[rows], sumY = new double[rows], sqX = new double[rows], sqY = new double[rows];
        for (EnsembleMember m : members) {
            float[] out;
            synchronized (m) {
                out = rows == 0 ? new float[0] : EnsembleMember.predict(m.unitNet, u.in(), rows, u.width());
            }
            for (int k = 0; k < rows; k++) {
                double dx = out[k * UnitFeatures.UNIT_OUTPUTS + UnitFeatures.OUT_DX] * UnitFeatures.MOVE_SCALE;
                double dy = out[k * UnitFeatures.UNIT_OUTPUTS + UnitFeatures.OUT_DY] * UnitFeatures.MOVE_SCALE;
                sumX[k] += dx;
                sumY[k] += dy;
                sqX[k] += dx * dx;
                sqY[k] += dy * dy;
            }
        }
        float[] spread = new float[n];
        int k = 0, count = members.length;
        for (int i = 0; i < n; i++) {
            int units = UnitFeatures.rows(states.get(i));
            float worst = 0;
            for (int j = 0; j < units; j++, k++) {
                double vx = sqX[k] / count - Math.pow(sumX[k] / count, 2), vy = sqY[k] / count - Math.pow(sumY[k] / count, 2);
                worst = (float) Math.max(worst, Math.sqrt(Math.max(0, vx + vy)));
            }
            spread[i] = worst;
        }
        return spread;
    }

    /** Every living unit's input row of a batch of states, and how many there are. */
    private record UnitRows(float[] in, int rows, int width) {
    }

    private static UnitRows unitRows(UnitFeatures f, List<FightState> states, List<int[]> actions) {
        int w = f.unitInputs(), rows = 0;
        for (FightState s : states) rows += UnitFeatures.rows(s);
        float[] in = new float[rows * w];
        int r = 0;
        for (int i = 0; i < states.size(); i++) r += f.encode(states.get(i), actions.get(i), in, r);
        return new UnitRows(in, rows, w);
    }

    private float[] forEachMember(int member, java.util.function.Function<EnsembleMember, float[]> run) {
        if (member >= 0) {
            EnsembleMember m = members[member];
            synchronized (m) {
                return run.apply(m);
            }
        }
        float[] sum = null;
        for (EnsembleMember m : members) {
            float[] out;
            synchronized (m) {
                out = run.apply(m);
            }
            if (sum == null) sum = out;
            else for (int i = 0; i < out.length; i++) sum[i] += out[i];
        }
        for (int i = 0; i < sum.length; i++) sum[i] /= members.length;
        return sum;
    }
}
