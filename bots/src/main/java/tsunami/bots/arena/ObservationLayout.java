package tsunami.bots.arena;

/**
 * Where each feature sits in one agent's observation vector of {@link ArenaVectorEnv}.
 * {@code T} is the number of unit types in the scenario (one-hot type), {@code R} the
 * distance scale ({@link #DISTANCE_SCALE} px). All features are roughly in [-1, 1].
 *
 * <pre>
 * self   (6+T):        alive, hp/max, shields/max, cooldown/max, x/mapWidth, y/mapHeight, type one-hot
 * ally k (7+T) × Ka:   present, dx/R, dy/R, distance/R, hp/max, shields/max, cooldown/max, type one-hot
 * enemy k (8+T) × Ke:  present, dx/R, dy/R, distance/R, hp/max, shields/max, cooldown/max, in my weapon range, type one-hot
 * </pre>
 * Allies and enemies are the nearest living ones, nearest first; enemy slot k is the target of
 * attack action {@code FIRST_ATTACK + k}. Empty slots are all zeros.
 */
public record ObservationLayout(int unitTypes, int nearestAllies, int nearestEnemies) {
    public static final float DISTANCE_SCALE = 384f;

    /** Actions: 0 no-op (keep the current order), 1 stop, 2..9 move in 8 directions, then attack enemy slot k. */
    public static final int NO_OP = 0, STOP = 1, FIRST_MOVE = 2, FIRST_ATTACK = 10;

    public int selfSize() { return 6 + unitTypes; }
    public int allySize() { return 7 + unitTypes; }
    public int enemySize() { return 8 + unitTypes; }
    public int allyOffset(int k) { return selfSize() + k * allySize(); }
    public int enemyOffset(int k) { return selfSize() + nearestAllies * allySize() + k * enemySize(); }
    public int size() { return selfSize() + nearestAllies * allySize() + nearestEnemies * enemySize(); }
    public int numActions() { return FIRST_ATTACK + nearestEnemies; }
}
