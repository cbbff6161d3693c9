package tsunami.bots.replay;

import tsunami.bots.arena.Arena;
import tsunami.bots.data.GameData;
import tsunami.bots.data.UnitType;

import java.util.ArrayList;
import java.util.List;

/** A replay re-run and sampled every {@code step} frames: what the HTML and PNG views draw. */
public final class ReplayTrack {
    /** Per unit: type, side, size. */
    public record UnitInfo(String type, int player, int radius, boolean flyer) {
    }

    public final Replay replay;
    public final int mapWidth, mapHeight, step;
    public final List<UnitInfo> units = new ArrayList<>();
    /** Per sample: x, y, hit points + shields (0 when dead) per unit, and the sample's frame. */
    public final List<int[]> samples = new ArrayList<>();
    public final List<Integer> sampleFrames = new ArrayList<>();
    public final int[] maxHealth;

    public ReplayTrack(Replay replay, int step) {
        this.replay = replay;
        this.step = step;
        int[][] holder = new int[1][];
        Arena end = ReplayPlayer.play(replay, GameData.standard(), a -> {
            if (units.isEmpty()) {
                for (int u = 0; u < a.getUnitCount(); u++) {
                    UnitType t = a.getType(u);
                    units.add(new UnitInfo(t.shortName(), a.getPlayer(u), Math.max(t.width(), t.height()) / 2, t.flyer()));
                }
                holder[0] = new int[a.getUnitCount()];
                for (int u = 0; u < a.getUnitCount(); u++) holder[0][u] = (a.maxHitPoints256(u) + a.maxShields256(u)) >> 8;
            }
            if (a.getFrameCount() % step == 0 || a.isOver()) {
                int n = a.getUnitCount();
                int[] s = new int[3 * n];
                for (int u = 0; u < n; u++) {
                    s[3 * u] = a.getX(u);
                    s[3 * u + 1] = a.getY(u);
                    s[3 * u + 2] = a.exists(u) ? a.getHitPoints(u) + a.getShields(u) : 0;
                }
                samples.add(s);
                sampleFrames.add(a.getFrameCount());
            }
        });
        this.mapWidth = end.mapWidth();
        this.mapHeight = end.mapHeight();
        this.maxHealth = holder[0];
    }

    public String winnerText() {
        return switch (replay.winner()) {
            case 0 -> "red (" + replay.red() + ") wins";
            case 1 -> "blue (" + replay.blue() + ") wins";
            default -> "draw";
        };
    }
}
