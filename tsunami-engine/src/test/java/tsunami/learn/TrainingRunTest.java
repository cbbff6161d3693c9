package tsunami.learn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tsunami.actor.ActorSystem;
import tsunami.actor.ExitReason;
import tsunami.actor.Pid;
import tsunami.env.EnvSpec;
import tsunami.env.VectorEnvFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingRunTest {
    static final VectorEnvFactory GRID = (numEnvs, seed) -> new GridTargetEnv(numEnvs, 2, 4, 12, seed);

    static PolicyConfig policy() {
        EnvSpec spec = TrainingRun.probeSpec(GRID, 1);
        return PolicyConfig.defaults(spec.observationSize(), spec.numActions()).withHidden(32).withLearningRate(3e-3).withGamma(0.95)
                .withEntropyCoef(0.01);   // the entropy weight these runs were tuned with (the default is arena-sized)
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void severalWorkersAndLearnersLearnTheGridTask() throws Exception {
        TrainingConfig cfg = TrainingConfig.defaults(7, 400_000, 240).withWorkers(2, 2).withBatch(16, 8, 1);
        PolicyConfig policy = policy();
        TrainingRun run = new TrainingRun(policy, cfg, GRID, null, null, MetricsSink.NONE, Map.of());
        Evaluator.Result before = Evaluator.evaluate(policy, run.board().latest().params(), GRID, 400, 50, 99, false);
        TrainingRun.Result r = run.run(null);
        assertEquals("frames", r.stopReason());
        assertTrue(r.figures().frames() >= 400_000);
        Evaluator.Result after = Evaluator.evaluate(policy, r.finalParameters().params(), GRID, 400, 50, 99, true);
        assertTrue(after.winRate() > 0.85 && after.winRate() > before.winRate() + 0.4,
                "learned to reach the targets: " + before.winRate() + " -> " + after.winRate() + "; " + r.figures());
        assertEquals(2, run.metrics().updatesByLearner().size(), "both learners applied gradients: " + run.metrics().updatesByLearner());
        assertEquals(0, r.figures().rejectedUpdates());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aTeachersAdviceReachesTheLearnersAndIsLearnedFast() throws Exception {
        VectorEnvFactory advised = (numEnvs, seed) -> {
            GridTargetEnv env = new GridTargetEnv(numEnvs, 2, 4, 12, seed);
            env.advise = true;
            return env;
        };
        PolicyConfig policy = policy();
        TrainingConfig cfg = TrainingConfig.defaults(21, 120_000, 240).withWorkers(1, 1).withBatch(16, 8, 1);
        TrainingRun.Result taught = new TrainingRun(policy, cfg.withTeacher(new TeacherSchedule(2, 2, 1)), advised, null, null,
                MetricsSink.NONE, Map.of()).run(null);
        TrainingRun.Result alone = new TrainingRun(policy, cfg, advised, null, null, MetricsSink.NONE, Map.of()).run(null);
        Evaluator.Result withTeacher = Evaluator.evaluate(policy, taught.finalParameters().params(), GRID, 400, 50, 99, true);
        Evaluator.Result without = Evaluator.evaluate(policy, alone.finalParameters().params(), GRID, 400, 50, 99, true);
        // the teacher's tie-break (close the horizontal gap first) is one of two equally good orders:
        // only advice that reaches the learner aligned with its observations can teach it
        assertTrue(withTeacher.winRate() > 0.9, "the taught policy plays well: " + withTeacher.winRate());
        assertTrue(taught.figures().teacherLoss() < 0.2 && alone.figures().teacherLoss() > taught.figures().teacherLoss() + 0.3,
                "cross-entropy to the teacher with its advice " + taught.figures().teacherLoss() + ", without " + alone.figures().teacherLoss());
    }

    private static List<String> deterministicRows(List<Object[]> rows) {
        return rows.stream().map(Arrays::toString).toList();
    }

    private static List<Object[]> runLockstep(long seed) throws InterruptedException {
        TrainingConfig cfg = TrainingConfig.defaults(seed, 60_000, 240).withWorkers(1, 1).withBatch(16, 8, 2).withMetricsEvery(5);
        List<Object[]> rows = Collections.synchronizedList(new ArrayList<>());
        TrainingRun run = new TrainingRun(policy(), cfg, GRID, null, null, (v, f) -> rows.add(new Object[]{
                v, f.frames(), f.agentSteps(), f.episodes(), f.wins(), f.winRate(), f.meanReturn(), f.policyLoss(),
                f.valueLoss(), f.entropy(), f.gradNorm(), f.policyLagMedian()}), Map.of());
        TrainingRun.Result r = run.run(null);
        rows.add(new Object[]{"params", Arrays.hashCode(r.finalParameters().params())});
        return rows;
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void oneWorkerOneLearnerAndAFixedSeedGiveIdenticalMetrics() throws Exception {
        List<Object[]> rows = runLockstep(11);
        // lock-step acts each batch with exactly the version that then learns from it: no policy lag
        for (Object[] row : rows.subList(0, rows.size() - 1)) assertEquals(0.0, row[11], "policy lag in " + Arrays.toString(row));
        List<String> a = deterministicRows(rows);
        List<String> b = deterministicRows(runLockstep(11));
        assertTrue(a.size() > 5, "enough rows to compare: " + a);
        assertEquals(a, b);
        assertNotEquals(a, deterministicRows(runLockstep(12)), "a different seed gives a different run");
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void killingEachKindOfProcessMidRunDoesNotStopTraining() throws Exception {
        // a frame budget far beyond what the test needs: the test stops the run itself once it has seen
        // training go on after every kill, so a slow machine can't run out of budget mid-test
        TrainingConfig cfg = TrainingConfig.defaults(5, 100_000_000, 280).withWorkers(2, 2).withBatch(16, 8, 1);
        TrainingRun run = new TrainingRun(policy(), cfg, GRID, null, null, MetricsSink.NONE, Map.of());
        List<String> killed = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<TrainingRun.Result> result = CompletableFuture.supplyAsync(() -> {
            try {
                return run.run(null);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long step = 25;
        for (String name : List.of(EnvWorker.name(0), Learner.name(1), ParameterServer.NAME, InferenceServer.NAME)) {
            long target = run.board().version() + step;
            assertTrue(run.board().awaitVersion(target, 120_000), "training progressed to version " + target + " before killing " + name);
            ActorSystem sys = run.system();
            Pid before = waitForName(sys, name);
            long versionAtKill = run.board().version();
            sys.exit(before, ExitReason.KILL);
            Pid after = waitForName(sys, name);
            while (after.equals(before)) {
                Thread.sleep(20);
                after = waitForName(sys, name);
            }
            assertTrue(run.board().awaitVersion(versionAtKill + step, 120_000), "training goes on after killing " + name);
            killed.add(name);
        }
        run.stop("test");
        TrainingRun.Result r = result.get(120, TimeUnit.SECONDS);
        assertEquals(4, killed.size());
        assertEquals("test", r.stopReason(), "the run stopped when asked");
        assertTrue(r.finalParameters().version() >= 8 * step, "every kill was followed by training");
        assertTrue(r.figures().workerRestarts() >= 1, "env workers were restarted");
    }

    private static Pid waitForName(ActorSystem sys, String name) throws InterruptedException {
        for (int i = 0; i < 6000; i++) {
            var pid = sys.whereis(name);
            if (pid.isPresent()) return pid.get();
            Thread.sleep(10);
        }
        throw new AssertionError(name + " was not (re)started within 60 s");
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void resumeContinuesFromTheLatestCheckpointWithCountersAndOptimizerState(@TempDir Path dir) throws Exception {
        CheckpointStore store = new CheckpointStore(dir, 3);
        TrainingConfig first = TrainingConfig.defaults(3, 30_000, 240).withWorkers(1, 1).withBatch(16, 8, 1);
        TrainingRun.Result a = new TrainingRun(policy(), first, GRID, null, store, MetricsSink.NONE, Map.of("scenario", "grid")).run(null);
        Checkpoint saved = store.latest().orElseThrow().checkpoint();
        assertEquals(a.finalParameters().version(), saved.snapshot().version());
        assertArrayEquals(a.finalParameters().adamV(), saved.snapshot().adamV());
        assertEquals(a.figures().frames(), saved.counter("frames"));
        assertEquals("grid", saved.metadata().get("scenario"));

        List<Long> firstRowFrames = Collections.synchronizedList(new ArrayList<>());
        TrainingRun resumed = new TrainingRun(policy(), first.withLimits(60_000, 240), GRID, saved, store,
                (v, f) -> firstRowFrames.add(v), Map.of("scenario", "grid"));
        assertEquals(saved.snapshot().version(), resumed.board().version(), "parameters and version come from the checkpoint");
        TrainingRun.Result b = resumed.run(null);
        assertTrue(firstRowFrames.get(0) > saved.snapshot().version(), "versions continue after the checkpoint");
        assertTrue(b.figures().frames() >= 60_000 && b.figures().episodes() > a.figures().episodes(), "counters continue");
        assertTrue(b.finalParameters().version() > a.finalParameters().version());
        assertEquals(b.finalParameters().version(), store.latest().orElseThrow().checkpoint().snapshot().version());
    }
}
