package tsunami.bots.arena;

import tsunami.bots.scenario.Scenario;
import tsunami.env.EnvSpec;
import tsunami.env.VectorEnv;
import tsunami.env.VectorEnvFactory;

import java.util.function.IntFunction;

/** Makes {@link ArenaVectorEnv}s of one configuration; what the training engine holds. */
public final class ArenaEnvFactory implements VectorEnvFactory {
    private final ArenaEnvConfig config;
    private final IntFunction<GameRecorder> recorderOfEnv;

    public ArenaEnvFactory(ArenaEnvConfig config) {
        this(config, null);
    }

    private ArenaEnvFactory(ArenaEnvConfig config, IntFunction<GameRecorder> recorderOfEnv) {
        this.config = config;
        this.recorderOfEnv = recorderOfEnv;
    }

    /**
     * The same factory, whose envs record every episode of environment e with
     * {@code recorderOfEnv.apply(e)} (watching a trained policy play); recording allocates, so
     * training leaves it off.
     */
    public ArenaEnvFactory recordingWith(IntFunction<GameRecorder> recorderOfEnv) {
        return new ArenaEnvFactory(config, recorderOfEnv);
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
        if (recorderOfEnv != null) for (int e = 0; e < numEnvs; e++) env.recordEpisodes(e, recorderOfEnv.apply(e));
        env.seed(seed);
        return env;
    }
}
