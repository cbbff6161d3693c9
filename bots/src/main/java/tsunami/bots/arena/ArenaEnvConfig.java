package tsunami.bots.arena;

import tsunami.bots.data.GameData;
import tsunami.bots.heuristic.Heuristic;
import tsunami.bots.scenario.RewardSettings;
import tsunami.bots.scenario.Scenario;

import java.util.function.Supplier;

/**
 * Settings of {@link ArenaVectorEnv}: the scenario, who plays the other side, frame-skip,
 * how many neighbours each agent sees, and the reward.
 *
 * @param learnerSide    0: the agents play red (the scenario's first side), 1: blue
 * @param opponent       makes the heuristic playing the other side (one instance per environment); null leaves it idle
 *                       (units still fight back, BW-style)
 * @param nearestAllies  Ka, allies in each observation
 * @param nearestEnemies Ke, enemies in each observation (and attack actions)
 * @param moveDistance   pixels a move action aims ahead of the unit
 * @param teacher        makes the heuristic whose orders for the agents' side are given as advice
 *                       ({@link tsunami.env.StepBatch#advice}; one instance per environment); null: no advice
 */
public record ArenaEnvConfig(Scenario scenario, GameData data, int learnerSide, Supplier<Heuristic> opponent, int frameSkip,
                             int nearestAllies, int nearestEnemies, RewardSettings reward, int moveDistance,
                             Supplier<Heuristic> teacher) {

    public ArenaEnvConfig {
        if (learnerSide != 0 && learnerSide != 1) throw new IllegalArgumentException("learnerSide must be 0 or 1");
        if (frameSkip <= 0) throw new IllegalArgumentException("frameSkip must be positive");
        if (nearestAllies < 0 || nearestEnemies <= 0) throw new IllegalArgumentException("need nearestAllies >= 0, nearestEnemies > 0");
    }

    /**
     * Red learns against {@code opponent}, one decision per scenario decision interval (8 frames in
     * the built-ins, the rhythm heuristics play at), sees up to 8 allies and 8 enemies, reward from the scenario.
     */
    public static ArenaEnvConfig of(Scenario scenario, Supplier<Heuristic> opponent) {
        int allies = Math.min(8, scenario.unitCount(0) - 1);
        int enemies = Math.min(8, scenario.unitCount(1));
        return new ArenaEnvConfig(scenario, GameData.standard(), 0, opponent, scenario.decisionInterval(), allies, enemies, scenario.reward(), 48, null);
    }

    public ArenaEnvConfig withFrameSkip(int skip) {
        return new ArenaEnvConfig(scenario, data, learnerSide, opponent, skip, nearestAllies, nearestEnemies, reward, moveDistance, teacher);
    }

    public ArenaEnvConfig withNeighbours(int allies, int enemies) {
        return new ArenaEnvConfig(scenario, data, learnerSide, opponent, frameSkip, allies, enemies, reward, moveDistance, teacher);
    }

    public ArenaEnvConfig withReward(RewardSettings r) {
        return new ArenaEnvConfig(scenario, data, learnerSide, opponent, frameSkip, nearestAllies, nearestEnemies, r, moveDistance, teacher);
    }

    public ArenaEnvConfig withLearnerSide(int side) {
        return new ArenaEnvConfig(scenario, data, side, opponent, frameSkip, nearestAllies, nearestEnemies, reward, moveDistance, teacher);
    }

    public ArenaEnvConfig withOpponent(Supplier<Heuristic> o) {
        return new ArenaEnvConfig(scenario, data, learnerSide, o, frameSkip, nearestAllies, nearestEnemies, reward, moveDistance, teacher);
    }

    public ArenaEnvConfig withTeacher(Supplier<Heuristic> t) {
        return new ArenaEnvConfig(scenario, data, learnerSide, opponent, frameSkip, nearestAllies, nearestEnemies, reward, moveDistance, t);
    }

    public ObservationLayout layout() {
        return new ObservationLayout(scenario.unitTypes().size(), nearestAllies, nearestEnemies);
    }

    public int agentsPerEnv() {
        return scenario.unitCount(learnerSide);
    }
}
