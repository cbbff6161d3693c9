package tsunami.tests;

import org.junit.jupiter.api.Test;
import tsunami.actor.ActorSystem;
import tsunami.actor.ChildSpec;
import tsunami.actor.ExitReason;
import tsunami.actor.Pid;
import tsunami.actor.SpawnOptions;
import tsunami.actor.Strategy;
import tsunami.actor.Supervisor;
import tsunami.actor.SupervisorSpec;
import tsunami.bots.arena.ArenaEnvConfig;
import tsunami.bots.arena.ArenaEnvFactory;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.scenario.ScenarioLoader;
import tsunami.env.EnvSpec;
import tsunami.env.FightStateEnv;
import tsunami.learn.InferenceServer;
import tsunami.learn.ParameterBoard;
import tsunami.learn.ParameterSnapshot;
import tsunami.learn.PolicyConfig;
import tsunami.learn.PolicyNetwork;
import tsunami.learn.Trajectory;
import tsunami.learn.TrajectoryQueue;
import tsunami.learn.TrajectorySource;
import tsunami.learn.TrainingMetrics;
import tsunami.model.RealTransitions;
import tsunami.model.SimulatorWorker;
import tsunami.model.TransitionStore;
import tsunami.model.WorldModel;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simulator workers against the real arena and a real inference server: their imagined segments
 * have the shapes, masks and tags of an env worker's, and a killed worker is restarted and goes on.
 */
class ImaginedSegmentsTest {
    @Test
    void imaginedSegmentsAreShapedLikeRealOnesAndAKilledWorkerComesBack() throws Exception {
        var registry = HeuristicRegistry.load();
        var config = ArenaEnvConfig.of(new ScenarioLoader().load("m5v5"), () -> registry.create("attack-move"));
        var factory = new ArenaEnvFactory(config);
        int branches = 4, horizon = 6;
        EnvSpec spec = factory.spec(branches);   // an env worker with 4 environments makes segments of this shape

        TransitionStore store = new TransitionStore(5000, 10, 10);
        WorldModel model;
        try (FightStateEnv env = (FightStateEnv) factory.create(4, 1)) {
            new RealTransitions(env, store, RealTransitions.randomLegal(1, 0.5, env.fightSpec().firstAttackAction()), 1).collect(200);
            model = new WorldModel(env.fightSpec(), spec.frameSkip(), new WorldModel.Settings(2, 32, 1e-3, 1));
        }
        for (int u = 0; u < 30; u++) {
            for (int m = 0; m < model.members(); m++) model.train(m, store.sample(64, new java.util.SplittableRandom(u * 7 + m)));
        }

        PolicyConfig policy = PolicyConfig.defaults(spec.observationSize(), spec.numActions());
        ParameterBoard board = new ParameterBoard(ParameterSnapshot.initial(PolicyNetwork.initialParams(policy, 3)));
        TrajectoryQueue queue = new TrajectoryQueue(8);
        var counters = new SimulatorWorker.Counters();
        try (ActorSystem system = ActorSystem.create("sim-test")) {
            system.spawn(new InferenceServer(policy, board, new TrainingMetrics(), 4096), SpawnOptions.defaults().named(InferenceServer.NAME));
            var worker = ChildSpec.worker(SimulatorWorker.name(0), new SimulatorWorker(0, model, store, factory, queue,
                    new SimulatorWorker.Config(branches, horizon, 16, Double.POSITIVE_INFINITY, 0, 5), counters, () -> 0L, () -> 30L));
            Pid sup = Supervisor.start(system, SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(worker)).named("simulators"));

            boolean creditedApart = false;
            for (Trajectory t : queue.take(3)) {
                assertEquals(TrajectorySource.SIMULATOR, t.source().kind());
                assertEquals(horizon, t.steps());
                assertEquals(spec.agents(), t.agents());
                assertEquals(spec.observationSize(), t.observationSize());
                assertEquals(spec.numActions(), t.numActions());
                assertEquals(0, t.frames(), "imagined segments add no real frames");
                assertTrue(t.finishedEpisodes().isEmpty(), "imagined episodes do not count as played");
                int n = t.agents(), a = t.numActions(), validSteps = 0;
                for (int s = 0; s <= t.steps(); s++) {
                    for (int i = 0; i < n; i++) {
                        int legal = 0;
                        for (int k = 0; k < a; k++) legal += t.masks()[(s * n + i) * a + k];
                        assertTrue(legal >= 1, "every agent has a legal action");
                    }
                }
                for (int k = 0; k < t.steps() * n; k++) {
                    int s = k / n, i = k % n;
                    assertEquals(1, t.masks()[(s * n + i) * a + t.actions()[k]], "the action taken was legal");
                    assertTrue(t.behaviourLogp()[k] <= 0f);
                    if (t.valid()[k] == 1) validSteps++;
                    assertTrue(t.continues()[k] == 0 || t.continues()[k] == 1);
                }
                assertTrue(validSteps > 0);
                assertTrue(t.policyVersions()[0] >= 0);
                // m5v5 credits units: an imagined step rewards the agents whose targets lost hit points
                int per = config.scenario().unitCount(0);
                for (int k = 0; k < t.steps() * n; k += per) {
                    for (int j = 1; j < per; j++) creditedApart |= t.rewards()[k + j] != t.rewards()[k];
                }
            }
            assertTrue(creditedApart, "imagined rewards follow the scenario's unit credit, not one team reward for all");
            assertTrue(counters.frames.get() > 0);

            Pid first = Supervisor.whichChildren(system, sup).get(0).pid();
            system.exit(first, ExitReason.KILL);
            long segments = counters.segments.get();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (counters.starts.get() < 2 && System.nanoTime() < deadline) {
                queue.take(1);
                Thread.sleep(5);
            }
            assertEquals(2, counters.starts.get(), "the killed simulator worker was restarted");
            queue.take(2);
            assertTrue(counters.segments.get() >= segments + 1, "imagined segments keep coming after the restart");
        }
    }
}
