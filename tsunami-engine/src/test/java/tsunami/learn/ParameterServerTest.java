package tsunami.learn;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tsunami.actor.ActorSystem;
import tsunami.actor.Pid;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The parameter server applies finite gradients and stops the run, loudly, on a non-finite one. */
class ParameterServerTest {
    private static final PolicyNetwork.LossStats LOSS = new PolicyNetwork.LossStats(0.1, 0.2, 1.0, 0, 1.0);
    private final ActorSystem sys = ActorSystem.create("ps");

    @AfterEach
    void tearDown() {
        sys.shutdown();
    }

    @Test
    void aNonFiniteGradientIsNeverAppliedAndStopsTheRunAsAFailure() throws Exception {
        int n = 6;
        ParameterBoard board = new ParameterBoard(new ParameterSnapshot(0, new float[n], new float[n], new float[n], 0));
        RunControl control = new RunControl();
        Pid ps = sys.spawn(new ParameterServer(board, 0.01, new TrainingMetrics(), MetricsSink.NONE, 1_000, 0, control));
        float[] good = {1, -1, 0.5f, 0, 0, 2};
        var ok = (GradientUpdate.Ack) sys.call(ps, new GradientUpdate("learner-1", good, 0, List.of(), LOSS, new long[0]));
        assertTrue(ok.applied());
        assertEquals(1, board.latest().version());
        float[] bad = good.clone();
        bad[3] = Float.NaN;
        var refused = (GradientUpdate.Ack) sys.call(ps, new GradientUpdate("learner-1", bad, 1, List.of(), LOSS, new long[0]));
        assertFalse(refused.applied());
        String why = control.finished().get(30, TimeUnit.SECONDS);
        assertTrue(why.startsWith(ParameterServer.NON_FINITE) && why.contains("learner-1") && why.contains("version 1"), why);
        assertEquals(1, board.latest().version(), "the bad update was not applied");
        for (float f : board.latest().params()) assertTrue(Float.isFinite(f));
    }

    @Test
    void eachUpdateTakesTheScheduledLearningRate() throws Exception {
        int n = 3;
        ParameterBoard board = new ParameterBoard(new ParameterSnapshot(0, new float[n], new float[n], new float[n], 0));
        double[] scale = {1.0};
        Pid ps = sys.spawn(new ParameterServer(board, 0.01, new TrainingMetrics(), MetricsSink.NONE, 1_000, 0, new RunControl(),
                () -> scale[0]));
        float[] grad = {1, -1, 2};
        // Adam's first step moves each parameter by the learning rate against its gradient's sign
        sys.call(ps, new GradientUpdate("learner-1", grad, 0, List.of(), LOSS, new long[0]));
        float[] after1 = board.latest().params().clone();
        assertEquals(-0.01, after1[0], 1e-4);
        assertEquals(0.01, after1[1], 1e-4);
        scale[0] = 0.0;   // the schedule has run out: the parameters stay where they are
        sys.call(ps, new GradientUpdate("learner-1", grad, 1, List.of(), LOSS, new long[0]));
        assertArrayEquals(after1, board.latest().params());
        assertEquals(2, board.latest().version(), "the update still counts as a version");
    }
}
