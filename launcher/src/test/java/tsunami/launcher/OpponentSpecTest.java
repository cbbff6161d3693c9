package tsunami.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tsunami.BadInputException;
import tsunami.bots.arena.Arena;
import tsunami.bots.arena.ArenaEnvConfig;
import tsunami.bots.arena.ArenaVectorEnv;
import tsunami.bots.arena.ObservationLayout;
import tsunami.bots.arena.OpponentPool;
import tsunami.bots.arena.PolicyOpponent;
import tsunami.bots.heuristic.Heuristic;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.scenario.ScenarioLoader;
import tsunami.env.StepBatch;
import tsunami.learn.Checkpoint;
import tsunami.learn.CheckpointStore;
import tsunami.learn.ParameterSnapshot;
import tsunami.learn.PolicyConfig;
import tsunami.learn.PolicyNetwork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpponentSpecTest {
    private final HeuristicRegistry registry = HeuristicRegistry.load();
    private final ArenaEnvConfig m5v5 = ArenaEnvConfig.of(new ScenarioLoader().load("m5v5"), null);

    @Test
    void parsesMembersWeightsAndPaths() {
        OpponentSpec s = OpponentSpec.parse("attack-move:0.5, attack-closest:0.25,policy:runs/x:0.25,league,policy-sampled:runs/y");
        assertEquals(5, s.members().size());
        assertEquals(new OpponentSpec.Member(OpponentSpec.Kind.HEURISTIC, "attack-move", 0.5, "attack-move:0.5"), s.members().get(0));
        assertEquals(new OpponentSpec.Member(OpponentSpec.Kind.POLICY, "runs/x", 0.25, "policy:runs/x:0.25"), s.members().get(2));
        assertEquals(new OpponentSpec.Member(OpponentSpec.Kind.LEAGUE, "", 1, "league"), s.members().get(3));
        assertEquals(new OpponentSpec.Member(OpponentSpec.Kind.POLICY_SAMPLED, "runs/y", 1, "policy-sampled:runs/y"), s.members().get(4));
        assertTrue(s.usesLeague());
        // a run called 5 is a path, not a weight
        assertEquals(new OpponentSpec.Member(OpponentSpec.Kind.POLICY, "5", 1, "policy:5"), OpponentSpec.parse("policy:5").members().get(0));
    }

    @Test
    void badSpecsAreRefusedNamingTheSpecAndTheMember(@TempDir Path dir) throws Exception {
        for (String[] bad : new String[][]{
                {"attack-move:0", "must be a positive number"},
                {"attack-move:-2", "must be a positive number"},
                {"attack-move:1e999", "must be a positive number"},
                {"attack-move,,kiting", "empty member"},
                {"", "empty"},
                {"policy:", "names no checkpoint"},
                {"nobody:0.5", "unknown heuristic 'nobody'"},
                {"attack-move,policy:" + dir.resolve("absent"), "no such run"},
                {"league", "no run here"},
                {"policy:" + Files.createDirectories(dir.resolve("unsaved").resolve("checkpoints")).getParent(), "no intact checkpoint in "},
                {"policy:" + Files.writeString(dir.resolve("notes.txt"), "not a checkpoint"), "notes.txt"}}) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> OpponentSpec.parse(bad[0]).supplier(m5v5, registry, null, 1), bad[0]);
            assertTrue(e.getMessage().contains(bad[1]) && e.getMessage().contains("--opponent"), bad[0] + ": " + e.getMessage());
            assertFalse(e.getMessage().contains("--checkpoint"), "names the flag given, not eval's: " + e.getMessage());
        }
        // a checkpoint whose network does not fit the other side of the scenario
        Path other = dir.resolve("other.tsck");
        PolicyConfig small = PolicyConfig.defaults(10, 4).withHidden(8);
        CheckpointStore.write(other, new Checkpoint(small, ParameterSnapshot.initial(PolicyNetwork.initialParams(small, 1)), Map.of(), Map.of()));
        BadInputException e = assertThrows(BadInputException.class,
                () -> OpponentSpec.parse("policy:" + other).supplier(m5v5, registry, null, 1));
        assertTrue(e.getMessage().contains("cannot play the other side") && e.getMessage().contains("policy:" + other), e.getMessage());
    }

    @Test
    void sharesSayWhatRelativeWeightsComeTo() {
        assertEquals("attack-move 50%, league 25%, policy:runs/x 25%", OpponentSpec.parse("attack-move:2,league:1,policy:runs/x:1").shares());
        assertEquals("kiting 33%, guard 67%", OpponentSpec.parse("kiting:0.1,guard:0.2").shares());
    }

    @Test
    void aPoolMakesOnePoolPerEnvironmentAndASingleMemberIsItself() {
        Heuristic single = OpponentSpec.parse("kiting").supplier(m5v5, registry, null, 1).get();
        assertEquals("kiting", single.name());
        var supplier = OpponentSpec.parse("kiting:3,guard").supplier(m5v5, registry, null, 1);
        Heuristic a = supplier.get(), b = supplier.get();
        assertInstanceOf(OpponentPool.class, a);
        assertTrue(a != b, "each environment gets its own pool");
    }

    /** A checkpoint whose policy moves east (move direction 0) almost always. */
    private static Path eastboundCheckpoint(Path file, PolicyConfig config, long version) {
        double[] prior = new double[config.numActions()];
        java.util.Arrays.fill(prior, 0.001 / (prior.length - 1));
        prior[ObservationLayout.move(0)] = 0.999;
        float[] params = PolicyNetwork.initialParams(config, 3, prior);
        Checkpoint c = new Checkpoint(config, new ParameterSnapshot(version, params, new float[params.length], new float[params.length], 0),
                Map.of(), Map.of("scenario", "m5v5"));
        CheckpointStore.write(file, c);
        return file;
    }

    @Test
    void aSavedPolicyPlaysTheOtherSide(@TempDir Path dir) {
        ObservationLayout layout = m5v5.layout();
        PolicyConfig config = PolicyConfig.defaults(layout.size(), layout.numActions());
        Path ckpt = eastboundCheckpoint(dir.resolve("east.tsck"), config, 9);
        ArenaEnvConfig env = m5v5.withOpponent(OpponentSpec.parse("policy:" + ckpt).supplier(m5v5, registry, null, 1));
        try (ArenaVectorEnv vec = new ArenaVectorEnv(env, 1)) {
            StepBatch out = new StepBatch(vec.spec());
            vec.reset(1, out);
            Arena game = vec.arena(0);
            int first = game.firstUnit(1);
            float[] x0 = new float[5];
            for (int i = 0; i < 5; i++) x0[i] = game.positionX(first + i);
            int[] noOps = new int[vec.spec().agents()];
            for (int step = 0; step < 6; step++) vec.step(noOps, out);
            for (int i = 0; i < 5; i++) {
                assertTrue(game.positionX(first + i) > x0[i] + 30, "blue unit " + i + " moved east under the policy: " + x0[i] + " -> "
                        + game.positionX(first + i));
            }
        }
    }

    /** 3 Marines against 4, 400 px apart (out of range): the two sides' observations differ in shape. */
    private static ArenaEnvConfig uneven(Path dir) throws Exception {
        Path yaml = dir.resolve("3v4.yaml");
        Files.writeString(yaml, """
                name: 3v4
                description: 3 Marines against 4
                map: {width: 1024, height: 768}
                time_limit_frames: 1440
                decision_interval: 8
                jitter: 0
                red:
                  - {type: Terran_Marine, count: 3, x: 300, y: 384, formation: line, spacing: 24}
                blue:
                  - {type: Terran_Marine, count: 4, x: 700, y: 384, formation: line, spacing: 24}
                reward: {damage_dealt: 1.0, damage_taken: 0.0, kill: 0.0, death: 0.0, win: 1.0, loss: 0.0}
                """);
        return ArenaEnvConfig.of(new ScenarioLoader().load(yaml.toString()), null);
    }

    /** The opponent's (blue) units' x after a few decisions in which our units keep their orders. */
    private static float[][] blueXBeforeAndAfter(ArenaEnvConfig env, int steps) {
        try (ArenaVectorEnv vec = new ArenaVectorEnv(env, 1)) {
            StepBatch out = new StepBatch(vec.spec());
            vec.reset(1, out);
            Arena game = vec.arena(0);
            int first = game.firstUnit(1), n = env.scenario().unitCount(1);
            float[][] x = new float[2][n];
            for (int i = 0; i < n; i++) x[0][i] = game.positionX(first + i);
            int[] noOps = new int[vec.spec().agents()];
            for (int step = 0; step < steps; step++) vec.step(noOps, out);
            for (int i = 0; i < n; i++) x[1][i] = game.positionX(first + i);
            return x;
        }
    }

    @Test
    void anEntityCheckpointPlaysTheOtherSideOfAnUnevenScenarioWhereAnMlpCannot(@TempDir Path dir) throws Exception {
        ArenaEnvConfig env = uneven(dir);
        ObservationLayout ours = env.layout(), theirs = PolicyOpponent.layoutOfSide(env, 1);
        assertTrue(ours.size() != theirs.size(), "the sides differ in shape");
        // trained on our side (red: 2 allies, 4 enemies), played on blue (3 allies, 3 enemies)
        PolicyConfig entity = PolicyConfig.defaults(ours.size(), ours.numActions()).withHidden(16).withEntities(ours.entityLayout());
        Path ckpt = eastboundCheckpoint(dir.resolve("entity.tsck"), entity, 5);
        float[][] x = blueXBeforeAndAfter(env.withOpponent(OpponentSpec.parse("policy:" + ckpt).supplier(env, registry, null, 1)), 6);
        for (int i = 0; i < x[0].length; i++) assertTrue(x[1][i] > x[0][i] + 30, "blue unit " + i + " moved east: " + x[0][i] + " -> " + x[1][i]);

        PolicyConfig mlp = PolicyConfig.defaults(ours.size(), ours.numActions()).withHidden(16);
        Path mlpCkpt = eastboundCheckpoint(dir.resolve("mlp.tsck"), mlp, 5);
        BadInputException e = assertThrows(BadInputException.class, () -> OpponentSpec.parse("policy:" + mlpCkpt).supplier(env, registry, null, 1));
        assertTrue(e.getMessage().contains("cannot play the other side") && e.getMessage().contains("--network entity"), e.getMessage());
    }

    @Test
    void anMlpLeagueOnAnUnevenScenarioIsRefusedBeforeTheRunStarts(@TempDir Path dir) throws Exception {
        uneven(dir);
        Path run = dir.resolve("run");
        TrainCommandTest.Outcome o = TrainCommandTest.monkey("train", "--scenario", dir.resolve("3v4.yaml").toString(), "--frames", "1000",
                "--env-workers", "1", "--opponent", "attack-move,league", "--run-dir", run.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--opponent attack-move,league: the league's policies") && o.err().contains("--network entity"), o.err());
        assertTrue(Files.notExists(run), "no run directory for a refused league");
    }

    @Test
    void anEntityLeaguePlaysTheRunsCheckpoints(@TempDir Path dir) {
        ObservationLayout layout = m5v5.layout();
        PolicyConfig config = PolicyConfig.defaults(layout.size(), layout.numActions()).withHidden(16).withEntities(layout.entityLayout());
        Path checkpoints = dir.resolve("checkpoints");
        CheckpointLeague league = new CheckpointLeague(checkpoints, false, 5, 0);
        eastboundCheckpoint(dir.resolve("a.tsck"), config, 40);
        new CheckpointStore(checkpoints, 5).savePeriodic(CheckpointStore.read(dir.resolve("a.tsck")));
        float[][] x = blueXBeforeAndAfter(m5v5.withOpponent(OpponentSpec.parse("league").supplier(m5v5, registry, league, 1)), 6);
        assertEquals(List.of(40L), league.versions(), "the league took the run's checkpoint");
        for (int i = 0; i < x[0].length; i++) assertTrue(x[1][i] > x[0][i] + 30, "blue unit " + i + " moved east: " + x[0][i] + " -> " + x[1][i]);
    }

    @Test
    void aSavedPolicyAttacksAsItWasTrainedTo(@TempDir Path dir) throws Exception {
        ArenaEnvConfig env = uneven(dir);
        ObservationLayout ours = env.layout();
        for (boolean inRange : new boolean[]{false, true}) {
            // a policy that attacks almost always; no enemy is in range at the start
            PolicyConfig config = PolicyConfig.defaults(ours.size(), ours.numActions()).withHidden(16).withEntities(ours.entityLayout());
            double[] prior = ObservationLayout.actionPrior(config.numActions(), 0.0005, 0.999);
            float[] params = PolicyNetwork.initialParams(config, 3, prior);
            Path file = dir.resolve("attacker-" + inRange + ".tsck");
            CheckpointStore.write(file, new Checkpoint(config, ParameterSnapshot.initial(params), Map.of(),
                    Map.of(ArenaSetup.ATTACKS_KEY, inRange ? ArenaSetup.ATTACKS_IN_RANGE : ArenaSetup.ATTACKS_ANY)));
            try (ArenaVectorEnv vec = new ArenaVectorEnv(env.withOpponent(OpponentSpec.parse("policy:" + file).supplier(env, registry, null, 1)), 1)) {
                StepBatch out = new StepBatch(vec.spec());
                vec.reset(1, out);
                vec.step(new int[vec.spec().agents()], out);
                Arena game = vec.arena(0);
                int targeting = 0;
                for (int u = game.firstUnit(1); u < game.firstUnit(1) + 4; u++) if (game.getTarget(u) >= 0) targeting++;
                if (inRange) assertEquals(0, targeting, "trained with in-range attacks: no order on an enemy out of range");
                else assertEquals(4, targeting, "trained with any attack: every unit orders one");
            }
        }
    }

    @Test
    void theLeagueHandsOutTheRunsCheckpointsAsTheyAppear(@TempDir Path dir) {
        ObservationLayout layout = m5v5.layout();
        PolicyConfig config = PolicyConfig.defaults(layout.size(), layout.numActions()).withHidden(16);
        Path checkpoints = dir.resolve("checkpoints");
        CheckpointLeague league = new CheckpointLeague(checkpoints, false, 5, 0);
        assertEquals(null, league.next(), "nothing to play before the run starts");
        float[] start = PolicyNetwork.initialParams(config, 1);
        league.startWith(config, start, 0);
        CheckpointStore store = new CheckpointStore(checkpoints, 5);
        eastboundCheckpoint(dir.resolve("a.tsck"), config, 40);
        store.savePeriodic(CheckpointStore.read(dir.resolve("a.tsck")));
        // the first draw scans: the newest checkpoint joins the start
        PolicyOpponent.Policy p = league.next();
        assertEquals(List.of(0L, 40L), league.versions());
        assertTrue(p.params().length == config.numParams());
        // every member is drawn in time
        java.util.Set<Float> seen = new java.util.HashSet<>();
        int bias = config.layout().biasOf("wp").offset() + ObservationLayout.move(0);
        for (int i = 0; i < 200; i++) seen.add(league.next().params()[bias]);
        assertEquals(2, seen.size(), "both the start and the checkpoint play");
        // and the league plays in a pool
        var supplier = OpponentSpec.parse("attack-move,league").supplier(m5v5, registry, league, 3);
        assertInstanceOf(OpponentPool.class, supplier.get());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aPoolIsRecordedKeptOnResumeAndSelfPlayTrains(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first");
        TrainCommandTest.Outcome a = TrainCommandTest.monkey("train", "--scenario", "m5v5", "--frames", "3000", "--env-workers", "1",
                "--envs-per-worker", "4", "--run-dir", first.toString());
        assertEquals(0, a.code(), a.err());
        String pool = "attack-move:2,policy:" + first + ":1,league:1";
        Path run = dir.resolve("pool");
        TrainCommandTest.Outcome b = TrainCommandTest.monkey("train", "--scenario", "m5v5", "--frames", "3000", "--env-workers", "1",
                "--envs-per-worker", "4", "--opponent", pool, "--run-dir", run.toString());
        assertEquals(0, b.code(), b.err());
        assertEquals(pool, TrainCommandTest.runProperties(run).getProperty("opponent"));
        TrainCommandTest.Outcome kept = TrainCommandTest.monkey("train", "--run-dir", run.toString(), "--resume", "--frames", "6000");
        assertEquals(0, kept.code(), kept.err());
        assertEquals(pool, TrainCommandTest.runProperties(run).getProperty("opponent"));
        TrainCommandTest.Outcome changed = TrainCommandTest.monkey("train", "--run-dir", run.toString(), "--resume", "--frames", "9000",
                "--opponent", "attack-move");
        assertEquals(2, changed.code());
        assertTrue(changed.err().contains("--opponent " + pool), changed.err());
        assertTrue(Files.exists(run.resolve("checkpoints")));
    }
}
