package tsunami.bots.arena;

import org.junit.jupiter.api.Test;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.scenario.RewardSettings;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;
import tsunami.env.EnvSpec;
import tsunami.env.StepBatch;
import tsunami.env.VectorEnv;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class ArenaVectorEnvTest {
    private final HeuristicRegistry registry = HeuristicRegistry.load();
    private final Scenario m5v5 = new ScenarioLoader().load("m5v5");

    private ArenaEnvFactory factory(String opponent) {
        return new ArenaEnvFactory(ArenaEnvConfig.of(m5v5, () -> registry.create(opponent)));
    }

    @Test
    void specAndShapes() {
        ArenaEnvFactory f = factory("attack-move");
        try (VectorEnv env = f.create(3, 1)) {
            EnvSpec spec = env.spec();
            assertEquals(f.spec(3), spec);
            assertEquals(3, spec.numEnvs());
            assertEquals(5, spec.agentsPerEnv());
            assertEquals(8, spec.frameSkip());
            ObservationLayout l = new ObservationLayout(1, 4, 5);
            assertEquals(l.size(), spec.observationSize());
            assertEquals(95, spec.observationSize());   // self 8, allies 4 × 8, enemies 5 × 11
            assertEquals(15, spec.numActions());
            StepBatch out = new StepBatch(spec);
            env.reset(1, out);
            for (int a = 0; a < spec.agents(); a++) {
                assertEquals(1, out.alive[a]);
                int o = a * spec.observationSize();
                assertEquals(1f, out.observations[o], "self alive flag");
                assertEquals(1f, out.observations[o + 1], "full hit points");
                assertEquals(1f, out.observations[o + l.enemyOffset(0)], "nearest enemy present");
                for (int k = 0; k < 5; k++) assertEquals(1, out.actionMask[a * 15 + ObservationLayout.FIRST_ATTACK + k]);
            }
        }
    }

    @Test
    void attackingEarnsPositiveRewardAndEpisodesResetThemselves() {
        ArenaEnvFactory f = factory("attack-move");
        try (VectorEnv env = f.create(2, 7)) {
            EnvSpec spec = env.spec();
            StepBatch out = new StepBatch(spec);
            env.reset(7, out);
            int[] actions = new int[spec.agents()];
            double total = 0;
            int episodes = 0, sawDeadMask = 0;
            for (int step = 0; step < 2000 && episodes < 6; step++) {
                Arrays.fill(actions, ObservationLayout.FIRST_ATTACK); // everyone attacks its nearest enemy
                env.step(actions, out);
                for (int i = 0; i < spec.agents(); i++) {
                    total += out.rewards[i];
                    assertTrue(out.rewards[i] >= 0, "default reward has no penalties");
                    if (out.alive[i] == 0) {
                        sawDeadMask++;
                        assertEquals(1, out.actionMask[i * spec.numActions()]);
                        for (int k = 1; k < spec.numActions(); k++) assertEquals(0, out.actionMask[i * spec.numActions() + k]);
                    }
                }
                for (int e = 0; e < 2; e++) {
                    if (out.done[e]) {
                        episodes++;
                        assertNotEquals(StepBatch.OUTCOME_NONE, out.outcome[e]);
                        assertTrue(out.episodeFrames[e] > 0);
                        // observations already belong to the next episode: everyone alive again
                        for (int a = 0; a < 5; a++) assertEquals(1, out.alive[e * 5 + a]);
                    } else {
                        assertEquals(StepBatch.OUTCOME_NONE, out.outcome[e]);
                    }
                }
            }
            assertTrue(episodes >= 6, "episodes finished: " + episodes);
            assertTrue(total > 0, "dealing damage is rewarded");
            assertTrue(sawDeadMask > 0, "some agents died and were masked");
            assertTrue(env.framesSimulated() > 0);
        }
    }

    @Test
    void damageTakenIsPunishedWhenConfigured() {
        var cfg = ArenaEnvConfig.of(m5v5, () -> registry.create("attack-closest"))
                .withReward(new RewardSettings(0, 1, 0, 0, 0, 0));
        try (VectorEnv env = new ArenaEnvFactory(cfg).create(1, 3)) {
            StepBatch out = new StepBatch(env.spec());
            env.reset(3, out);
            int[] idle = new int[env.spec().agents()];
            Arrays.fill(idle, ObservationLayout.STOP);
            double total = 0;
            for (int s = 0; s < 100; s++) {
                env.step(idle, out);
                for (float r : out.rewards) {
                    assertTrue(r <= 0);
                    total += r;
                }
            }
            assertTrue(total < 0, "being shot costs reward");
        }
    }

    @Test
    void unitCreditRewardsEachAgentForItsOwnUnitAndAveragesToTheTeamReward() {
        // the same games (same seed, same actions) under team and unit credit
        RewardSettings weights = new RewardSettings(1, 0.5, 0.2, 0.3, 1, -1);
        float[][] team = play(weights), unit = play(weights.withUnitCredit(true));
        int agents = 5;
        boolean differ = false;
        for (int s = 0; s < team.length; s++) {
            float mean = 0;
            for (int a = 0; a < agents; a++) {
                mean += unit[s][a] / agents;
                assertEquals(team[s][0], team[s][a], "team credit: one reward for the side");
                if (unit[s][a] != unit[s][0]) differ = true;
            }
            assertEquals(team[s][0], mean, 1e-4, "step " + s + ": the agents' mean is the team's reward");
        }
        assertTrue(differ, "units that dealt or took different damage were rewarded differently");
    }

    /** Rewards [step][agent] of 1 m5v5 env against attack-closest, every agent stopping (its unit AI fights). */
    private float[][] play(RewardSettings weights) {
        var cfg = ArenaEnvConfig.of(m5v5, () -> registry.create("attack-closest")).withReward(weights);
        try (VectorEnv env = new ArenaEnvFactory(cfg).create(1, 3)) {
            StepBatch out = new StepBatch(env.spec());
            env.reset(3, out);
            int[] idle = new int[env.spec().agents()];
            Arrays.fill(idle, ObservationLayout.STOP);
            float[][] rewards = new float[120][];
            for (int s = 0; s < rewards.length; s++) {
                env.step(idle, out);
                rewards[s] = out.rewards.clone();
            }
            return rewards;
        }
    }

    @Test
    void sameSeedAndActionsGiveTheSameEpisodes() {
        float[][] runs = new float[2][];
        for (int run = 0; run < 2; run++) {
            try (VectorEnv env = factory("kiting").create(2, 11)) {
                StepBatch out = new StepBatch(env.spec());
                env.reset(11, out);
                int[] actions = new int[env.spec().agents()];
                float acc = 0;
                for (int s = 0; s < 300; s++) {
                    for (int i = 0; i < actions.length; i++) actions[i] = (s + i) % env.spec().numActions();
                    env.step(actions, out);
                    for (float v : out.observations) acc = acc * 1.0001f + v;
                    for (float r : out.rewards) acc += r;
                }
                runs[run] = Arrays.copyOf(out.observations, out.observations.length + 1);
                runs[run][out.observations.length] = acc;
            }
        }
        assertArrayEquals(runs[0], runs[1]);
    }

    @Test
    void steppingAllocatesNothing() {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        try (VectorEnv env = factory("no-overkill-no-change").create(4, 5)) {
            StepBatch out = new StepBatch(env.spec());
            env.reset(5, out);
            int[] actions = new int[env.spec().agents()];
            for (int s = 0; s < 3000; s++) { // warm up: first episodes, class loading, JIT
                for (int i = 0; i < actions.length; i++) actions[i] = (s + i) % env.spec().numActions();
                env.step(actions, out);
            }
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int s = 0; s < 3000; s++) {
                for (int i = 0; i < actions.length; i++) actions[i] = (s + i) % env.spec().numActions();
                env.step(actions, out);
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            // many episodes end and restart in these steps; a per-step allocation would show as 100s of KB
            assertTrue(allocated < 16 * 1024, "allocated " + allocated + " bytes in 3000 steps");
        }
    }

    @Test
    void moveActionsMoveTheUnit() {
        try (ArenaVectorEnv env = (ArenaVectorEnv) factory("attack-move").create(1, 1)) {
            StepBatch out = new StepBatch(env.spec());
            env.reset(1, out);
            float x0 = env.arena(0).posX(0), y0 = env.arena(0).posY(0);
            int[] actions = new int[5];
            actions[0] = ObservationLayout.FIRST_MOVE + 4; // west
            env.step(actions, out);
            assertTrue(env.arena(0).posX(0) < x0 - 10, "moved west");
            assertEquals(y0, env.arena(0).posY(0), 1.0);
        }
    }
}
