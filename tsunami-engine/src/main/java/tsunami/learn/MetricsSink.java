package tsunami.learn;

/** Receives a metrics row every few parameter versions (a CSV file, a test's list, a dashboard). */
@FunctionalInterface
public interface MetricsSink {
    void row(long version, TrainingMetrics.Snapshot figures);

    MetricsSink NONE = (v, f) -> {
    };
}
