package tsunami.model;

import tsunami.actor.ActorSystem;
import tsunami.actor.ChildSpec;
import tsunami.actor.ExitReason;
import tsunami.actor.Pid;
import tsunami.actor.Restart;
import tsunami.actor.Strategy;
import tsunami.actor.Supervisor;
import tsunami.actor.SupervisorSpec;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link ModelTrainer} under a supervisor in its own actor system: if the trainer crashes
 * or is killed it is started again (up to 10 times a minute) and goes on from the shared model and
 * store; it stays down once it has finished its updates. Close to stop it.
 */
public final class ModelTraining implements AutoCloseable {
    private final ActorSystem system;
    private final Pid supervisor;
    private final ModelProgress progress;

    public ModelTraining(WorldModel model, TransitionStore store, ModelTrainer.Config config) {
        progress = new ModelProgress();
        system = ActorSystem.create("model");
        ChildSpec trainer = ChildSpec.worker(ModelTrainer.NAME, new ModelTrainer(model, store, progress, config))
                .withRestart(Restart.TRANSIENT);
        supervisor = Supervisor.start(system, SupervisorSpec.of(Strategy.ONE_FOR_ONE, java.util.List.of(trainer))
                .withIntensity(10, Duration.ofSeconds(60)).named("model-learning"));
    }

    public ModelProgress progress() {
        return progress;
    }

    public ActorSystem system() {
        return system;
    }

    /** The trainer process now running, if any. */
    public Optional<Pid> trainer() {
        return Supervisor.whichChildren(system, supervisor).stream()
                .filter(c -> c.id().equals(ModelTrainer.NAME) && c.pid() != null)
                .map(c -> c.pid()).findFirst();
    }

    /** Waits until the trainer has finished its updates; throws if the supervisor gave up on it. */
    public void awaitFinished(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!progress.finished().isDone()) {
            if (!system.isAlive(supervisor)) throw new IllegalStateException("model trainer's supervisor gave up (too many restarts)");
            if (System.nanoTime() > deadline) throw new IllegalStateException("model training did not finish within " + timeout);
            try {
                progress.finished().get(200, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException ignored) {
                // check again
            }
        }
    }

    @Override
    public void close() {
        system.exit(supervisor, ExitReason.SHUTDOWN);
        try {
            system.exitFuture(supervisor).get(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // shutting down anyway
        }
        system.shutdown();
    }
}
