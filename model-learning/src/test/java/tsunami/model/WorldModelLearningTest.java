package tsunami.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The world model learns known deterministic transitions to small error on transitions it never saw. */
class WorldModelLearningTest {

    private static WorldModel trained(List<Transition> data, int updates) {
        WorldModel model = new WorldModel(KnownTransitions.SPEC, KnownTransitions.FRAME_SKIP, new WorldModel.Settings(2, 64, 3e-3, 7));
        SplittableRandom rnd = new SplittableRandom(1);
        for (int u = 0; u < updates; u++) {
            for (int m = 0; m < model.members(); m++) {
                List<Transition> batch = new ArrayList<>();
                for (int i = 0; i < 64; i++) batch.add(data.get(rnd.nextInt(data.size())));
                model.train(m, batch);
            }
        }
        return model;
    }

    private static List<List<Transition>> singles(List<Transition> ts) {
        List<List<Transition>> out = new ArrayList<>();
        for (Transition t : ts) out.add(List.of(t));
        return out;
    }

    @Test
    void learnsAUnitWalking() {
        WorldModel model = trained(KnownTransitions.many(2000, true, 1), 600);
        var before = ModelEvaluation.evaluate(new WorldModel(KnownTransitions.SPEC, 8, new WorldModel.Settings(1, 64, 1e-3, 3)),
                singles(KnownTransitions.many(200, true, 99)), 1, 200).get(0);
        var after = ModelEvaluation.evaluate(model, singles(KnownTransitions.many(200, true, 99)), 1, 200).get(0);
        // a step is 32 px: an untrained model is tens of pixels off, a learned one a few
        assertTrue(before.positionRmsePx() > 10, "untrained error " + before.positionRmsePx());
        assertTrue(after.positionRmsePx() < 4, "walking position RMSE " + after.positionRmsePx() + " px");
        assertEquals(1.0, after.aliveAccuracy(), 1e-9);
    }

    @Test
    void learnsAUnitShootingAStillTarget() {
        WorldModel model = trained(KnownTransitions.many(2000, false, 2), 600);
        var e = ModelEvaluation.evaluate(model, singles(KnownTransitions.many(200, false, 98)), 1, 200).get(0);
        // 6 hp a shot out of 40; kills are the targets at 6 hp or less
        assertTrue(e.hitPointRmse() < 1.5, "shooting hit-point RMSE " + e.hitPointRmse());
        assertTrue(e.aliveAccuracy() > 0.97, "alive accuracy " + e.aliveAccuracy());
        assertTrue(e.positionRmsePx() < 4, "a still fight should stay still: " + e.positionRmsePx() + " px");
        assertTrue(e.rewardRmse() < 0.05, "reward RMSE " + e.rewardRmse());
    }

    @Test
    void rollsKStepsAndStopsAtNoUnit() {
        WorldModel model = trained(KnownTransitions.many(1000, true, 3), 200);
        // two-interval walks: the second starts where the first really ended
        SplittableRandom rnd = new SplittableRandom(5);
        List<List<Transition>> walks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Transition a = KnownTransitions.transition(rnd, true, i);
            var s2 = a.after().copy();
            var s3 = s2.copy();
            s3.x[0] += a.after().x[0] - a.before().x[0];
            s3.y[0] += a.after().y[0] - a.before().y[0];
            s3.frame += 8;
            walks.add(List.of(a, new Transition(s2, a.actions(), s3, 0f, false, i)));
        }
        var errors = ModelEvaluation.evaluate(model, walks, 2, 100);
        assertEquals(2, errors.size());
        assertEquals(1, errors.get(0).k());
        assertEquals(2, errors.get(1).k());
        assertEquals(50, errors.get(1).starts());
        assertTrue(errors.get(1).positionRmsePx() < 12, "two-step walking error " + errors.get(1).positionRmsePx());
    }

    @Test
    void openLoopRollsTheRealActionsWithoutLookingAtTheRealStates() {
        WorldModel model = trained(KnownTransitions.many(1000, true, 3), 200);
        Transition a = KnownTransitions.transition(new SplittableRandom(11), true, 0);
        float dx = a.after().x[0] - a.before().x[0], dy = a.after().y[0] - a.before().y[0];
        // the second real interval starts 100 px away from where the first ended: an open loop never sees that
        var teleported = a.after().copy();
        teleported.x[0] += 100;
        var end = teleported.copy();
        end.x[0] += dx;
        end.y[0] += dy;
        List<Transition> walk = List.of(a, new Transition(teleported, a.actions(), end, 0f, false, 0));
        List<tsunami.env.FightState> predicted = ModelEvaluation.openLoop(model, walk, 5);
        assertEquals(2, predicted.size(), "one prediction per real interval, at most the steps asked for");
        assertEquals(1, ModelEvaluation.openLoop(model, walk, 1).size());
        float ex = a.before().x[0] + 2 * dx, ey = a.before().y[0] + 2 * dy;
        double off = Math.hypot(predicted.get(1).x[0] - ex, predicted.get(1).y[0] - ey);
        assertTrue(off < 16, "two steps of the walk from the first state, not from the teleported one: " + off + " px off");
    }
}
