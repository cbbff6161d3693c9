package tsunami.model;

import tsunami.env.FightState;

import java.util.ArrayList;
import java.util.List;

/**
 * How far the world model's predictions are from what really happened, on held-out real
 * trajectories: from each real start state the ensemble mean rolls the real actions forward
 * k intervals (attack actions keep naming the units the real agents attacked) and its state is
 * compared with the real one after k intervals.
 */
public final class ModelEvaluation {
    /**
     * Errors after {@code k} intervals.
     *
     * @param positionRmsePx position error of the units really alive after k intervals, pixels
     * @param hitPointRmse   hit-point error of the units alive at the start (dead counts as 0 hp)
     * @param aliveAccuracy  share of those units whose alive/dead is predicted right
     * @param rewardRmse     error of the reward of the k-th interval
     * @param starts         start states evaluated
     * @param coastingRmsePx the position error of a baseline that lets every unit coast at its start velocity, pixels
     * @param stillRmsePx    the position error of a baseline where no unit moves, pixels
     */
    public record Errors(int k, double positionRmsePx, double hitPointRmse, double aliveAccuracy, double rewardRmse, int starts,
                         double coastingRmsePx, double stillRmsePx) {
    }

    private ModelEvaluation() {
    }

    /**
     * Errors for k = 1..maxK, from at most {@code limit} start states, spread evenly over the held-out
     * trajectories (starts need maxK intervals of real future in their episode).
     */
    public static List<Errors> evaluate(WorldModel model, List<List<Transition>> trajectories, int maxK, int limit) {
        List<Transition[]> starts = new ArrayList<>();   // [j]: the transition j intervals after the start
        int candidates = 0;
        for (List<Transition> t : trajectories) candidates += Math.max(0, t.size() - maxK + 1);
        int stride = Math.max(1, (candidates + limit - 1) / Math.max(1, limit)), c = 0;
        for (List<Transition> t : trajectories) {
            for (int s = 0; s + maxK <= t.size(); s++, c++) {
                if (c % stride != 0) continue;
                starts.add(t.subList(s, s + maxK).toArray(new Transition[0]));
            }
        }
        List<Errors> out = new ArrayList<>();
        if (starts.isEmpty()) return out;
        List<FightState> states = new ArrayList<>();
        for (Transition[] s : starts) states.add(s[0].before().copy());
        for (int k = 1; k <= maxK; k++) {
            List<int[]> actions = new ArrayList<>();
            for (int i = 0; i < starts.size(); i++) {
                Transition real = starts.get(i)[k - 1];
                System.arraycopy(real.before().slotTarget, 0, states.get(i).slotTarget, 0, real.before().slotTarget.length);
                actions.add(real.actions());
            }
            WorldModel.Prediction p = model.predict(states, actions, -1);
            double pos = 0, hp = 0, reward = 0, coast = 0, still = 0;
            long posN = 0, unitN = 0, aliveRight = 0;
            for (int i = 0; i < starts.size(); i++) {
                FightState real = starts.get(i)[k - 1].after(), start = starts.get(i)[0].before(), pred = p.next()[i];
                for (int u = 0; u < real.alive.length; u++) {
                    if (real.alive[u]) {
                        double dx = pred.x[u] - real.x[u], dy = pred.y[u] - real.y[u];
                        pos += dx * dx + dy * dy;
                        posN++;
                        float frames = (float) real.frame - start.frame;
                        double cx = start.x[u] + start.vx[u] * frames - real.x[u], cy = start.y[u] + start.vy[u] * frames - real.y[u];
                        coast += cx * cx + cy * cy;
                        double sx = start.x[u] - real.x[u], sy = start.y[u] - real.y[u];
                        still += sx * sx + sy * sy;
                    }
                    if (start.alive[u]) {
                        double h = (pred.alive[u] ? pred.hitPoints[u] : 0) - (real.alive[u] ? real.hitPoints[u] : 0);
                        hp += h * h;
                        unitN++;
                        if (pred.alive[u] == real.alive[u]) aliveRight++;
                    }
                }
                double r = p.reward()[i] - starts.get(i)[k - 1].reward();
                reward += r * r;
            }
            out.add(new Errors(k, Math.sqrt(pos / Math.max(1, posN)), Math.sqrt(hp / Math.max(1, unitN)),
                    unitN == 0 ? 1 : aliveRight / (double) unitN, Math.sqrt(reward / starts.size()), starts.size(),
                    Math.sqrt(coast / Math.max(1, posN)), Math.sqrt(still / Math.max(1, posN))));
            states = List.of(p.next());
        }
        return out;
    }

    /**
     * The ensemble mean's open-loop prediction of one real trajectory: from its first state, the real
     * actions of each interval rolled forward without ever looking at the real states again, for at most
     * {@code steps} intervals. Element j is the predicted state after j + 1 intervals.
     */
    public static List<FightState> openLoop(WorldModel model, List<Transition> trajectory, int steps) {
        List<FightState> predicted = new ArrayList<>();
        if (trajectory.isEmpty()) return predicted;
        FightState state = trajectory.getFirst().before().copy();
        for (int j = 0; j < Math.min(steps, trajectory.size()); j++) {
            Transition real = trajectory.get(j);
            // attack actions name the units the real agents attacked at that step
            System.arraycopy(real.before().slotTarget, 0, state.slotTarget, 0, real.before().slotTarget.length);
            state = model.predict(List.of(state), List.<int[]>of(real.actions()), -1).next()[0];
            predicted.add(state);
        }
        return predicted;
    }
}
