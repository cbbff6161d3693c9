package tsunami.bots.heuristic.builtin;

import tsunami.bots.heuristic.*;

import tsunami.bots.arena.Arena;
import tsunami.bots.heuristic.Commands;
import tsunami.bots.data.GameData;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Hand-placed positions for heuristic tests, and a recorder of the orders a heuristic gives there. */
final class HandPlaced {
    private HandPlaced() {
    }

    /** Red units then blue units, {type, x, y} each; ids in that order. No jitter, a decision every frame. */
    static Arena arena(String[] red, String[] blue) {
        StringBuilder r = new StringBuilder(), b = new StringBuilder();
        for (int i = 0; i < red.length; i += 3) r.append(line(red[i], red[i + 1], red[i + 2]));
        for (int i = 0; i < blue.length; i += 3) b.append(line(blue[i], blue[i + 1], blue[i + 2]));
        String text = "name: t\nmap: {width: 2048, height: 2048}\ntime_limit_frames: 5000\ndecision_interval: 1\njitter: 0\nred:\n"
                + r + "blue:\n" + b;
        Scenario s = new ScenarioLoader().parse(text, "t.yaml");
        Arena a = new Arena(s, GameData.standard());
        a.reset(1);
        return a;
    }

    private static String line(String type, String x, String y) {
        return String.format(Locale.ROOT, "  - {type: %s, count: 1, x: %s, y: %s}%n", type, x, y);
    }

    /** The orders {@code h} gives red's units now, recorded and passed on to the arena. */
    static Recorder decide(Heuristic h, Arena a) {
        Recorder rec = new Recorder(a.commands(0));
        h.onFrame(a, 0, rec);
        return rec;
    }

    /** Records attacks as {unit, target} and moves as {unit, x, y}, counts other orders, passes every order on. */
    static final class Recorder implements Commands {
        final List<int[]> attacks = new ArrayList<>();
        final List<int[]> moves = new ArrayList<>();
        int others;
        private final Commands real;

        Recorder(Commands real) {
            this.real = real;
        }

        @Override public void move(int unit, int x, int y) { moves.add(new int[]{unit, x, y}); real.move(unit, x, y); }
        @Override public void attack(int unit, int target) { attacks.add(new int[]{unit, target}); real.attack(unit, target); }
        @Override public void attackMove(int unit, int x, int y) { others++; real.attackMove(unit, x, y); }
        @Override public void stop(int unit) { others++; real.stop(unit); }
        @Override public void holdPosition(int unit) { others++; real.holdPosition(unit); }

        /** The target of the unit's last attack order, or -1. */
        int targetOf(int unit) {
            int t = -1;
            for (int[] a : attacks) if (a[0] == unit) t = a[1];
            return t;
        }

        int orders() {
            return attacks.size() + moves.size() + others;
        }
    }
}
