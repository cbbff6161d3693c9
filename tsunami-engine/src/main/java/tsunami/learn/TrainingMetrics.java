package tsunami.learn;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The run's figures. Learning-side counters (frames, samples, episodes, wins, losses) are added by
 * learners from the segments they consume, so with one env worker and one learner in lock-step
 * they are identical from run to run; live figures (frames simulated, inference timing) are added
 * by the workers as they happen and are for the progress display only. Thread-safe.
 */
public final class TrainingMetrics {
    /** Episodes behind the recent win rate and mean return (the learning curve's label names it). */
    public static final int EPISODE_WINDOW = 200;
    private static final int LAG_WINDOW = 512;

    private long frames, agentSteps, episodes, wins, losses, draws, segments;
    private final ArrayDeque<EpisodeResult> recent = new ArrayDeque<>();
    private final long[] lags = new long[LAG_WINDOW];
    private int lagCount, lagNext;
    // loss terms summed since the last metrics row
    private double sumPolicyLoss, sumValueLoss, sumEntropy, sumGradNorm, sumTeacherLoss, sumDefaultProb, sumDefaultTaken;
    private int lossCount;
    private double lastPolicyLoss, lastValueLoss, lastEntropy, lastGradNorm, lastTeacherLoss, lastDefaultProb, lastDefaultTaken;
    private long rejectedUpdates;
    private final Map<String, Long> updatesByLearner = new java.util.TreeMap<>();

    private final AtomicLong framesSimulated = new AtomicLong();
    private final AtomicLong inferenceCalls = new AtomicLong();
    private final AtomicLong inferenceAgents = new AtomicLong();
    private final AtomicLong inferenceNanos = new AtomicLong();
    private final AtomicLong workerRestarts = new AtomicLong();
    private final long[] inferenceWindow = new long[1024];
    private int inferenceCount, inferenceNext;

    /** Restores learning-side counters from a checkpoint's counters. */
    public synchronized void restore(Map<String, Long> c) {
        frames = c.getOrDefault("frames", 0L);
        agentSteps = c.getOrDefault("agent_steps", 0L);
        episodes = c.getOrDefault("episodes", 0L);
        wins = c.getOrDefault("wins", 0L);
        losses = c.getOrDefault("losses", 0L);
        draws = c.getOrDefault("draws", 0L);
        segments = c.getOrDefault("segments", 0L);
    }

    /** Game frames learned from so far (the "frames" counter). */
    public synchronized long framesLearned() {
        return frames;
    }

    /** Learning-side counters, as saved in checkpoints. */
    public synchronized Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("frames", frames);
        m.put("agent_steps", agentSteps);
        m.put("episodes", episodes);
        m.put("wins", wins);
        m.put("losses", losses);
        m.put("draws", draws);
        m.put("segments", segments);
        return m;
    }

    /** The parameter server applied a gradient learned from {@code t}. */
    public synchronized void recordSegment(GradientUpdate.SegmentSummary t) {
        frames += t.frames();
        agentSteps += t.samples();
        segments++;
        for (EpisodeResult e : t.episodes()) {
            episodes++;
            switch (e.outcome()) {
                case tsunami.env.StepBatch.OUTCOME_WIN -> wins++;
                case tsunami.env.StepBatch.OUTCOME_LOSS -> losses++;
                default -> draws++;
            }
            recent.addLast(e);
            if (recent.size() > EPISODE_WINDOW) recent.removeFirst();
        }
    }

    public synchronized void recordLag(long lag) {
        lags[lagNext] = lag;
        lagNext = (lagNext + 1) % LAG_WINDOW;
        lagCount = Math.min(lagCount + 1, LAG_WINDOW);
    }

    public synchronized void recordLoss(PolicyNetwork.LossStats s) {
        sumPolicyLoss += s.policyLoss();
        sumValueLoss += s.valueLoss();
        sumEntropy += s.entropy();
        sumGradNorm += s.gradNorm();
        sumTeacherLoss += s.teacherLoss();
        sumDefaultProb += s.defaultActionProb();
        sumDefaultTaken += s.defaultActionTaken();
        lossCount++;
        lastPolicyLoss = s.policyLoss();
        lastValueLoss = s.valueLoss();
        lastEntropy = s.entropy();
        lastGradNorm = s.gradNorm();
        lastTeacherLoss = s.teacherLoss();
        lastDefaultProb = s.defaultActionProb();
        lastDefaultTaken = s.defaultActionTaken();
    }

    public synchronized void recordUpdateFrom(String learner) {
        updatesByLearner.merge(learner, 1L, Long::sum);
    }

    /** Gradient updates applied, per learner name. */
    public synchronized Map<String, Long> updatesByLearner() {
        return new java.util.TreeMap<>(updatesByLearner);
    }

    public synchronized void recordRejectedUpdate() {
        rejectedUpdates++;
    }

    public void addFramesSimulated(long n) {
        framesSimulated.addAndGet(n);
    }

    public void recordInference(int agents, long nanos) {
        synchronized (inferenceWindow) {
            inferenceWindow[inferenceNext] = nanos;
            inferenceNext = (inferenceNext + 1) % inferenceWindow.length;
            inferenceCount = Math.min(inferenceCount + 1, inferenceWindow.length);
        }
        inferenceCalls.incrementAndGet();
        inferenceAgents.addAndGet(agents);
        inferenceNanos.addAndGet(nanos);
    }

    /** Median time of the last 1,024 inference network calls, in milliseconds. */
    public double inferenceMedianMs() {
        long[] w;
        synchronized (inferenceWindow) {
            w = Arrays.copyOf(inferenceWindow, inferenceCount);
        }
        if (w.length == 0) return 0;
        Arrays.sort(w);
        return w[w.length / 2] / 1e6;
    }

    public void recordWorkerRestart() {
        workerRestarts.incrementAndGet();
    }

    /** A consistent view of every figure; {@code takeLossMeans} resets the loss sums (one metrics row). */
    public synchronized Snapshot snapshot(boolean takeLossMeans) {
        long recentWins = recent.stream().filter(EpisodeResult::won).count();
        double winRate = recent.isEmpty() ? 0 : (double) recentWins / recent.size();
        double meanReturn = recent.stream().mapToDouble(EpisodeResult::teamReturn).average().orElse(0);
        long[] l = Arrays.copyOf(lags, lagCount);
        Arrays.sort(l);
        double lagMedian = l.length == 0 ? 0 : (l.length % 2 == 1 ? l[l.length / 2] : (l[l.length / 2 - 1] + l[l.length / 2]) / 2.0);
        double pl = lossCount == 0 ? lastPolicyLoss : sumPolicyLoss / lossCount;
        double vl = lossCount == 0 ? lastValueLoss : sumValueLoss / lossCount;
        double en = lossCount == 0 ? lastEntropy : sumEntropy / lossCount;
        double gn = lossCount == 0 ? lastGradNorm : sumGradNorm / lossCount;
        double tl = lossCount == 0 ? lastTeacherLoss : sumTeacherLoss / lossCount;
        double dp = lossCount == 0 ? lastDefaultProb : sumDefaultProb / lossCount;
        double dt = lossCount == 0 ? lastDefaultTaken : sumDefaultTaken / lossCount;
        if (takeLossMeans) {
            sumPolicyLoss = sumValueLoss = sumEntropy = sumGradNorm = sumTeacherLoss = sumDefaultProb = sumDefaultTaken = 0;
            lossCount = 0;
        }
        long calls = inferenceCalls.get();
        return new Snapshot(frames, agentSteps, episodes, wins, losses, draws, segments, recent.size(), winRate, meanReturn,
                lagMedian, pl, vl, en, gn, tl, dp, dt, rejectedUpdates, framesSimulated.get(),
                calls == 0 ? 0 : inferenceNanos.get() / 1e6 / calls, calls == 0 ? 0 : (double) inferenceAgents.get() / calls,
                workerRestarts.get());
    }

    /**
     * Figures at one moment. {@code winRate} and {@code meanReturn} cover the last {@code recentEpisodes} episodes;
     * {@code defaultActionProb} and {@code defaultActionTaken} are the learned policy's mean probability of
     * action 0 and the share of steps that took it, over the batches since the last row.
     */
    public record Snapshot(long frames, long agentSteps, long episodes, long wins, long losses, long draws, long segments,
                           int recentEpisodes, double winRate, double meanReturn, double policyLagMedian,
                           double policyLoss, double valueLoss, double entropy, double gradNorm, double teacherLoss,
                           double defaultActionProb, double defaultActionTaken,
                           long rejectedUpdates,
                           long framesSimulated, double inferenceBatchMs, double inferenceBatchAgents, long workerRestarts) {
    }
}
