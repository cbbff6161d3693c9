package tsunami.bots.arena;

import tsunami.bots.data.UnitType;
import tsunami.bots.heuristic.Commands;
import tsunami.bots.scenario.RewardSettings;
import tsunami.env.EnvSpec;
import tsunami.env.FightSpec;
import tsunami.env.FightState;
import tsunami.env.FightStateEnv;
import tsunami.env.StepBatch;
import tsunami.env.VectorEnv;

import java.util.List;
import java.util.SplittableRandom;

import static tsunami.bots.arena.ObservationLayout.*;

/**
 * A batch of arena games as a multi-agent {@link VectorEnv}: every unit of the learning side is
 * an agent; observation layout and actions are described by {@link ObservationLayout}. All
 * arrays are allocated at construction; {@link #step} allocates nothing (the opponent
 * heuristic included, for the built-ins).
 */
public final class ArenaVectorEnv implements FightStateEnv {
    private final ArenaEnvConfig config;
    private final EnvSpec spec;
    private final ObservationLayout layout;
    private final Arena[] arenas;
    private final int me, enemy;
    private final int agents, firstMine;
    private final int ke, obsSize, numActions;
    private final ObservationEncoder encoder;
    private final GlobalStateEncoder globalState;
    private final int[] slotEnemy; // [env][agent][k] -> enemy unit id, -1 when empty
    private final SplittableRandom[] episodeSeeds;
    private final long[] lastDealt, lastTaken;
    private final int[] lastKills, lastDeaths;
    private final long[] unitLastDealt, unitLastTaken;
    private final int[] unitLastKills;
    private final boolean[] unitLastDead;
    private final float invEnemyArmy, invMyArmy;
    private final RewardSettings reward;
    // scratch for nearest-k selection
    private long frames;
    // recording, per environment, only when asked for (a recorder allocates per episode)
    private final GameRecorder[] recorders;
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
        recorders = new GameRecorder[numEnvs];
        Arena a0 = arenas[0];
        agents = a0.unitCount(me);
        firstMine = a0.firstUnit(me);
        ke = config.nearestEnemies();
        obsSize = layout.size();
        numActions = layout.numActions();
        globalState = new GlobalStateEncoder(config.scenario().unitTypes(), firstMine, agents, a0.firstUnit(enemy), a0.unitCount(enemy));
        spec = new EnvSpec(numEnvs, agents, obsSize, numActions, config.frameSkip(), globalState.size());
        List<UnitType> ts = config.scenario().unitTypes();
        encoder = new ObservationEncoder(layout, ts);
        slotEnemy = new int[numEnvs * agents * ke];
        episodeSeeds = new SplittableRandom[numEnvs];
        lastDealt = new long[numEnvs];
        lastTaken = new long[numEnvs];
        lastKills = new int[numEnvs];
        lastDeaths = new int[numEnvs];
        unitLastDealt = new long[numEnvs * agents];
        unitLastTaken = new long[numEnvs * agents];
        unitLastKills = new int[numEnvs * agents];
        unitLastDead = new boolean[numEnvs * agents];
        invEnemyArmy = 1f / a0.startArmy256(enemy);
        invMyArmy = 1f / a0.startArmy256(me);
        reward = config.reward();
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
     * Records every episode of environment {@code e} that starts from now on with {@code recorder}
     * (e.g. {@code ReplayRecorder.into(sink)}; the agents appear as "agents"); null stops
     * recording. Recording allocates; leave it off for training throughput.
     */
    public void recordEpisodes(int e, GameRecorder recorder) {
        recorders[e] = recorder;
        if (recorder == null) arenas[e].setObserver(null);
    }

    private void startEpisode(int e) {
        Arena arena = arenas[e];
        long seed = episodeSeeds[e].nextLong();
        if (recorders[e] != null) {
            String red = me == 0 ? "agents" : opponentName, blue = me == 0 ? opponentName : "agents";
            arena.setObserver(recorders[e].start(config.scenario(), seed, red, blue));
        }
        arena.reset(seed);
        if (teachers[e] != null) teachers[e].start(arena);
        lastDealt[e] = 0;
        lastTaken[e] = 0;
        lastKills[e] = 0;
        lastDeaths[e] = 0;
        for (int a = 0; a < agents; a++) {
            int i = e * agents + a;
            unitLastDealt[i] = unitLastTaken[i] = 0;
            unitLastKills[i] = 0;
            unitLastDead[i] = false;
        }
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
            float team = (float) (reward.damageDealt() * (dealt - lastDealt[e]) * invEnemyArmy
                    - reward.damageTaken() * (taken - lastTaken[e]) * invMyArmy
                    + reward.kill() * (kills - lastKills[e])
                    - reward.death() * (deaths - lastDeaths[e]));
            lastDealt[e] = dealt;
            lastTaken[e] = taken;
            lastKills[e] = kills;
            lastDeaths[e] = deaths;
            // with unit credit each agent's own part replaces the team's; the game's outcome stays shared
            if (reward.unitCredit()) unitRewards(e, arena, out);
            float outcomeReward = 0;
            boolean over = arena.isOver();
            if (over) {
                int w = arena.winner();
                byte outcome = w == me ? StepBatch.OUTCOME_WIN : w == enemy ? StepBatch.OUTCOME_LOSS : StepBatch.OUTCOME_DRAW;
                outcomeReward = (float) (outcome == StepBatch.OUTCOME_WIN ? reward.win() : reward.loss());
                out.outcome[e] = outcome;
                out.episodeFrames[e] = arena.getFrameCount();
                if (finalFights != null) fightStates().read(arena, null, 0, finalFights[e]);
                startEpisode(e);
            } else {
                out.outcome[e] = StepBatch.OUTCOME_NONE;
                out.episodeFrames[e] = 0;
            }
            out.done[e] = over;
            for (int a = 0; a < agents; a++) {
                int i = e * agents + a;
                out.rewards[i] = (reward.unitCredit() ? out.rewards[i] : team) + outcomeReward;
            }
            writeObservations(e, out);
            if (teachers[e] != null) teachers[e].advise(arena, e, out.advice);
        }
    }

    /**
     * Unit credit: agent a's own damage dealt and suffered, kills and death since the last step,
     * into {@code out.rewards}, each scaled by the side's unit count (the agents' mean is then
     * the team's reward). Read before the episode restarts.
     */
    private void unitRewards(int e, Arena arena, StepBatch out) {
        for (int a = 0; a < agents; a++) {
            int u = firstMine + a, i = e * agents + a;
            long dealt = arena.unitDamageDealt256(u), taken = arena.unitDamageTaken256(u);
            int kills = arena.unitKills(u);
            boolean dead = !arena.exists(u);
            out.rewards[i] = (float) (agents * (reward.damageDealt() * (dealt - unitLastDealt[i]) * invEnemyArmy
                    - reward.damageTaken() * (taken - unitLastTaken[i]) * invMyArmy
                    + reward.kill() * (kills - unitLastKills[i]))
                    - reward.death() * (dead && !unitLastDead[i] ? agents : 0));
            unitLastDealt[i] = dealt;
            unitLastTaken[i] = taken;
            unitLastKills[i] = kills;
            unitLastDead[i] = dead;
        }
    }

    private void applyActions(int e, int[] actions) {
        Arena arena = arenas[e];
        Commands c = arena.commands(me);
        int base = e * agents;
        for (int a = 0; a < agents; a++) {
            encoder.act(arena, c, firstMine + a, actions[base + a], slotEnemy, (base + a) * ke, config.moveDistance());
        }
    }

    private void writeObservations(int e, StepBatch out) {
        Arena arena = arenas[e];
        for (int a = 0; a < agents; a++) {
            int slot = e * agents + a;
            boolean alive = encoder.encode(arena, firstMine + a, out.observations, slot * obsSize, out.actionMask, slot * numActions,
                    slotEnemy, slot * ke);
            out.alive[slot] = (byte) (alive ? 1 : 0);
        }
        globalState.encode(arena, out.state, e * spec.stateSize());
    }

    private void checkBatch(StepBatch out) {
        if (!out.spec.equals(spec)) throw new IllegalArgumentException("StepBatch made for " + out.spec + ", env is " + spec);
    }

    @Override
    public long framesSimulated() {
        return frames;
    }

    // The fight-state view (FightStateEnv), made on first use so that envs nobody reads pay nothing.
    private ArenaFightStates fightStates;
    private FightState[] finalFights; // [env]: the last state of the episode that ended in the last step

    private ArenaFightStates fightStates() {
        if (fightStates == null) fightStates = new ArenaFightStates(config, arenas[0]);
        return fightStates;
    }

    @Override
    public FightSpec fightSpec() {
        return fightStates().spec();
    }

    @Override
    public void readFight(int env, FightState out) {
        fightStates().read(arenas[env], slotEnemy, env * agents * ke, out);
        if (finalFights == null) {
            // from now on keep each episode's last state before the reset wipes it
            finalFights = new FightState[arenas.length];
            for (int e = 0; e < arenas.length; e++) finalFights[e] = new FightState(fightSpec());
        }
    }

    @Override
    public void readFinalFight(int env, FightState out) {
        if (finalFights == null) throw new IllegalStateException("readFinalFight before any readFight: final states are kept only once asked for");
        out.copyFrom(finalFights[env]);
    }

    @Override
    public int observeFight(FightState state, float[] obs, int o, byte[] mask, int m) {
        return fightStates().observe(state, obs, o, mask, m);
    }

    /**
     * Unit credit for a predicted interval, from the two states alone (the model predicts no
     * per-unit tallies): an enemy's loss of hit points and shields, and its death, go to the agents
     * whose unit targets it after the interval, split evenly; an agent's own loss and death are its
     * own. Each agent gets {@code team} plus its part minus the agents' mean part, so the agents' mean
     * stays the predicted team reward, as with {@link #unitRewards} on real steps.
     */
    @Override
    public void creditAgents(FightState before, FightState after, float team, float[] out, int o) {
        if (!reward.unitCredit()) {
            java.util.Arrays.fill(out, o, o + agents, team);
            return;
        }
        FightSpec spec = before.spec;
        int mine = spec.learnerUnits(), n = spec.units();
        double myArmy = 0, enemyArmy = 0;
        for (int u = 0; u < n; u++) {
            double full = spec.maxHitPoints()[u] + spec.maxShields()[u];
            if (u < mine) myArmy += full;
            else enemyArmy += full;
        }
        double[] part = new double[agents];
        for (int j = mine; j < n; j++) {
            if (!before.alive[j]) continue;
            int attackers = 0;
            for (int a = 0; a < agents; a++) if (before.alive[a] && after.target[a] == j) attackers++;
            if (attackers == 0) continue;
            double lost = Math.max(0, before.hitPoints[j] + before.shields[j] - (after.alive[j] ? after.hitPoints[j] + after.shields[j] : 0));
            double share = (reward.damageDealt() * lost / enemyArmy + (after.alive[j] ? 0 : reward.kill())) / attackers;
            for (int a = 0; a < agents; a++) if (before.alive[a] && after.target[a] == j) part[a] += agents * share;
        }
        double mean = 0;
        for (int a = 0; a < agents; a++) {
            if (before.alive[a]) {
                double lost = Math.max(0, before.hitPoints[a] + before.shields[a] - (after.alive[a] ? after.hitPoints[a] + after.shields[a] : 0));
                part[a] -= agents * reward.damageTaken() * lost / myArmy + (after.alive[a] ? 0 : agents * reward.death());
            }
            mean += part[a];
        }
        mean /= agents;
        for (int a = 0; a < agents; a++) out[o + a] = (float) (team + part[a] - mean);
    }
}
