package tsunami.bots.arena;

import tsunami.bots.data.UnitType;
import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;
import tsunami.bots.heuristic.Heuristic;
import tsunami.env.EntityLayout;
import tsunami.learn.Evaluator;
import tsunami.learn.PolicyActor;
import tsunami.learn.PolicyConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A trained policy playing one side of an arena game as a heuristic, for self-play and opponent
 * pools: every decision it reads each of its units' observation ({@link ObservationEncoder}, from
 * that side's point of view), evaluates the actor in plain Java ({@link PolicyActor}) and orders
 * the most probable legal action (greedy) or a sampled one. Which parameters play is asked of
 * {@code source} at the start of every game, so a league can hand out a different past
 * checkpoint each time; a source with nothing to give yet (null) leaves the units to their orders for that game.
 */
public final class PolicyOpponent implements Heuristic {
    /** Parameters to play with: the network's configuration, its flat parameters, and whether it was trained with in-range attacks only. */
    public record Policy(PolicyConfig config, float[] params, boolean attacksInRange) {
    }

    private final String name;
    private final ObservationLayout layout;
    private final ObservationEncoder encoder;
    private final int moveDistance;
    private final Supplier<Policy> source;
    private final boolean greedy;
    private final SplittableRandom rnd;
    private Policy playing;
    private PolicyActor actor;
    private int[] units = new int[0];
    private float[] obs = new float[0], probs = new float[0];
    private byte[] mask = new byte[0];
    private int[] slotEnemy = new int[0];

    /**
     * @param layout the observation layout of the side it plays (neighbour counts from that side's point of view)
     * @param types  the scenario's unit types
     */
    public PolicyOpponent(String name, ObservationLayout layout, List<UnitType> types, int moveDistance, Supplier<Policy> source,
                          boolean greedy, long seed) {
        this.name = name;
        this.layout = layout;
        this.encoder = new ObservationEncoder(layout, types);
        this.moveDistance = moveDistance;
        this.source = source;
        this.greedy = greedy;
        this.rnd = new SplittableRandom(seed);
    }

    /** The layout that {@code side} of {@code config}'s scenario sees: its allies and the other side's units as enemies, up to 8 each. */
    public static ObservationLayout layoutOfSide(ArenaEnvConfig config, int side) {
        var s = config.scenario();
        return new ObservationLayout(s.unitTypes().size(), Math.min(8, s.unitCount(side) - 1), Math.min(8, s.unitCount(1 - side)));
    }

    /** Why {@code policy} cannot play with {@code layout}'s observations and actions, or null when it can. */
    public static String misfit(PolicyConfig policy, ObservationLayout layout) {
        if (policy.entityNetwork()) {
            // an entity network reads units, whatever the slot counts: the blocks must match
            EntityLayout side = layout.entityLayout(), trained = policy.entities();
            if (trained.sameUnits(side)) return null;
            return "its entity network reads units of " + trained.selfSize() + "/" + trained.allySize() + "/" + trained.enemySize()
                    + " floats (self/ally/enemy) with " + trained.firstTargetAction() + " actions before the attacks; this side's are "
                    + side.selfSize() + "/" + side.allySize() + "/" + side.enemySize() + " with " + side.firstTargetAction();
        }
        if (policy.observationSize() == layout.size() && policy.numActions() == layout.numActions()) return null;
        return "its network takes " + policy.observationSize() + " observations and " + policy.numActions() + " actions; this side gives "
                + layout.size() + " and " + layout.numActions()
                + " (an MLP plays only a side shaped as the one it was trained on; an entity network, --network entity, reads any number of units)";
    }

    /** {@code policy} as it plays with {@code layout}: an entity network reads this side's slots; an MLP is as it was. */
    static PolicyConfig playing(PolicyConfig policy, ObservationLayout layout) {
        return policy.entityNetwork() ? policy.readingUnits(layout.entityLayout()) : policy;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "a trained policy (" + (greedy ? "greedy" : "sampled") + ")";
    }

    @Override
    public void onStart(GameView game, int player) {
        Policy p = source.get();
        playing = p;
        if (p == null) return;   // no policy to play yet: the units keep their orders this game
        String why = misfit(p.config(), layout);
        if (why != null) throw new IllegalStateException(name + ": " + why);
        PolicyConfig config = playing(p.config(), layout);
        if (actor == null || !actor.config().sameNetwork(config)) actor = new PolicyActor(config);
        List<Integer> mine = new ArrayList<>();
        for (int u = 0; u < game.getUnitCount(); u++) if (game.getPlayer(u) == player) mine.add(u);
        if (units.length != mine.size()) {
            units = new int[mine.size()];
            obs = new float[units.length * layout.size()];
            probs = new float[units.length * layout.numActions()];
            mask = new byte[units.length * layout.numActions()];
            slotEnemy = new int[units.length * layout.nearestEnemies()];
        }
        for (int i = 0; i < units.length; i++) units[i] = mine.get(i);
    }

    @Override
    public void onFrame(GameView game, int player, Commands commands) {
        if (playing == null) return;
        int o = layout.size(), a = layout.numActions(), ke = layout.nearestEnemies();
        for (int i = 0; i < units.length; i++) {
            encoder.encode(game, units[i], obs, i * o, mask, i * a, slotEnemy, i * ke);
            if (playing.attacksInRange()) layout.restrictAttacksToRange(obs, i * o, mask, i * a);
        }
        actor.probs(playing.params(), obs, mask, units.length, probs);
        for (int i = 0; i < units.length; i++) {
            if (!game.exists(units[i])) continue;
            int act = greedy ? Evaluator.argmax(probs, i * a, a, mask) : sample(i * a, a);
            encoder.act(game, commands, units[i], act, slotEnemy, i * ke, moveDistance);
        }
    }

    private int sample(int offset, int a) {
        double u = rnd.nextDouble(), acc = 0;
        int last = 0;
        for (int k = 0; k < a; k++) {
            if (mask[offset + k] == 0) continue;
            last = k;
            acc += probs[offset + k];
            if (u < acc) return k;
        }
        return last;
    }
}
