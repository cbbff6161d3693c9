package tsunami.launcher;

import tsunami.bots.arena.ArenaEnvConfig;
import tsunami.bots.arena.ArenaEnvFactory;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.scenario.RewardSettings;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;

/**
 * The arena environment the training commands learn and evaluate on: a scenario (built-in name
 * or YAML file) with a heuristic playing the other side. Unknown names fail here, before any
 * run directory is touched.
 */
record ArenaSetup(Scenario scenario, String opponent, ArenaEnvFactory factory) {
    static ArenaSetup of(String scenarioName, String opponent) {
        return of(scenarioName, opponent, null);
    }

    /** @param damageTaken replaces the scenario's damage-taken reward weight (training shaping); null keeps it */
    static ArenaSetup of(String scenarioName, String opponent, Double damageTaken) {
        Scenario scenario = new ScenarioLoader().load(scenarioName);
        HeuristicRegistry registry = HeuristicRegistry.load();
        registry.create(opponent);   // an unknown name fails now, with the list of valid ones
        ArenaEnvConfig config = ArenaEnvConfig.of(scenario, () -> registry.create(opponent));
        if (damageTaken != null) {
            RewardSettings r = config.reward();
            config = config.withReward(new RewardSettings(r.damageDealt(), damageTaken, r.kill(), r.death(), r.win(), r.loss()));
        }
        return new ArenaSetup(scenario, opponent, new ArenaEnvFactory(config));
    }
}
