package tsunami.env;

/**
 * Makes vector environments; one per env worker. The engine holds only this, so it never knows
 * which game (the arena, the real game over BWAPI, a learned world model) is behind it.
 */
@FunctionalInterface
public interface VectorEnvFactory {
    /**
     * @param numEnvs environments in the batch
     * @param seed    seed of the batch; the same seed and actions must give the same episodes
     */
    VectorEnv create(int numEnvs, long seed);
}
