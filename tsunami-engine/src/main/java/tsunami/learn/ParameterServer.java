package tsunami.learn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.actor.Behavior;
import tsunami.actor.Call;
import tsunami.actor.ProcessContext;

/**
 * The parameter server process: the one place where parameters change. Learners {@code call} it
 * with a {@link GradientUpdate}; it applies each with Adam in arrival order (asynchronous SGD:
 * a gradient may have been computed at an older version; the staleness is counted as policy
 * lag), publishes the new version with its optimizer state on the {@link ParameterBoard}, and
 * records the batch's figures. On (re)start it continues from the board's latest version, so a
 * crash loses at most the update in flight.
 */
public final class ParameterServer implements Behavior {
    private static final Logger log = LoggerFactory.getLogger(ParameterServer.class);
    public static final String NAME = "parameter-server";

    private final ParameterBoard board;
    private final double learningRate;
    private final TrainingMetrics metrics;
    private final MetricsSink sink;
    private final int metricsEvery;
    private final long maxFrames;
    private final RunControl control;
    private final java.util.function.DoubleSupplier lrScale;

    public ParameterServer(ParameterBoard board, double learningRate, TrainingMetrics metrics, MetricsSink sink,
                           int metricsEvery, long maxFrames, RunControl control) {
        this(board, learningRate, metrics, sink, metricsEvery, maxFrames, control, () -> 1.0);
    }

    /** @param lrScale the learning-rate factor for the next update (a schedule; 1: the rate as configured) */
    public ParameterServer(ParameterBoard board, double learningRate, TrainingMetrics metrics, MetricsSink sink,
                           int metricsEvery, long maxFrames, RunControl control, java.util.function.DoubleSupplier lrScale) {
        this.lrScale = lrScale;
        this.board = board;
        this.learningRate = learningRate;
        this.metrics = metrics;
        this.sink = sink;
        this.metricsEvery = metricsEvery;
        this.maxFrames = maxFrames;
        this.control = control;
    }

    @Override
    public void run(ProcessContext self) {
        self.label("parameter server");
        ParameterSnapshot start = board.latest();
        float[] params = start.params().clone();
        AdamOptimizer adam = new AdamOptimizer(learningRate, start.adamM(), start.adamV(), start.version());
        long version = start.version();
        long samples = start.samplesLearned();
        log.debug("parameter server starts at version {}", version);
        while (true) {
            Call call = self.receive(Call.class);
            if (!(call.request() instanceof GradientUpdate u)) {
                self.reply(call, new GradientUpdate.Ack(false, version, "not a gradient update"));
                continue;
            }
            if (control.isFinished()) {
                self.reply(call, new GradientUpdate.Ack(false, version, "run finished"));
                continue;
            }
            if (u.gradient().length != params.length) {
                metrics.recordRejectedUpdate();
                self.reply(call, new GradientUpdate.Ack(false, version, "misshapen gradient"));
                continue;
            }
            if (!allFinite(u.gradient())) {
                // never applied (the parameters stay finite), and never silent: the run stops, failed
                metrics.recordRejectedUpdate();
                String why = NON_FINITE + ": a gradient from " + u.learner() + " at parameter version " + version
                        + " holds NaN or infinite values (check the scenario's rewards and the learning rate)";
                log.error(why);
                control.finish(why);
                self.reply(call, new GradientUpdate.Ack(false, version, why));
                continue;
            }
            long staleness = version - u.baseVersion();   // updates applied since the learner read its parameters
            adam.apply(params, u.gradient(), lrScale.getAsDouble());
            version++;
            for (GradientUpdate.SegmentSummary s : u.segments()) {
                metrics.recordSegment(s);
                samples += s.samples();
            }
            metrics.recordLoss(u.loss());
            metrics.recordUpdateFrom(u.learner());
            for (long lag : u.lags()) metrics.recordLag(lag + staleness);
            board.publish(new ParameterSnapshot(version, params.clone(), adam.m(), adam.v(), samples));
            boolean done = maxFrames > 0 && metrics.counters().get("frames") >= maxFrames;
            if (version % metricsEvery == 0 || done) sink.row(version, metrics.snapshot(true));
            if (done) control.finish("frames");
            self.reply(call, new GradientUpdate.Ack(true, version, ""));
        }
    }

    /** Start of the stop reason of a run stopped by a non-finite gradient: a failure, not a limit. */
    public static final String NON_FINITE = "non-finite gradient";

    private static boolean allFinite(float[] a) {
        for (float f : a) {
            if (!Float.isFinite(f)) return false;
        }
        return true;
    }
}
