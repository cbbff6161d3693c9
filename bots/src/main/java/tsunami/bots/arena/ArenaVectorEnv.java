package tsunami.bots.arena;

import tsunami.bots.heuristic.Commands;
import tsunami.bots.data.UnitType;
import tsunami.bots.scenario.RewardSettings;
import tsunami.env.EnvSpec;
import tsunami.env.StepBatch;
import tsunami.env.VectorEnv;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A batch of arena games as a multi-agent {@link VectorEnv}: every unit of the learning side is
 * an agent; observation layout and actions are described by {@link ObservationLayout}. All
 * arrays are allocated at construction; {@link #step} allocates nothing (the opponent
 * heuristic included, for the built-ins).
 */
public final class ArenaVectorEnv implements VectorEnv {
    private static final float[] DIR_X = {1, 0.70710677f, 0, -0.70710677f, -1, -0.70710677f, 0, 0.70710677f};
    private static final float[] DIR_Y = {0, -0.70710677f, -1, -0.70710677f, 0, 0.70710677f, 1, 0.70710677f};

    private final ArenaEnvConfig config;
    private final EnvSpec spec;
    private final ObservationLayout layout;
    private final Arena[] arenas;
    private final int me, enemy;
    private final int agents, firstMine, firstEnemy, enemies;
    private final int ka, ke, obsSize, numActions, types;
    private final int[] typeIndex; // unit id -> index among the scenario's types
    private final int[] slotEnemy; // [env][agent][k] -> enemy unit id, -1 when empty
    private final SplittableRandom[] episodeSeeds;
    private final long[] lastDealt, lastTaken;
    private final int[] lastKills, lastDeaths;
    private final float invEnemyArmy, invMyArmy;
    private final RewardSettings reward;
    // scratch for nearest-k selection
    private final int[] nearIdx;
    private final float[] nearDist;
    private long frames;
    // replay recording, per environment, only when asked for (allocates one recorder per episode)
    private final java.util.function.Consumer<tsunami.bots.replay.Replay>[] replaySinks;
    private final tsunami.bots.replay.ReplayRecorder[] recorders;
    private final String opponentName;
    private final TeacherAdvice[] teachers; // per environment, null without a teacher

    public ArenaVectorEnv(ArenaEnvConfig config, int numEnvs) {
        this.config = config;
        this.layout = config.layout();
        this.me = config.learnerSide();
        this.enemy = 1 - me;
        this.arenas = new Arena[numEnvs];
        String opp = "none";
        for (int e = 0; e < numEnvs; e++) {
            arenas[e] = new Arena(config.scenario(), config.data());
            if (config.opponent() != null) {
                var h = config.opponent().get();
                arenas[e].setController(enemy, h);
                if (h != null) opp = h.name();
            }
        }
        opponentName = opp;
        @SuppressWarnings("unchecked")
        java.util.function.Consumer<tsunami.bots.replay.Replay>[] sinks = new java.util.function.Consumer[numEnvs];
        replaySinks = sinks;
        recorders = new tsunami.bots.replay.ReplayRecorder[numEnvs];
        Arena a0 = arenas[0];
        agents = a0.unitCount(me);
        enemies = a0.unitCount(enemy);
        firstMine = a0.firstUnit(me);
        firstEnemy = a0.firstUnit(enemy);
        ka = config.nearestAllies();
        ke = config.nearestEnemies();
        obsSize = layout.size();
        numActions = layout.numActions();
        spec = new EnvSpec(numEnvs, agents, obsSize, numActions, config.frameSkip());
        List<UnitType> ts = config.scenario().unitTypes();
        types = ts.size();
        typeIndex = new int[a0.getUnitCount()];
        for (int u = 0; u < typeIndex.length; u++) typeIndex[u] = ts.indexOf(a0.getType(u));
        slotEnemy = new int[numEnvs * agents * ke];
        episodeSeeds = new SplittableRandom[numEnvs];
        lastDealt = new long[numEnvs];
        lastTaken = new long[numEnvs];
        lastKills = new int[numEnvs];
        lastDeaths = new int[numEnvs];
        invEnemyArmy = 1f / a0.startArmy256(enemy);
        invMyArmy = 1f / a0.startArmy256(me);
        reward = config.reward();
        int maxK = Math.max(ka, ke) + 1;
        nearIdx = new int[maxK];
        nearDist = new float[maxK];
        teachers = new TeacherAdvice[numEnvs];
        if (config.teacher() != null) {
            for (int e = 0; e < numEnvs; e++) {
                teachers[e] = new TeacherAdvice(config.teacher().get(), me, firstMine, agents, ke, slotEnemy);
            }
        }
        seed(0);
    }

    /** Seeds the episode streams without resetting (the factory calls this). */
    void seed(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        for (int e = 0; e < arenas.length; e++) episodeSeeds[e] = root.split();
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    public ObservationLayout layout() {
        return layout;
    }

    /** The game behind environment {@code e} (read it, e.g. to record or draw; do not step it). */
    public Arena arena(int e) {
        return arenas[e];
    }

    @Override
    public void reset(long seed, StepBatch out) {
        checkBatch(out);
        seed(seed);
        for (int e = 0; e < arenas.length; e++) {
            startEpisode(e);
            out.done[e] = false;
            out.outcome[e] = StepBatch.OUTCOME_NONE;
            out.episodeFrames[e] = 0;
            writeObservations(e, out);
            for (int a = 0; a < agents; a++) out.rewards[e * agents + a] = 0f;
            if (teachers[e] != null) teachers[e].advise(arenas[e], e, out.advice);
        }
    }

    /**
     * Records every episode of environment {@code e} that starts from now on and hands each
     * finished one to {@code sink} as a {@link tsunami.bots.replay.Replay} (the agents appear as
     * "agents"); null stops recording. Recording allocates; leave it off for training throughput.
     */
    public void recordEpisodes(int e, java.util.function.Consumer<tsunami.bots.replay.Replay> sink) {
        replaySinks[e] = sink;
        if (sink == null) {
            recorders[e] = null;
            arenas[e].setObserver(null);
        }
    }

    private void startEpisode(int e) {
        Arena arena = arenas[e];
        long seed = episodeSeeds[e].nextLong();
        if (replaySinks[e] != null) {
            String red = me == 0 ? "agents" : opponentName, blue = me == 0 ? opponentName : "agents";
            recorders[e] = new tsunami.bots.replay.ReplayRecorder(config.scenario(), seed, red, blue);
            arena.setObserver(recorders[e]);
        }
        arena.reset(seed);
        if (teachers[e] != null) teachers[e].start(arena);
        lastDealt[e] = 0;
        lastTaken[e] = 0;
        lastKills[e] = 0;
        lastDeaths[e] = 0;
    }

    @Override
    public void step(int[] actions, StepBatch out) {
        checkBatch(out);
        if (actions.length != spec.agents()) {
            throw new IllegalArgumentException("expected " + spec.agents() + " actions, got " + actions.length);
        }
        int skip = config.frameSkip();
        for (int e = 0; e < arenas.length; e++) {
            Arena arena = arenas[e];
            applyActions(e, actions);
            int f = 0;
            while (f < skip && !arena.isOver()) {
                arena.step();
                f++;
            }
            frames += f;
            long dealt = arena.damageDealt256(me), taken = arena.damageDealt256(enemy);
            int kills = arena.kills(me), deaths = arena.kills(enemy);
            float r = (float) (reward.damageDealt() * (dealt - lastDealt[e]) * invEnemyArmy
                    - reward.damageTaken() * (taken - lastTaken[e]) * invMyArmy
                    + reward.kill() * (kills - lastKills[e])
                    - reward.death() * (deaths - lastDeaths[e]));
            lastDealt[e] = dealt;
            lastTaken[e] = taken;
            lastKills[e] = kills;
            lastDeaths[e] = deaths;
            boolean over = arena.isOver();
            if (over) {
                int w = arena.winner();
                byte outcome = w == me ? StepBatch.OUTCOME_WIN : w == enemy ? StepBatch.OUTCOME_LOSS : StepBatch.OUTCOME_DRAW;
                r += (float) (outcome == StepBatch.OUTCOME_WIN ? reward.win() : reward.loss());
                out.outcome[e] = outcome;
                out.episodeFrames[e] = arena.getFrameCount();
                if (recorders[e] != null) {
                    replaySinks[e].accept(recorders[e].finish(arena));
                    recorders[e] = null;
                    arena.setObserver(null);
                }
                startEpisode(e);
            } else {
                out.outcome[e] = StepBatch.OUTCOME_NONE;
                out.episodeFrames[e] = 0;
            }
            out.done[e] = over;
            for (int a = 0; a < agents; a++) out.rewards[e * agents + a] = r;
            writeObservations(e, out);
            if (teachers[e] != null) teachers[e].advise(arena, e, out.advice);
        }
    }

    private void applyActions(int e, int[] actions) {
        Arena arena = arenas[e];
        Commands c = arena.commands(me);
        int base = e * agents;
        for (int a = 0; a < agents; a++) {
            int act = actions[base + a];
            int u = firstMine + a;
            if (act <= ObservationLayout.NO_OP || act >= numActions || !arena.exists(u)) continue;
            if (act == ObservationLayout.STOP) {
                c.stop(u);
            } else if (act < ObservationLayout.FIRST_ATTACK) {
                int d = act - ObservationLayout.FIRST_MOVE;
                float dist = config.moveDistance();
                c.move(u, (int) (arena.posX(u) + DIR_X[d] * dist), (int) (arena.posY(u) + DIR_Y[d] * dist));
            } else {
                int t = slotEnemy[(base + a) * ke + act - ObservationLayout.FIRST_ATTACK];
                if (t >= 0) c.attack(u, t); // the arena ignores targets that died meanwhile
            }
        }
    }

    private void writeObservations(int e, StepBatch out) {
        Arena arena = arenas[e];
        float[] obs = out.observations;
        byte[] mask = out.actionMask;
        float invW = 1f / arena.mapWidth(), invH = 1f / arena.mapHeight();
        float invR = 1f / ObservationLayout.DISTANCE_SCALE;
        for (int a = 0; a < agents; a++) {
            int slot = e * agents + a;
            int o = slot * obsSize;
            int m = slot * numActions;
            int u = firstMine + a;
            java.util.Arrays.fill(obs, o, o + obsSize, 0f);
            int slotBase = slot * ke;
            java.util.Arrays.fill(slotEnemy, slotBase, slotBase + ke, -1);
            if (!arena.exists(u)) {
                out.alive[slot] = 0;
                java.util.Arrays.fill(mask, m, m + numActions, (byte) 0);
                mask[m] = 1;
                continue;
            }
            out.alive[slot] = 1;
            float ux = arena.posX(u), uy = arena.posY(u);
            obs[o] = 1f;
            writeUnitState(arena, u, obs, o + 1);
            obs[o + 4] = ux * invW;
            obs[o + 5] = uy * invH;
            obs[o + 6 + typeIndex[u]] = 1f;
            // nearest allies
            int na = nearest(arena, u, firstMine, agents, ka);
            for (int k = 0; k < na; k++) {
                int j = nearIdx[k];
                int b = o + layout.allyOffset(k);
                writeNeighbour(arena, j, ux, uy, nearDist[k], invR, obs, b);
                obs[b + 7 + typeIndex[j]] = 1f;
            }
            int ne = nearest(arena, u, firstEnemy, enemies, ke);
            mask[m + ObservationLayout.NO_OP] = 1;
            mask[m + ObservationLayout.STOP] = 1;
            for (int d = 0; d < 8; d++) mask[m + ObservationLayout.FIRST_MOVE + d] = 1;
            for (int k = 0; k < ke; k++) mask[m + ObservationLayout.FIRST_ATTACK + k] = 0;
            for (int k = 0; k < ne; k++) {
                int j = nearIdx[k];
                int b = o + layout.enemyOffset(k);
                writeNeighbour(arena, j, ux, uy, nearDist[k], invR, obs, b);
                obs[b + 7] = arena.isInWeaponRange(u, j) ? 1f : 0f;
                obs[b + 8 + typeIndex[j]] = 1f;
                slotEnemy[slotBase + k] = j;
                if (arena.canAttack(u, j)) mask[m + ObservationLayout.FIRST_ATTACK + k] = 1;
            }
        }
    }

    /** The fields ally and enemy slots share: present, offset from the agent, distance, unit state. */
    private static void writeNeighbour(Arena arena, int j, float ux, float uy, float distSq, float invR, float[] obs, int b) {
        obs[b] = 1f;
        obs[b + 1] = (arena.posX(j) - ux) * invR;
        obs[b + 2] = (arena.posY(j) - uy) * invR;
        obs[b + 3] = (float) Math.sqrt(distSq) * invR;
        writeUnitState(arena, j, obs, b + 4);
    }

    private static void writeUnitState(Arena arena, int j, float[] obs, int b) {
        obs[b] = (float) arena.hitPoints256(j) / arena.maxHitPoints256(j);
        int msh = arena.maxShields256(j);
        obs[b + 1] = msh == 0 ? 0f : (float) arena.shields256(j) / msh;
        var w = arena.getType(j).groundWeapon() != null ? arena.getType(j).groundWeapon() : arena.getType(j).airWeapon();
        obs[b + 2] = w == null ? 0f : Math.min(1f, (float) arena.getCooldown(j) / w.cooldown());
    }

    /** Selects up to k living units among [first, first+count) nearest to u (u excluded) into nearIdx/nearDist. */
    private int nearest(Arena arena, int u, int first, int count, int k) {
        if (k == 0) return 0;
        float ux = arena.posX(u), uy = arena.posY(u);
        int found = 0;
        for (int j = first, end = first + count; j < end; j++) {
            if (j == u || !arena.exists(j)) continue;
            float dx = arena.posX(j) - ux, dy = arena.posY(j) - uy;
            float d = dx * dx + dy * dy;
            if (found == k && d >= nearDist[k - 1]) continue;
            int pos = found < k ? found++ : k - 1;
            while (pos > 0 && nearDist[pos - 1] > d) {
                nearDist[pos] = nearDist[pos - 1];
                nearIdx[pos] = nearIdx[pos - 1];
                pos--;
            }
            nearDist[pos] = d;
            nearIdx[pos] = j;
        }
        return found;
    }

    private void checkBatch(StepBatch out) {
        if (!out.spec.equals(spec)) throw new IllegalArgumentException("StepBatch made for " + out.spec + ", env is " + spec);
    }

    @Override
    public long framesSimulated() {
        return frames;
    }
}
