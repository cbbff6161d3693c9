package tsunami.learn;

import tsunami.actor.Behavior;
import tsunami.actor.Pid;
import tsunami.actor.ProcessContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A learner process: takes a batch of segments from the queue, evaluates them with the newest
 * published parameters, corrects for the acting policy's lag with V-trace, computes the clipped
 * actor-critic gradient and sends it to the parameter server. Several learners work at once;
 * each keeps its own network copy, so they only meet at the parameter server.
 */
public final class Learner implements Behavior {
    private final int index;
    private final PolicyConfig config;
    private final TrainingConfig run;
    private final TrajectoryQueue queue;
    private final ParameterBoard board;
    private final RunControl control;
    private final TrainingMetrics metrics;

    public Learner(int index, PolicyConfig config, TrainingConfig run, TrajectoryQueue queue, ParameterBoard board,
                   RunControl control, TrainingMetrics metrics) {
        this.metrics = metrics;
        this.index = index;
        this.config = config;
        this.run = run;
        this.queue = queue;
        this.board = board;
        this.control = control;
    }

    public static String name(int index) {
        return "learner-" + index;
    }

    @Override
    public void run(ProcessContext self) throws Exception {
        self.label(name(index));
        PolicyNetwork net = new PolicyNetwork(config);
        Pid server = EnvWorker.awaitName(self, ParameterServer.NAME);
        float[] grad = new float[config.numParams()];
        while (!control.isFinished()) {
            List<Trajectory> segments = new ArrayList<>(run.segmentsPerBatch());
            while (segments.size() < run.segmentsPerBatch()) {
                Trajectory t = queue.poll(200);
                if (t != null) segments.add(t);
                else if (control.isFinished()) return;
                else self.receive(Duration.ZERO);   // a kernel call, so an exit signal stops us here
            }
            ParameterSnapshot snap = board.latest();
            net.setParams(snap.params());
            LearnerBatch batch = LearnerBatch.build(net, segments, config, snap.version());
            if (batch.samples() == 0) continue;
            double teacherWeight = run.teacher().weightAt(metrics.framesLearned());
            PolicyNetwork.LossStats stats = net.gradient(batch.observations(), batch.masks(), batch.actions(),
                    batch.advantages(), batch.vsTargets(), batch.weights(), batch.advice(), teacherWeight, batch.samples(), grad);
            List<GradientUpdate.SegmentSummary> summaries = segments.stream().map(GradientUpdate.SegmentSummary::of).toList();
            GradientUpdate.Ack ack = (GradientUpdate.Ack) self.call(server,
                    new GradientUpdate(name(index), grad.clone(), snap.version(), summaries, stats, batch.lags()),
                    Duration.ofSeconds(60));
            if (!ack.applied() && control.isFinished()) return;
        }
    }
}
