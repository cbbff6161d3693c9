package tsunami.bots.arena;

import org.junit.jupiter.api.Test;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.scenario.RewardSettings;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;
import tsunami.env.EnvSpec;
import tsunami.env.FightSpec;
import tsunami.env.FightState;
import tsunami.env.FightStateEnv;
import tsunami.env.StepBatch;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arena's fight states: read out unit by unit, and observed back into exactly the env's own observations. */
class FightStateEnvTest {
    private final HeuristicRegistry registry = HeuristicRegistry.load();
    private final Scenario m5v5 = new ScenarioLoader().load("m5v5");

    private FightStateEnv env(int n, int learnerSide) {
        var cfg = ArenaEnvConfig.of(m5v5, () -> registry.create("attack-move")).withLearnerSide(learnerSide);
        return (FightStateEnv) new ArenaEnvFactory(cfg).create(n, 3);
    }

    @Test
    void specDescribesBothSidesLearnerFirst() {
        try (FightStateEnv env = env(1, 0)) {
            FightSpec f = env.fightSpec();
            assertEquals(5, f.learnerUnits());
            assertEquals(5, f.opponentUnits());
            assertEquals(env.spec().numActions(), f.numActions());
            assertEquals(ObservationLayout.FIRST_ATTACK, f.firstAttackAction());
            assertEquals(40f, f.maxHitPoints()[0]);   // marines
            assertEquals(15f, f.maxCooldown()[9]);
        }
    }

    @Test
    void observationsFromAReadStateAreTheEnvsOwn() {
        for (int side = 0; side < 2; side++) {
            try (FightStateEnv env = env(2, side)) {
                EnvSpec spec = env.spec();
                StepBatch out = new StepBatch(spec);
                env.reset(11, out);
                FightState s = new FightState(env.fightSpec());
                int per = spec.agentsPerEnv(), o = spec.observationSize(), a = spec.numActions();
                float[] obs = new float[per * o];
                byte[] mask = new byte[per * a];
                int[] actions = new int[spec.agents()];
                SplittableRandom rnd = new SplittableRandom(side);
                int checked = 0, deaths = 0;
                for (int step = 0; step < 150; step++) {
                    for (int e = 0; e < spec.numEnvs(); e++) {
                        env.readFight(e, s);
                        int[] slotsRead = s.slotTarget.clone();
                        int living = env.observeFight(s, obs, 0, mask, 0);
                        int alive = 0;
                        for (int i = 0; i < per; i++) alive += out.alive[e * per + i];
                        assertEquals(alive, living);
                        for (int i = 0; i < per * o; i++) {
                            assertEquals(out.observations[e * per * o + i], obs[i], 1e-5f, "side " + side + " step " + step + " feature " + i);
                        }
                        for (int i = 0; i < per * a; i++) assertEquals(out.actionMask[e * per * a + i], mask[i], "mask " + i);
                        assertArrayEquals(slotsRead, s.slotTarget, "attack slots from the env and from the state agree");
                        checked++;
                    }
                    for (int i = 0; i < actions.length; i++) {
                        int k;
                        do k = rnd.nextInt(a); while (out.actionMask[i * a + k] == 0);
                        actions[i] = k;
                    }
                    env.step(actions, out);
                    for (int e = 0; e < spec.numEnvs(); e++) {
                        if (!out.done[e]) continue;
                        env.readFinalFight(e, s);
                        assertTrue(s.aliveCount(0) == 0 || s.aliveCount(1) == 0 || s.frame >= m5v5.timeLimitFrames(),
                                "an episode's last state is its end: " + s.aliveCount(0) + " vs " + s.aliveCount(1) + " at frame " + s.frame);
                        deaths++;
                    }
                }
                assertTrue(checked >= 300);
                assertTrue(deaths > 0, "some episodes ended");
            }
        }
    }

    @Test
    void imaginedIntervalsAreCreditedAsTheEnvCreditsRealOnes() {
        // m5v5 with kill and death weights under unit credit: agents 0 and 1 shoot enemy 5 (killed:
        // all its 40 hp lost), agent 2 shoots nobody and loses 10 hp, agent 3 dies, agent 4 idles
        RewardSettings w = new RewardSettings(1, 0.5, 0.2, 0.3, 1, -1, true);
        var cfg = ArenaEnvConfig.of(m5v5, () -> registry.create("attack-move")).withReward(w);
        try (FightStateEnv env = (FightStateEnv) new ArenaEnvFactory(cfg).create(1, 3)) {
            FightState before = new FightState(env.fightSpec());
            env.readFight(0, before);
            FightState after = before.copy();
            after.target[0] = after.target[1] = 5;
            after.hitPoints[5] = 0;
            after.alive[5] = false;
            after.hitPoints[2] -= 10;
            after.alive[3] = false;
            float team = 0.7f;
            float[] out = new float[7];
            env.creditAgents(before, after, team, out, 1);
            assertEquals(0, out[0], "nothing written before the offset");
            double army = 5 * 40, agents = 5;
            double[] part = {agents * (40 / army + 0.2) / 2, agents * (40 / army + 0.2) / 2, -agents * 0.5 * 10 / army,
                    -agents * 0.5 * 40 / army - agents * 0.3, 0};
            double mean = java.util.Arrays.stream(part).average().orElseThrow();
            double sum = 0;
            for (int a = 0; a < 5; a++) {
                assertEquals(team + part[a] - mean, out[1 + a], 1e-5, "agent " + a);
                sum += out[1 + a];
            }
            assertEquals(team, sum / 5, 1e-5, "the agents' mean is the predicted team reward");
            assertEquals(out[1], out[2], "two attackers share their target's loss and death");
        }
        // under team credit every agent gets the team's reward
        try (FightStateEnv env = env(1, 0)) {
            FightState s = new FightState(env.fightSpec());
            env.readFight(0, s);
            float[] out = new float[5];
            env.creditAgents(s, s.copy(), 0.25f, out, 0);
            for (float r : out) assertEquals(0.25f, r);
        }
    }
}
