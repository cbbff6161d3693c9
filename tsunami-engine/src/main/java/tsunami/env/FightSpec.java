package tsunami.env;

/**
 * Shape of a fight as {@link FightStateEnv} describes it unit by unit: the learning side's units
 * (the agents, in agent order) then the other side's, each with a fixed slot, type and maxima.
 * Everything a learned world model needs to read and write {@link FightState}s without knowing
 * which game is behind them.
 *
 * @param learnerUnits      units of the learning side; unit {@code i < learnerUnits} is agent {@code i}
 * @param opponentUnits     units of the other side, after the learner's
 * @param unitTypes         number of distinct unit types (the range of {@link #unitType})
 * @param unitType          [units]: each unit's type index
 * @param maxHitPoints      [units]: each unit's full hit points
 * @param maxShields        [units]: each unit's full shields (0 for none)
 * @param maxCooldown       [units]: frames between two shots of the unit's weapon (0 for none)
 * @param mapWidth          map width in pixels
 * @param mapHeight         map height in pixels
 * @param numActions        discrete actions per agent (as {@link EnvSpec#numActions})
 * @param firstAttackAction actions from here on attack the unit in attack slot {@code action - firstAttackAction}
 *                          ({@link FightState#slotTarget}); actions below it do not name a unit
 * @param attackSlots       attack slots per agent
 */
public record FightSpec(int learnerUnits, int opponentUnits, int unitTypes, int[] unitType, float[] maxHitPoints,
                        float[] maxShields, float[] maxCooldown, float mapWidth, float mapHeight,
                        int numActions, int firstAttackAction, int attackSlots) {
    public FightSpec {
        int n = learnerUnits + opponentUnits;
        if (learnerUnits <= 0 || opponentUnits <= 0 || unitTypes <= 0) {
            throw new IllegalArgumentException("a fight needs units on both sides and at least one type");
        }
        if (unitType.length != n || maxHitPoints.length != n || maxShields.length != n || maxCooldown.length != n) {
            throw new IllegalArgumentException("per-unit arrays must have " + n + " entries");
        }
        if (firstAttackAction + attackSlots != numActions) {
            throw new IllegalArgumentException("attack actions must be the last " + attackSlots + " of " + numActions);
        }
    }

    /** Units of both sides. */
    public int units() {
        return learnerUnits + opponentUnits;
    }

    /** 0 for the learning side's units, 1 for the other side's. */
    public int side(int unit) {
        return unit < learnerUnits ? 0 : 1;
    }
}
