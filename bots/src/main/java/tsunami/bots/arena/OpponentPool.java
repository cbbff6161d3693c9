package tsunami.bots.arena;

import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;
import tsunami.bots.heuristic.Heuristic;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Several opponents behind one heuristic: at the start of every game it draws one member with
 * probability proportional to its weight, and that member plays the whole game. One pool per
 * environment, each with its own seeded random source, so a pool never shares a member's fields
 * between games played side by side.
 */
public final class OpponentPool implements Heuristic {
    /** A member and its (positive) weight. */
    public record Member(Heuristic heuristic, double weight) {
        public Member {
            if (!(weight > 0) || Double.isInfinite(weight)) throw new IllegalArgumentException("pool weights must be positive and finite: " + weight);
        }
    }

    private final String name;
    private final Heuristic[] members;
    private final double[] cumulative;
    private final SplittableRandom rnd;
    private Heuristic current;

    public OpponentPool(String name, List<Member> members, long seed) {
        if (members.isEmpty()) throw new IllegalArgumentException("an opponent pool needs at least one member");
        this.name = name;
        this.members = new Heuristic[members.size()];
        this.cumulative = new double[members.size()];
        double sum = 0;
        for (int i = 0; i < members.size(); i++) {
            this.members[i] = members.get(i).heuristic();
            sum += members.get(i).weight();
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) cumulative[i] /= sum;
        this.rnd = new SplittableRandom(seed);
    }

    /** The member playing the current game (null before the first). */
    public Heuristic current() {
        return current;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "a pool of " + members.length + " opponents, one drawn per game by weight";
    }

    @Override
    public void onStart(GameView game, int player) {
        double u = rnd.nextDouble();
        int i = 0;
        while (i < cumulative.length - 1 && u >= cumulative[i]) i++;
        current = members[i];
        current.onStart(game, player);
    }

    @Override
    public void onFrame(GameView game, int player, Commands commands) {
        current.onFrame(game, player, commands);
    }
}
