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
 * optimizer state) and the run's counters, and keeps the one with the best recent training win
 * rate as {@code best.tsck}. Writing happens here, off the learners' path.
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

    /** What to save and where; shared by the process and the end of the run. */
    public static final class CheckpointPolicy {
        private final CheckpointStore store;
        private final PolicyConfig config;
        private final ParameterFeed parameters;
        private final TrainingMetrics metrics;
        private final Map<String, String> metadata;
        private double bestWinRate;
        private long lastSavedVersion = -1;

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
            bestWinRate = store.bestOrLatest()
                    .filter(l -> l.path().getFileName().toString().equals(CheckpointStore.BEST))
                    .map(l -> Double.parseDouble(l.checkpoint().metadata().getOrDefault("best_win_rate", "-1")))
                    .orElse(-1.0);
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
            if (m.recentEpisodes() >= MIN_EPISODES_FOR_BEST && m.winRate() > bestWinRate) {
                bestWinRate = m.winRate();
                Map<String, String> meta = new LinkedHashMap<>(metadata);
                meta.put("best_win_rate", Double.toString(bestWinRate));
                store.saveBest(new Checkpoint(config, snap, counters, meta));
                log.debug("new best checkpoint at version {}: recent win rate {}", snap.version(), bestWinRate);
            }
        }

        public double bestWinRate() {
            return bestWinRate;
        }
    }
}
