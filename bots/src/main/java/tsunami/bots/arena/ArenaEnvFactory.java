package tsunami.bots.arena;

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
        return new EnvSpec(numEnvs, config.agentsPerEnv(), l.size(), l.numActions(), config.frameSkip());
    }

    @Override
    public VectorEnv create(int numEnvs, long seed) {
        ArenaVectorEnv env = new ArenaVectorEnv(config, numEnvs);
        env.seed(seed);
        return env;
    }
}
