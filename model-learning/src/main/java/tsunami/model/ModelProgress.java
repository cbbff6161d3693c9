package tsunami.model;

import java.util.concurrent.CompletableFuture;

/**
 * What the model trainer has done so far, shared with whoever watches it (and kept across the
 * trainer's restarts, as it lives outside the process): updates, samples, time in training
 * steps, how many times the trainer started, and the latest held-out errors.
 */
public final class ModelProgress {
    private long updates, samples, unitRows, starts;
    private double trainSeconds;
    private ModelEvaluation.Errors heldOut;
    private final CompletableFuture<String> finished = new CompletableFuture<>();

    synchronized void started() {
        starts++;
    }

    synchronized long update(int transitions, int rows, double seconds) {
        samples += transitions;
        unitRows += rows;
        trainSeconds += seconds;
        return ++updates;
    }

    synchronized void heldOut(ModelEvaluation.Errors e) {
        heldOut = e;
    }

    void finish(String why) {
        finished.complete(why);
    }

    public CompletableFuture<String> finished() {
        return finished;
    }

    public synchronized long updates() {
        return updates;
    }

    /** Transitions trained on, summed over the ensemble's members. */
    public synchronized long samples() {
        return samples;
    }

    public synchronized long unitRows() {
        return unitRows;
    }

    /** Times the trainer process started (1 + its restarts). */
    public synchronized long starts() {
        return starts;
    }

    /** Seconds spent in training steps (sampling, features and DL4J fitting). */
    public synchronized double trainSeconds() {
        return trainSeconds;
    }

    /** The latest held-out errors, or null before the first evaluation. */
    public synchronized ModelEvaluation.Errors heldOut() {
        return heldOut;
    }
}
