package tsunami.learn;

import tsunami.actor.Behavior;
import tsunami.actor.Pid;
import tsunami.actor.ProcessContext;

import java.time.Duration;
import java.util.List;

/**
 * A learner process: takes a batch of segments from the trajectory feed (waiting for them there:
 * an exit signal interrupts that wait, so no polling), evaluates them with the newest
 * published parameters, corrects for the acting policy's lag with V-trace, computes the clipped
 * actor-critic gradient and sends it to the parameter server. Several learners work at once;
 * each keeps its own network copy, so they only meet at the parameter server.
 */
public final class Learner implements Behavior {
    private final int index;
    private final PolicyConfig config;
    private final TrainingConfig run;
    private final TrajectoryFeed trajectories;
    private final ParameterFeed parameters;
    private final RunControl control;
    private final TrainingMetrics metrics;
    private final ValueNormalizer valueNorm;

    /** @param valueNorm the run's value normalisation when the config asks for it, else null */
    public Learner(int index, PolicyConfig config, TrainingConfig run, TrajectoryFeed trajectories, ParameterFeed parameters,
                   RunControl control, TrainingMetrics metrics, ValueNormalizer valueNorm) {
        this.valueNorm = valueNorm;
        this.metrics = metrics;
        this.index = index;
        this.config = config;
        this.run = run;
        this.trajectories = trajectories;
        this.parameters = parameters;
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
            List<Trajectory> segments = trajectories.take(run.segmentsPerBatch());
            if (control.isFinished()) return;
            ParameterSnapshot snap = parameters.latest();
            net.setParams(snap.params());
            LearnerBatch batch = LearnerBatch.build(net, segments, config, snap.version(), valueNorm);
            if (batch.samples() == 0) continue;
            double teacherWeight = run.teacher().weightAt(metrics.framesLearned());
            List<GradientUpdate.SegmentSummary> summaries = segments.stream().map(GradientUpdate.SegmentSummary::of).toList();
            // several epochs (PPO): the batch's targets stay, each step starts from the newest
            // parameters; the segments' counters and lags go with the first step only, so the
            // frames learned count each frame once
            for (int epoch = 0; epoch < run.epochs(); epoch++) {
                if (epoch > 0) {
                    if (control.isFinished()) return;
                    snap = parameters.latest();
                    net.setParams(snap.params());
                }
                PolicyNetwork.LossStats stats = net.gradient(batch.observations(), batch.masks(), config.centralCritic() ? batch.states() : null,
                        batch.actions(), batch.behaviourLogp(), batch.advantages(), batch.vsTargets(), batch.weights(), batch.advice(),
                        teacherWeight, batch.samples(), grad).withActions(batch.defaultActionProb(), batch.defaultActionTaken());
                GradientUpdate.Ack ack = (GradientUpdate.Ack) self.call(server,
                        new GradientUpdate(name(index), grad.clone(), snap.version(), epoch == 0 ? summaries : List.of(), stats,
                                epoch == 0 ? batch.lags() : new long[0]),
                        Duration.ofSeconds(60));
                if (!ack.applied() && control.isFinished()) return;
            }
        }
    }
}
