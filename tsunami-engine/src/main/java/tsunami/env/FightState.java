package tsunami.env;

import java.util.Arrays;

/**
 * The state of one fight, unit by unit, in the game's own units (pixels, hit points, frames): what
 * a world model reads and predicts. Units keep the slots of their {@link FightSpec}; a dead unit
 * has {@code alive = false} and its last values. Mutable and reusable, so stepping allocates nothing.
 */
public final class FightState {
    public final FightSpec spec;
    public final boolean[] alive;
    /** Position, pixels. */
    public final float[] x, y;
    /** Velocity, pixels per frame. */
    public final float[] vx, vy;
    public final float[] hitPoints, shields;
    /** Frames until the unit's weapon can fire again. */
    public final float[] cooldown;
    /** The unit (index in this state) each unit targets, -1 for none: who shoots whom, which observations show. */
    public final int[] target;
    /**
     * [learnerUnits × attackSlots]: the unit (index in this state) each agent's attack slot names
     * in this state, -1 for an empty slot; written by whoever made the observations of this state.
     */
    public final int[] slotTarget;
    /** Game frames since the episode started. */
    public int frame;

    public FightState(FightSpec spec) {
        this.spec = spec;
        int n = spec.units();
        alive = new boolean[n];
        x = new float[n];
        y = new float[n];
        vx = new float[n];
        vy = new float[n];
        hitPoints = new float[n];
        shields = new float[n];
        cooldown = new float[n];
        target = new int[n];
        Arrays.fill(target, -1);
        slotTarget = new int[spec.learnerUnits() * spec.attackSlots()];
        Arrays.fill(slotTarget, -1);
    }

    /** Makes this state a copy of {@code o} (same spec). */
    public FightState copyFrom(FightState o) {
        if (o.spec != spec && !o.spec.equals(spec)) throw new IllegalArgumentException("states of different fights");
        int n = alive.length;
        System.arraycopy(o.alive, 0, alive, 0, n);
        System.arraycopy(o.x, 0, x, 0, n);
        System.arraycopy(o.y, 0, y, 0, n);
        System.arraycopy(o.vx, 0, vx, 0, n);
        System.arraycopy(o.vy, 0, vy, 0, n);
        System.arraycopy(o.hitPoints, 0, hitPoints, 0, n);
        System.arraycopy(o.shields, 0, shields, 0, n);
        System.arraycopy(o.cooldown, 0, cooldown, 0, n);
        System.arraycopy(o.target, 0, target, 0, n);
        System.arraycopy(o.slotTarget, 0, slotTarget, 0, slotTarget.length);
        frame = o.frame;
        return this;
    }

    public FightState copy() {
        return new FightState(spec).copyFrom(this);
    }

    /** Living units of {@code side} (0 learner, 1 other). */
    public int aliveCount(int side) {
        int from = side == 0 ? 0 : spec.learnerUnits(), to = side == 0 ? spec.learnerUnits() : spec.units(), c = 0;
        for (int i = from; i < to; i++) if (alive[i]) c++;
        return c;
    }

    /** The unit agent {@code agent}'s action names, or -1 when the action names none (or an empty slot). */
    public int targetOf(int agent, int action) {
        int k = action - spec.firstAttackAction();
        if (k < 0 || k >= spec.attackSlots()) return -1;
        return slotTarget[agent * spec.attackSlots() + k];
    }
}
