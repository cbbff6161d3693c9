package tsunami.bots.heuristic.builtin;

import tsunami.bots.heuristic.Heuristic;

import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;

/**
 * Let the enemy come, then fight as one. Before contact the side issues no orders: its units hold
 * their ground and the unit AI engages whatever enters acquisition range, so an advancing enemy
 * arrives strung out and meets a formed line. Once any enemy is within weapon range of any of our
 * units, the side picks one focus (the weakest enemy that at least one of our units can already
 * shoot); units with the focus in range shoot it, others shoot the weakest enemy in their own
 * range, and the rest attack the enemy nearest to them so that no unit idles out of the fight. A
 * badly hurt ranged unit that is reloading and being shot steps away from its attackers: it loses
 * no shot and may live to fire again (m5v5 vs attack-move: 97% → 99%). Against an enemy that
 * never advances it walks forward, so that two waiting sides do not draw by the time limit.
 *
 * <p>Per-game state: the distance to the enemy at the previous decision (reset in {@link #onStart}).
 */
public final class HoldFocus implements Heuristic {
    /** At or below this many hp + shields a unit dies to two Marine shots (6 each); the probe's best value on m5v5. */
    static final int FRAGILE_HP = 12;
    /** Cooldown above the default decision interval (8 frames): the unit could not fire before the next decision anyway. */
    static final int RELOADING_FRAMES = 8;
    /** How far a fragile unit steps away, in pixels. */
    static final int STEP_AWAY_PX = 64;
    /** Below this weapon range a unit is melee: stepping away only delays its next blow, the attacker follows. */
    static final int MELEE_RANGE = 64;

    /** Shortest distance between our attackers and the enemy at the previous decision; MAX_VALUE before the first. */
    private int previousGap = Integer.MAX_VALUE;

    @Override public String name() { return "hold-focus"; }

    @Override
    public String description() {
        return "hold until contact, then focus the weakest enemy in range (units out of range attack the nearest); hurt reloading units step away; advance on an enemy that waits";
    }

    @Override
    public void onStart(GameView game, int player) {
        previousGap = Integer.MAX_VALUE;
    }

    @Override
    public void onFrame(GameView g, int player, Commands c) {
        int gap = gapToEnemy(g, player);
        // an enemy that did not come closer since the last decision is waiting for us: go to it
        boolean advance = gap >= previousGap && gap != Integer.MAX_VALUE;
        previousGap = gap;
        int focus = focus(g, player);
        int n = g.getUnitCount();
        for (int u = 0; u < n; u++) {
            if (!g.exists(u) || g.getPlayer(u) != player) continue;
            if (!g.getType(u).canAttack()) continue; // Medics: their unit AI heals, attack orders would only move them
            if (focus < 0) {
                // no contact: hold (no order) unless the enemy is waiting too
                if (advance) Targets.attack(g, c, u, Targets.closest(g, u));
                continue;
            }
            if (stepAwayIfFragile(g, u, c)) continue;
            if (g.isInWeaponRange(u, focus)) {
                Targets.attack(g, c, u, focus);
                continue;
            }
            // else the weakest it can shoot now; with nothing in range it joins the fight at the nearest
            // enemy (walking to the focus instead funnels the side through the enemy line: m15v16 81% vs 98%)
            Targets.attack(g, c, u, Targets.weakestInRangeElseClosest(g, u));
        }
    }

    /**
     * The enemy with the fewest hp + shields among those within weapon range of at least one of
     * {@code player}'s units (ties: in range of more of our units, then the lower id), or -1 before contact.
     */
    static int focus(GameView g, int player) {
        int n = g.getUnitCount();
        int focus = -1, bestHp = Integer.MAX_VALUE, bestShooters = 0;
        for (int j = 0; j < n; j++) {
            if (!g.exists(j) || g.getPlayer(j) == player) continue;
            int shooters = 0;
            for (int u = 0; u < n; u++) {
                if (g.exists(u) && g.getPlayer(u) == player && g.isInWeaponRange(u, j)) shooters++;
            }
            if (shooters == 0) continue;
            int hp = g.getHitPoints(j) + g.getShields(j);
            if (hp < bestHp || (hp == bestHp && shooters > bestShooters)) {
                bestHp = hp;
                bestShooters = shooters;
                focus = j;
            }
        }
        return focus;
    }

    /** Shortest distance from any of our units that can attack to an enemy it can attack; MAX_VALUE if none. */
    private static int gapToEnemy(GameView g, int player) {
        int n = g.getUnitCount(), best = Integer.MAX_VALUE;
        for (int u = 0; u < n; u++) {
            if (!g.exists(u) || g.getPlayer(u) != player) continue;
            for (int j = 0; j < n; j++) {
                if (g.exists(j) && g.getPlayer(j) != player && g.canAttack(u, j)) best = Math.min(best, g.getDistance(u, j));
            }
        }
        return best;
    }

    /** A fragile ranged unit that is reloading and targeted moves away from its attackers' centre; true if it did. */
    private static boolean stepAwayIfFragile(GameView g, int u, Commands c) {
        if (g.getHitPoints(u) + g.getShields(u) > FRAGILE_HP || g.getCooldown(u) <= RELOADING_FRAMES
                || g.getType(u).maxRange() < MELEE_RANGE) return false;
        long sx = 0, sy = 0;
        int attackers = 0;
        for (int j = 0, n = g.getUnitCount(); j < n; j++) {
            if (g.exists(j) && g.getPlayer(j) != g.getPlayer(u) && g.getTarget(j) == u) {
                sx += g.getX(j);
                sy += g.getY(j);
                attackers++;
            }
        }
        if (attackers == 0) return false;
        double dx = g.getX(u) - sx / (double) attackers, dy = g.getY(u) - sy / (double) attackers;
        double len = Math.max(1, Math.hypot(dx, dy));
        c.move(u, g.getX(u) + (int) Math.round(dx / len * STEP_AWAY_PX), g.getY(u) + (int) Math.round(dy / len * STEP_AWAY_PX));
        return true;
    }
}
