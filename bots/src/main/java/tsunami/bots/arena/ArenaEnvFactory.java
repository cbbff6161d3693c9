package tsunami.bots.arena;

import tsunami.bots.scenario.Scenario;
import tsunami.env.EnvSpec;
import tsunami.env.VectorEnv;
import tsunami.env.VectorEnvFactory;

/** Makes {@link ArenaVectorEnv}s of one configuration; what the training engine holds. */
public final class ArenaEnvFactory implements VectorEnvFactory {
    private final ArenaEnvConfig config;

    public ArenaEnvFactory(ArenaEnvConfig config) {
        this.config = config;
    }

    public ArenaEnvConfig config() {
        return config;
    }

    /** The spec an env of {@code numEnvs} environments will have. */
    public EnvSpec spec(int numEnvs) {
        ObservationLayout l = config.layout();
        Scenario s = config.scenario();
        int units = s.unitCount(0) + s.unitCount(1);
        int stateSize = units * (GlobalStateEncoder.UNIT_FEATURES + s.unitTypes().size());
        return new EnvSpec(numEnvs, config.agentsPerEnv(), l.size(), l.numActions(), config.frameSkip(), stateSize);
    }

    @Override
    public VectorEnv create(int numEnvs, long seed) {
        ArenaVectorEnv env = new ArenaVectorEnv(config, numEnvs);
        env.seed(seed);
        return env;
    }
}
