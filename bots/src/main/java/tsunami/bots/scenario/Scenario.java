package tsunami.bots.scenario;

import tsunami.bots.data.UnitType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A micro-combat scenario: two sides' units, map size, time limit and reward settings; read
 * from a YAML file by {@link ScenarioLoader} (format in docs/scenarios.md).
 *
 * @param decisionInterval frames between two calls of the heuristics
 * @param jitter           random displacement (pixels, each axis) of every unit at the start of an episode
 * @param text             the file's text, kept so that replays carry the scenario with them
 */
public record Scenario(String name, String description, int mapWidth, int mapHeight, int timeLimitFrames,
                       int decisionInterval, double jitter, List<UnitGroup> red, List<UnitGroup> blue,
                       RewardSettings reward, String text) {

    public List<UnitGroup> side(int player) {
        return player == 0 ? red : blue;
    }

    public int unitCount(int player) {
        int n = 0;
        for (UnitGroup g : side(player)) n += g.count();
        return n;
    }

    /** Unit types appearing in the scenario, red's first, in file order. */
    public List<UnitType> unitTypes() {
        Set<UnitType> s = new LinkedHashSet<>();
        for (UnitGroup g : red) s.add(g.type());
        for (UnitGroup g : blue) s.add(g.type());
        return new ArrayList<>(s);
    }

    /** Starting positions of a side's units before jitter, as {x0, y0, x1, y1, ...}, in unit order. */
    public double[] formationPositions(int player) {
        double[] out = new double[2 * unitCount(player)];
        int k = 0;
        for (UnitGroup g : side(player)) {
            groupPositions(g, player, out, k);
            k += 2 * g.count();
        }
        return out;
    }

    /** Writes the starting positions of one group of {@code player}'s units into {@code out} from index {@code k}. */
    static void groupPositions(UnitGroup g, int player, double[] out, int k) {
        int n = g.count();
        for (int i = 0; i < n; i++) {
            double dx, dy;
            switch (g.formation()) {
                case "column" -> { dx = (i - (n - 1) / 2.0) * g.spacing(); dy = 0; }
                case "grid" -> {
                    int cols = Math.max(1, g.columns());
                    int rows = (n + cols - 1) / cols;
                    // columns run across the front (y), rows go back (x), away from the map centre
                    int r = i / cols, c = i % cols;
                    double back = player == 0 ? -1 : 1;
                    dy = (c - (Math.min(cols, n) - 1) / 2.0) * g.spacing();
                    dx = back * (r - (rows - 1) / 2.0) * g.spacing();
                }
                default -> { dx = 0; dy = (i - (n - 1) / 2.0) * g.spacing(); }
            }
            out[k++] = g.x() + dx;
            out[k++] = g.y() + dy;
        }
    }
}
