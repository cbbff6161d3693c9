package tsunami.model;

import tsunami.env.EnvSpec;
import tsunami.env.FightState;
import tsunami.env.FightStateEnv;
import tsunami.env.StepBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Short imagined branches from real states, as MBPO rolls them: every interval each living branch
 * is turned into observations and masks by the env ({@link FightStateEnv#observeFight}), its
 * agents act ({@link RealTransitions.ActionChooser}, on a batch of one environment), and one
 * ensemble member drawn at random predicts the next state; a branch stops when its episode is
 * predicted to end, or when the members disagree on some unit's position by more than a limit.
 * This is the core a simulator worker will run; what it does with the imagined steps is up to
 * the caller (here: counted).
 */
public final class ImaginedRollouts {
    /** What a set of branches did: intervals imagined, game frames they stand for, and why branches stopped. */
    public record Stats(long steps, long frames, int branches, int stoppedByDisagreement, int stoppedByEnd) {
    }

    private final WorldModel model;
    private final FightStateEnv observer;
    private final double disagreementLimitPx;
    private final SplittableRandom rnd;

    /** @param disagreementLimitPx stop a branch when the members' position spread exceeds this (pixels); infinity: never */
    public ImaginedRollouts(WorldModel model, FightStateEnv observer, double disagreementLimitPx, long seed) {
        this.model = model;
        this.observer = observer;
        this.disagreementLimitPx = disagreementLimitPx;
        this.rnd = new SplittableRandom(seed);
    }

    public Stats rollout(List<FightState> starts, int horizon, RealTransitions.ActionChooser chooser) {
        EnvSpec one = new EnvSpec(1, observer.spec().agentsPerEnv(), observer.spec().observationSize(),
                observer.spec().numActions(), observer.spec().frameSkip());
        StepBatch view = new StepBatch(one);
        int agents = one.agentsPerEnv();
        List<FightState> live = new ArrayList<>();
        for (FightState s : starts) live.add(s.copy());
        long steps = 0, frames = 0;
        int byDisagreement = 0, byEnd = 0;
        for (int h = 0; h < horizon && !live.isEmpty(); h++) {
            List<int[]> actions = new ArrayList<>(live.size());
            for (FightState s : live) {
                observer.observeFight(s, view.observations, 0, view.actionMask, 0);
                int[] a = new int[agents];
                chooser.choose(view, a);
                actions.add(a);
            }
            float[] spread = Double.isInfinite(disagreementLimitPx) ? null : model.disagreement(live, actions);
            WorldModel.Prediction p = model.predict(live, actions, rnd.nextInt(model.members()));
            List<FightState> next = new ArrayList<>(live.size());
            for (int i = 0; i < live.size(); i++) {
                steps++;
                frames += model.frameSkip();
                if (spread != null && spread[i] > disagreementLimitPx) {
                    byDisagreement++;
                } else if (p.done()[i]) {
                    byEnd++;
                } else {
                    next.add(p.next()[i]);
                }
            }
            live = next;
        }
        return new Stats(steps, frames, starts.size(), byDisagreement, byEnd);
    }
}
