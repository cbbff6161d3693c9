package tsunami.bots.arena;

import tsunami.bots.data.GameData;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;

import java.util.Locale;

/** Test helper: small hand-placed arena games written as scenario text. */
final class Duel {
    private Duel() {
    }

    /** A scenario with the given red and blue group lines (YAML list items), no jitter, 1-frame decisions. */
    static Scenario scenario(String red, String blue) {
        return scenario(red, blue, GameData.standard());
    }

    static Scenario scenario(String red, String blue, GameData data) {
        String text = String.format(Locale.ROOT, """
                name: duel
                map: {width: 2048, height: 2048}
                time_limit_frames: 20000
                decision_interval: 1
                jitter: 0
                red:
                %s
                blue:
                %s
                """, red, blue);
        return new ScenarioLoader(data).parse(text, "duel.yaml");
    }

    static String unit(String type, double x, double y) {
        return String.format(Locale.ROOT, "  - {type: %s, count: 1, x: %s, y: %s}", type, x, y);
    }

    /**
     * Red unit 0 attacks blue unit 1, which is kept passive (a move order onto its own spot each
     * frame: moving units do not fight back) until it dies; returns the number of attacks red needed.
     */
    static int attacksToKill(String attacker, String target, int gap) {
        return attacksToKill(attacker, target, gap, GameData.standard());
    }

    static int attacksToKill(String attacker, String target, int gap, GameData data) {
        var ta = data.require(attacker);
        var tt = data.require(target);
        double ax = 500, ay = 1000;
        double bx = ax + ta.dimRight() + 1 + gap + tt.dimLeft();
        Arena a = new Arena(scenario(unit(attacker, ax, ay), unit(target, bx, ay), data), data);
        a.reset(7);
        a.commands(0).attack(0, 1);
        int attacks = 0;
        int lastCd = 0;
        for (int f = 0; f < 19000 && a.exists(1); f++) {
            a.commands(1).move(1, (int) bx, (int) ay);
            a.step();
            int cd = a.getCooldown(0);
            if (cd > lastCd) attacks++;
            lastCd = cd;
        }
        if (a.exists(1)) throw new AssertionError(target + " survived " + attacker);
        return attacks;
    }
}
