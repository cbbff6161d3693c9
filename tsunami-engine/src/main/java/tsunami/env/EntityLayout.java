package tsunami.env;

/**
 * How one agent's observation is made of units, for networks that treat units as a set: the
 * agent's own block, then {@code allySlots} blocks of {@code allySize} floats, then
 * {@code enemySlots} blocks of {@code enemySize} floats; the float at {@code presentIndex} of an
 * ally or enemy block is 1 when the slot holds a unit and 0 when it is empty. Actions from
 * {@code firstTargetAction} on target the enemies in slot order (action {@code firstTargetAction + k}
 * targets enemy slot k), so a network can score targets as entities rather than as fixed outputs.
 */
public record EntityLayout(int selfSize, int allySlots, int allySize, int enemySlots, int enemySize, int presentIndex,
                           int firstTargetAction) {
    public EntityLayout {
        if (selfSize < 1 || allySlots < 0 || allySize < 1 || enemySlots < 1 || enemySize < 1 || firstTargetAction < 1) {
            throw new IllegalArgumentException("entity layout sizes must be positive (ally slots: at least 0): " + this);
        }
        if (presentIndex < 0 || presentIndex >= allySize || presentIndex >= enemySize) {
            throw new IllegalArgumentException("entity layout: present flag " + presentIndex + " outside the unit blocks: " + this);
        }
    }

    /** Floats in one observation laid out this way. */
    public int observationSize() {
        return selfSize + allySlots * allySize + enemySlots * enemySize;
    }

    /** Actions of an agent: the ones before the targets, then one per enemy slot. */
    public int numActions() {
        return firstTargetAction + enemySlots;
    }

    /** Where ally slot k starts in the observation. */
    public int allyOffset(int k) {
        return selfSize + k * allySize;
    }

    /** Where enemy slot k starts in the observation. */
    public int enemyOffset(int k) {
        return selfSize + allySlots * allySize + k * enemySize;
    }

    /**
     * Whether a network over this layout can read {@code other}'s units: the same blocks (sizes,
     * present flag) and the same actions before the targets. The slot counts may differ, since an
     * entity network's parameters do not depend on them.
     */
    public boolean sameUnits(EntityLayout other) {
        return selfSize == other.selfSize && allySize == other.allySize && enemySize == other.enemySize
                && presentIndex == other.presentIndex && firstTargetAction == other.firstTargetAction;
    }
}
