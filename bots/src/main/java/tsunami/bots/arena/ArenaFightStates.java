package tsunami.bots.arena;

import tsunami.bots.data.UnitType;
import tsunami.bots.data.WeaponType;
import tsunami.env.FightSpec;
import tsunami.env.FightState;

import java.util.List;

/**
 * The arena's side of {@link tsunami.env.FightStateEnv}: reads an {@link Arena} into a
 * {@link FightState} (learning side first, in agent order) and makes observations and masks from
 * any state with the same {@link ObservationEncoder} the env uses, through {@link FightStateView}.
 */
final class ArenaFightStates {
    private final FightSpec spec;
    private final int me, firstMine, firstTheirs;
    private final ObservationLayout layout;
    private final ObservationEncoder encoder;
    private final FightStateView view;
    private final int[] slotScratch;

    ArenaFightStates(ArenaEnvConfig config, Arena sample) {
        me = config.learnerSide();
        int enemy = 1 - me;
        firstMine = sample.firstUnit(me);
        firstTheirs = sample.firstUnit(enemy);
        int mine = sample.unitCount(me), theirs = sample.unitCount(enemy), n = mine + theirs;
        layout = config.layout();
        List<UnitType> types = config.scenario().unitTypes();
        int[] type = new int[n];
        float[] hp = new float[n], sh = new float[n], cd = new float[n];
        for (int i = 0; i < n; i++) {
            UnitType t = sample.getType(arenaUnit(i, mine));
            type[i] = types.indexOf(t);
            hp[i] = t.hitPoints();
            sh[i] = t.shields();
            WeaponType w = t.groundWeapon() != null ? t.groundWeapon() : t.airWeapon();
            cd[i] = w == null ? 0 : w.cooldown();
        }
        spec = new FightSpec(mine, theirs, types.size(), type, hp, sh, cd, sample.mapWidth(), sample.mapHeight(),
                layout.numActions(), ObservationLayout.FIRST_ATTACK, layout.nearestEnemies());
        encoder = new ObservationEncoder(layout, types);
        view = new FightStateView(types, type, mine, me, sample.mapWidth(), sample.mapHeight());
        slotScratch = new int[layout.nearestEnemies()];
    }

    FightSpec spec() {
        return spec;
    }

    /** The arena's unit id of state slot {@code i}. */
    private int arenaUnit(int i, int mine) {
        return i < mine ? firstMine + i : firstTheirs + (i - mine);
    }

    /** The state slot of arena unit {@code u}. */
    private int slotOf(int u) {
        int mine = spec.learnerUnits();
        return u >= firstMine && u < firstMine + mine ? u - firstMine : mine + (u - firstTheirs);
    }

    /** Reads {@code arena} into {@code out}; {@code slotEnemy[s..]} are the env's attack slots (arena unit ids) of its first agent. */
    void read(Arena arena, int[] slotEnemy, int s, FightState out) {
        int mine = spec.learnerUnits();
        for (int i = 0; i < spec.units(); i++) {
            int u = arenaUnit(i, mine);
            out.alive[i] = arena.exists(u);
            out.x[i] = arena.posX(u);
            out.y[i] = arena.posY(u);
            out.vx[i] = arena.velocityX(u);
            out.vy[i] = arena.velocityY(u);
            out.hitPoints[i] = arena.hitPoints256(u) / 256f;
            out.shields[i] = arena.shields256(u) / 256f;
            out.cooldown[i] = arena.getCooldown(u);
            int t = arena.getTarget(u);
            out.target[i] = t < 0 ? -1 : slotOf(t);
        }
        out.frame = arena.getFrameCount();
        if (slotEnemy == null) return;
        for (int j = 0; j < out.slotTarget.length; j++) {
            int t = slotEnemy[s + j];
            out.slotTarget[j] = t < 0 ? -1 : slotOf(t);
        }
    }

    /** Observations and masks of every agent of {@code state}; fills its attack slots. Returns the living agents. */
    int observe(FightState state, float[] obs, int o, byte[] mask, int m) {
        view.of(state);
        int ke = layout.nearestEnemies(), living = 0;
        for (int a = 0; a < spec.learnerUnits(); a++) {
            boolean alive = encoder.encode(view, a, obs, o + a * layout.size(), mask, m + a * layout.numActions(), slotScratch, 0);
            if (alive) living++;
            System.arraycopy(slotScratch, 0, state.slotTarget, a * ke, ke);
        }
        return living;
    }
}
