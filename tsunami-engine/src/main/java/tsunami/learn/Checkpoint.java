package tsunami.learn;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything needed to continue training or to play: the network's shape and hyper-parameters,
 * a parameter snapshot with its optimizer state, the run's counters (frames, episodes, ...) and
 * free-form metadata (scenario, opponent, seed). Stored by {@link CheckpointStore}.
 */
public record Checkpoint(PolicyConfig config, ParameterSnapshot snapshot, Map<String, Long> counters,
                         Map<String, String> metadata) {
    public Checkpoint {
        if (snapshot.params().length != config.numParams()) {
            throw new IllegalArgumentException("checkpoint holds " + snapshot.params().length + " parameters; its config needs " + config.numParams());
        }
        counters = new TreeMap<>(counters);
        metadata = new TreeMap<>(metadata);
    }

    public long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }
}
