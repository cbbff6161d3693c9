package tsunami.bots.arena;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.Heuristic;
import tsunami.env.StepBatch;

/**
 * A heuristic playing the agents' side on paper: it reads one arena game and its orders are not
 * carried out but translated into the agents' own actions ({@link ObservationLayout}), as advice a
 * learner can distil. Attack orders become the attack slot holding that target, moves the nearest
 * of the eight move directions, stop is stop, and a unit given no order is advised no-op (keep the
 * current order). Orders with no counterpart in the action space (attack-move, hold position, a
 * target outside the agent's observed slots, a move to where the unit stands) give no advice.
 *
 * <p>The heuristic sees the game the agents made, not the one it would have made: "no order" means
 * "carry on" to it, which for a unit the agent has sent walking is "keep walking", not the
 * "stand" a holding heuristic would have kept. The learner's actor-critic term corrects what the
 * advice gets wrong; the advice is a prior, not the target.
 */
final class TeacherAdvice implements Commands {
    private static final Logger LOG = LoggerFactory.getLogger(TeacherAdvice.class);

    private final Heuristic teacher;
    private final int side, firstMine, agents, ke;
    private final int[] slotEnemy;
    // the call in progress
    private Arena arena;
    private int[] out;
    private int base;
    private boolean failed;
    private boolean warned;

    /** @param slotEnemy the env's [env][agent][k] → enemy unit table, read at each call */
    TeacherAdvice(Heuristic teacher, int side, int firstMine, int agents, int ke, int[] slotEnemy) {
        this.teacher = teacher;
        this.side = side;
        this.firstMine = firstMine;
        this.agents = agents;
        this.ke = ke;
        this.slotEnemy = slotEnemy;
    }

    /** A new game started in {@code arena}. */
    void start(Arena arena) {
        failed = false;
        try {
            teacher.onStart(arena, side);
        } catch (Exception | LinkageError e) {
            fail(e);
        }
    }

    /** Writes the teacher's advice for env {@code e}'s agents (slots {@code e × agents ...}) into {@code out}. */
    void advise(Arena arena, int e, int[] out) {
        int from = e * agents;
        for (int a = 0; a < agents; a++) {
            out[from + a] = arena.exists(firstMine + a) && !failed ? ObservationLayout.NO_OP : StepBatch.NO_ADVICE;
        }
        if (failed) return;
        this.arena = arena;
        this.out = out;
        this.base = from;
        try {
            teacher.onFrame(arena, side, this);
        } catch (Exception | LinkageError failure) {
            fail(failure);
            for (int a = 0; a < agents; a++) out[from + a] = StepBatch.NO_ADVICE;
        } finally {
            this.arena = null;
            this.out = null;
        }
    }

    private void fail(Throwable e) {
        failed = true;
        if (warned) return;   // once per environment, not once per game
        warned = true;
        LOG.warn("teacher heuristic '{}' failed: {}; no advice for the rest of each game in which it fails", teacher.name(), e.toString());
    }

    /** The agent slot of {@code unit} if it is a living agent of this call's env, else -1. */
    private int agentOf(int unit) {
        int a = unit - firstMine;
        return a >= 0 && a < agents && arena.exists(unit) ? a : -1;
    }

    @Override
    public void move(int unit, int x, int y) {
        int a = agentOf(unit);
        if (a < 0) return;
        double dx = x - arena.posX(unit), dy = y - arena.posY(unit);
        if (dx * dx + dy * dy < 1) {
            out[base + a] = StepBatch.NO_ADVICE;   // a move to where it stands: no direction to advise
            return;
        }
        out[base + a] = ObservationLayout.move(ObservationLayout.nearestDirection(dx, dy));
    }

    @Override
    public void attack(int unit, int target) {
        int a = agentOf(unit);
        if (a < 0) return;
        int slots = (base + a) * ke;
        out[base + a] = StepBatch.NO_ADVICE;
        for (int k = 0; k < ke; k++) {
            if (slotEnemy[slots + k] == target) {
                out[base + a] = ObservationLayout.attack(k);
                return;
            }
        }
    }

    @Override
    public void attackMove(int unit, int x, int y) {
        int a = agentOf(unit);
        if (a >= 0) out[base + a] = StepBatch.NO_ADVICE;
    }

    @Override
    public void stop(int unit) {
        int a = agentOf(unit);
        if (a >= 0) out[base + a] = ObservationLayout.STOP;
    }

    @Override
    public void holdPosition(int unit) {
        int a = agentOf(unit);
        if (a >= 0) out[base + a] = StepBatch.NO_ADVICE;
    }
}
