package tsunami.learn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.actor.Behavior;
import tsunami.actor.ProcessContext;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checkpointer process: every period it saves the latest published parameters (with their
 * optimizer state) and the run's counters, and keeps the best one as {@code best.tsck}: by the
 * greedy win rate of a short evaluation when the run has a {@link BestJudge}, else by the recent
 * training win rate. Writing happens here, off the learners' path.
 */
public final class Checkpointer implements Behavior {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    /** Episodes the recent win rate must cover before a checkpoint can count as best. */
    static final int MIN_EPISODES_FOR_BEST = 50;
    private static final Object TICK = "checkpoint-tick";

    private final CheckpointPolicy policy;
    private final Duration period;

    public Checkpointer(CheckpointPolicy policy, Duration period) {
        this.policy = policy;
        this.period = period;
    }

    @Override
    public void run(ProcessContext self) {
        self.label("checkpointer");
        self.sendInterval(self.self(), TICK, period);
        while (true) {
            self.receive(m -> m == TICK);
            policy.save();
        }
    }

    /**
     * Plays a parameter vector greedily for a few games and returns its win rate. Why not the
     * training win rate: that is the sampled policy's, and the two can disagree completely (a
     * checkpoint whose greedy play is only ever no-op can top the sampled curve).
     */
    @FunctionalInterface
    public interface BestJudge {
        double greedyWinRate(float[] params);
    }

    /** Metadata keys of the score that made a checkpoint the best. */
    static final String BEST_WIN_RATE = "best_win_rate", BEST_GREEDY_WIN_RATE = "best_greedy_win_rate";

    /** What to save and where; shared by the process and the end of the run. */
    public static final class CheckpointPolicy {
        private final CheckpointStore store;
        private final PolicyConfig config;
        private final ParameterFeed parameters;
        private final TrainingMetrics metrics;
        private final Map<String, String> metadata;
        private double bestWinRate;
        private long lastSavedVersion = -1;
        private BestJudge judge;
        private long lastJudgedVersion = -1;

        private final ValueNormalizer valueNorm;

        public CheckpointPolicy(CheckpointStore store, PolicyConfig config, ParameterFeed parameters, TrainingMetrics metrics,
                                Map<String, String> metadata) {
            this(store, config, parameters, metrics, metadata, null);
        }

        /** @param valueNorm the run's value normalisation, saved with every checkpoint; null when the run has none */
        public CheckpointPolicy(CheckpointStore store, PolicyConfig config, ParameterFeed parameters, TrainingMetrics metrics,
                                Map<String, String> metadata, ValueNormalizer valueNorm) {
            this.valueNorm = valueNorm;
            this.store = store;
            this.config = config;
            this.parameters = parameters;
            this.metrics = metrics;
            this.metadata = metadata;
            bestWinRate = savedBest(BEST_WIN_RATE);
        }

        /** The score of the run's saved best checkpoint under {@code key}; -1 when there is none (or it was judged otherwise). */
        private double savedBest(String key) {
            return store.bestOrLatest()
                    .filter(l -> l.path().getFileName().toString().equals(CheckpointStore.BEST))
                    .map(l -> Double.parseDouble(l.checkpoint().metadata().getOrDefault(key, "-1")))
                    .orElse(-1.0);
        }

        /** From now on the best checkpoint is the one {@code judge} scores highest (call before the run starts). */
        public synchronized void judgeBestBy(BestJudge judge) {
            this.judge = judge;
            bestWinRate = savedBest(BEST_GREEDY_WIN_RATE);
        }

        /** Saves a periodic checkpoint if the version moved, and the best one if the recent win rate improved. */
        public synchronized void save() {
            ParameterSnapshot snap = parameters.latest();
            TrainingMetrics.Snapshot m = metrics.snapshot(false);
            Map<String, Long> counters = metrics.counters();
            Map<String, String> metadata = new LinkedHashMap<>(this.metadata);
            if (valueNorm != null) metadata.putAll(valueNorm.toMetadata());
            if (snap.version() != lastSavedVersion) {
                store.savePeriodic(new Checkpoint(config, snap, counters, metadata));
                lastSavedVersion = snap.version();
            }
            String key;
            double score;
            if (judge != null) {
                if (snap.version() == lastJudgedVersion) return;
                lastJudgedVersion = snap.version();
                key = BEST_GREEDY_WIN_RATE;
                score = judge.greedyWinRate(snap.params());
            } else {
                if (m.recentEpisodes() < MIN_EPISODES_FOR_BEST) return;
                key = BEST_WIN_RATE;
                score = m.winRate();
            }
            if (score > bestWinRate) {
                bestWinRate = score;
                Map<String, String> meta = new LinkedHashMap<>(metadata);
                meta.put(key, Double.toString(score));
                store.saveBest(new Checkpoint(config, snap, counters, meta));
                log.debug("new best checkpoint at version {}: {} {}", snap.version(), key, score);
            }
        }

        public double bestWinRate() {
            return bestWinRate;
        }
    }
}
