package tsunami.bots.arena;

/**
 * Where each feature sits in one agent's observation vector of {@link ArenaVectorEnv}, and what
 * each action number means: the one description that the environment writes by and everyone else
 * (action masks, teachers, priors, tests) reads by. {@code T} is the number of unit types in the
 * scenario (one-hot type), {@code R} the distance scale ({@link #DISTANCE_SCALE} px). All features
 * are roughly in [-1, 1].
 *
 * <pre>
 * self   (7+T):        alive, hp/max, shields/max, cooldown/max, x/mapWidth, y/mapHeight, enemies targeting me/4, type one-hot
 * ally k (7+T) × Ka:   present, dx/R, dy/R, distance/R, hp/max, shields/max, cooldown/max, type one-hot
 * enemy k (10+T) × Ke: present, dx/R, dy/R, distance/R, hp/max, shields/max, cooldown/max, in my weapon range,
 *                      my current target, my other units targeting it/4, type one-hot
 * </pre>
 * Allies and enemies are the nearest living ones, nearest first; enemy slot k is the target of
 * attack action {@code FIRST_ATTACK + k}. Empty slots are all zeros. Counts of units targeting a
 * unit are divided by {@link #TARGETING_SCALE} and capped at 1.
 *
 * <p>Who targets whom is what lets a per-unit policy coordinate: with it the units can tell an
 * attack order that keeps their target from one that switches it, pick the enemy their side is
 * already shooting (focus fire), and see that they are being shot. Checkpoints record
 * {@link #VERSION}; a policy trained on another version is refused by name.
 */
public record ObservationLayout(int unitTypes, int nearestAllies, int nearestEnemies) {
    public static final float DISTANCE_SCALE = 384f;
    /** Units targeting one unit at which its "targeted by" feature reaches 1. */
    public static final float TARGETING_SCALE = 4f;
    /** The version of this layout; 2 added who targets whom. Recorded with each checkpoint. */
    public static final int VERSION = 2;

    /** A unit's state, written alike for the agent, its allies and enemies: hp/max, shields/max, cooldown/max. */
    public static final int STATE_FEATURES = 3;

    // Within the agent's own block.
    public static final int SELF_ALIVE = 0, SELF_STATE = 1, SELF_X = SELF_STATE + STATE_FEATURES, SELF_Y = SELF_X + 1,
            SELF_TARGETED = SELF_Y + 1, SELF_TYPE = SELF_TARGETED + 1;

    // Within an ally's or an enemy's block (offsets from allyOffset(k) or enemyOffset(k)).
    public static final int PRESENT = 0, DX = 1, DY = 2, DISTANCE = 3, NEIGHBOUR_STATE = 4;
    public static final int ALLY_TYPE = NEIGHBOUR_STATE + STATE_FEATURES;
    /** 1 when the enemy is within the agent's weapon range (SMAC's attack rule reads it: {@link InRangeAttacks}). */
    public static final int IN_RANGE = NEIGHBOUR_STATE + STATE_FEATURES;
    /** 1 when the enemy is the agent's current target (what no-op keeps shooting). */
    public static final int MY_TARGET = IN_RANGE + 1;
    /** How many of the agent's other units target the enemy, over {@link #TARGETING_SCALE}. */
    public static final int ALLIES_TARGETING = MY_TARGET + 1;
    public static final int ENEMY_TYPE = ALLIES_TARGETING + 1;

    /** Actions: 0 no-op (keep the current order), 1 stop, 2..9 move in 8 directions, then attack enemy slot k. */
    public static final int NO_OP = 0, STOP = 1, FIRST_MOVE = 2, MOVE_DIRECTIONS = 8, FIRST_ATTACK = FIRST_MOVE + MOVE_DIRECTIONS;

    // Move direction d: 0 east, then a quarter turn every 2 steps counter-clockwise on screen
    // (2 north, 4 west, 6 south); screen y grows downward.
    private static final float[] DIR_X = {1, 0.70710677f, 0, -0.70710677f, -1, -0.70710677f, 0, 0.70710677f};
    private static final float[] DIR_Y = {0, -0.70710677f, -1, -0.70710677f, 0, 0.70710677f, 1, 0.70710677f};

    public int selfSize() { return SELF_TYPE + unitTypes; }
    public int allySize() { return ALLY_TYPE + unitTypes; }
    public int enemySize() { return ENEMY_TYPE + unitTypes; }
    public int allyOffset(int k) { return selfSize() + k * allySize(); }
    public int enemyOffset(int k) { return selfSize() + nearestAllies * allySize() + k * enemySize(); }
    public int size() { return selfSize() + nearestAllies * allySize() + nearestEnemies * enemySize(); }
    public int numActions() { return FIRST_ATTACK + nearestEnemies; }

    /** The same layout as units for an entity network: self, ally and enemy blocks, attack k on enemy slot k. */
    public tsunami.env.EntityLayout entityLayout() {
        return new tsunami.env.EntityLayout(selfSize(), nearestAllies, allySize(), nearestEnemies, enemySize(), PRESENT, FIRST_ATTACK);
    }

    /** {@link InRangeAttacks}' rule for one agent: attacks are legal only on enemies already in weapon range. */
    public void restrictAttacksToRange(float[] obs, int o, byte[] mask, int m) {
        for (int k = 0; k < nearestEnemies; k++) {
            if (obs[o + enemyOffset(k) + IN_RANGE] == 0f) mask[m + attack(k)] = 0;
        }
    }

    /** The action that moves in direction {@code d} (0..7, see {@link #moveX}). */
    public static int move(int d) { return FIRST_MOVE + d; }

    /** The action that attacks the enemy in slot {@code k}. */
    public static int attack(int k) { return FIRST_ATTACK + k; }

    /** Unit vector of move direction {@code d}: x component. */
    public static float moveX(int d) { return DIR_X[d]; }

    /** Unit vector of move direction {@code d}: y component (screen y grows downward). */
    public static float moveY(int d) { return DIR_Y[d]; }

    /** The move direction (0..7) nearest to the screen vector (dx, dy), which must not be zero. */
    public static int nearestDirection(double dx, double dy) {
        double angle = Math.atan2(-dy, dx);   // screen y points down
        return Math.floorMod((int) Math.round(angle / (Math.PI / 4)), MOVE_DIRECTIONS);
    }

    /**
     * Probabilities over {@code numActions} arena actions for a fresh policy: {@code noOp} on
     * no-op, {@code attack} spread over the attack actions, the rest over stop and the moves.
     */
    public static double[] actionPrior(int numActions, double noOp, double attack) {
        double[] p = new double[numActions];
        p[NO_OP] = noOp;
        double rest = 1 - noOp - attack;
        for (int k = NO_OP + 1; k < FIRST_ATTACK; k++) p[k] = rest / (FIRST_ATTACK - 1);
        for (int k = FIRST_ATTACK; k < numActions; k++) p[k] = attack / (numActions - FIRST_ATTACK);
        return p;
    }
}
