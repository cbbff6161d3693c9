package tsunami.launcher;

import tsunami.BadInputException;
import tsunami.bots.arena.ArenaEnvConfig;
import tsunami.bots.arena.ArenaEnvFactory;
import tsunami.bots.arena.GameRecorder;
import tsunami.bots.arena.InRangeAttacks;
import tsunami.bots.arena.ObservationLayout;
import tsunami.bots.arena.PolicyOpponent;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.learn.Checkpoint;
import tsunami.bots.scenario.RewardSettings;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;
import tsunami.env.VectorEnvFactory;

import java.util.function.IntFunction;

/**
 * The arena environment the training commands learn and evaluate on: a scenario (built-in name
 * or YAML file) with an opponent playing the other side (a heuristic, a trained policy or a pool: {@link OpponentSpec}). Opponent and teacher come from a
 * {@link HeuristicRegistry}, so a plug-in serves wherever a built-in does. Unknown names fail
 * here, before any run directory is touched. {@code layout} says what the agents' observations and
 * actions hold (an entity network reads its units from it).
 */
record ArenaSetup(Scenario scenario, String opponent, VectorEnvFactory factory, ObservationLayout layout) {
    /** Checkpoint metadata key naming which attack actions the policy was trained with. */
    static final String ATTACKS_KEY = "attacks";
    static final String ATTACKS_ANY = "any", ATTACKS_IN_RANGE = "in-range";
    /** Checkpoint metadata key recording the {@link ObservationLayout#VERSION} the policy was trained on (absent: version 1). */
    static final String OBSERVATION_KEY = "observation_layout";

    /**
     * Refuses a checkpoint whose policy reads another version of the arena's observation: its
     * inputs would mean other things (or not fit), so it would play blind rather than fail.
     */
    static void requireObservationLayout(Checkpoint c, Object where) {
        String saved = c.metadata().getOrDefault(OBSERVATION_KEY, "1");
        if (!saved.equals(Integer.toString(ObservationLayout.VERSION))) {
            throw new BadInputException(where + ": the policy was trained on observation layout " + saved
                    + " and this build's arena gives layout " + ObservationLayout.VERSION
                    + " (" + (saved.equals("1") ? "layout 2 added who targets whom" : "a newer build") + "); train it again with this build");
        }
    }

    /** The built-ins only (benchmarks: their figures must not depend on what plug-ins are installed). */
    static ArenaSetup of(String scenarioName, String opponent) {
        return of(scenarioName, opponent, null, ATTACKS_ANY, null, HeuristicRegistry.load());
    }

    /**
     * @param damageTaken replaces the scenario's damage-taken reward weight (training shaping); null keeps it
     * @param attacks     {@link #ATTACKS_ANY}: the arena's attack actions as they are; {@link #ATTACKS_IN_RANGE}: see {@link InRangeAttacks}
     * @param teacher     heuristic whose orders for the agents are given as advice to distil; null: none
     * @param registry    where opponent and teacher are looked up by name
     */
    static ArenaSetup of(String scenarioName, String opponent, Double damageTaken, String attacks, String teacher,
                         HeuristicRegistry registry) {
        return of(scenarioName, opponent, damageTaken, attacks, teacher, registry, null, 0, null);
    }

    static ArenaSetup of(String scenarioName, String opponent, Double damageTaken, String attacks, String teacher,
                         HeuristicRegistry registry, CheckpointLeague league, long seed) {
        return of(scenarioName, opponent, damageTaken, attacks, teacher, registry, league, seed, null);
    }

    /**
     * @param opponent an {@link OpponentSpec}: a heuristic, a checkpoint's policy, the league, or a weighted pool of them
     * @param league   the training run's league when there is one (null: a {@code league} member is refused)
     * @param seed     seeds the opponent pools' draws
     * @param recorderOfEnv records every game env e plays (replays of a policy's games); null: none
     */
    static ArenaSetup of(String scenarioName, String opponent, Double damageTaken, String attacks, String teacher,
                         HeuristicRegistry registry, CheckpointLeague league, long seed, IntFunction<GameRecorder> recorderOfEnv) {
        if (!ATTACKS_ANY.equals(attacks) && !ATTACKS_IN_RANGE.equals(attacks)) {
            throw new BadInputException("attack actions must be '" + ATTACKS_ANY + "' or '" + ATTACKS_IN_RANGE + "', got '" + attacks + "'");
        }
        Scenario scenario = new ScenarioLoader().load(scenarioName);
        OpponentSpec spec = OpponentSpec.parse(opponent);
        ArenaEnvConfig config = ArenaEnvConfig.of(scenario, null);
        config = config.withOpponent(spec.supplier(config, registry, league, seed));
        if (teacher != null) {
            registry.create(teacher);   // likewise
            config = config.withTeacher(() -> registry.create(teacher));
        }
        if (damageTaken != null) {
            RewardSettings r = config.reward();
            config = config.withReward(new RewardSettings(r.damageDealt(), damageTaken, r.kill(), r.death(), r.win(), r.loss(), r.unitCredit()));
        }
        ArenaEnvFactory arena = new ArenaEnvFactory(config);
        VectorEnvFactory factory = recorderOfEnv == null ? arena : arena.recordingWith(recorderOfEnv);
        if (ATTACKS_IN_RANGE.equals(attacks)) factory = InRangeAttacks.factory(factory, config.layout());
        return new ArenaSetup(scenario, opponent, factory, config.layout());
    }

    /** What the other side (the opponent's) observes and does: a policy opponent must fit it. */
    ObservationLayout opponentLayout() {
        ArenaEnvConfig config = ArenaEnvConfig.of(scenario, null);
        return PolicyOpponent.layoutOfSide(config, 1 - config.learnerSide());
    }
}
