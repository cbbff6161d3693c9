package tsunami.bots.arena;

import tsunami.bots.data.UnitType;

import java.util.Arrays;
import java.util.List;

/**
 * The global state of one arena game for a centralised critic ({@link tsunami.env.StepBatch#state}):
 * every unit of both sides in a fixed order, the learning side's units first, each as
 * <pre>
 *   alive, hp/max, shields/max, cooldown/max, x/mapWidth, y/mapHeight, type one-hot (T)
 * </pre>
 * in absolute map coordinates, so it is the same vector whichever agent asks (unlike an agent's
 * observation, which is egocentric and sees only its nearest neighbours). Dead units are zeros.
 */
public final class GlobalStateEncoder {
    /** Features per unit before the type one-hot. */
    public static final int UNIT_FEATURES = 6;
    public static final int ALIVE = 0, HP = 1, SHIELDS = 2, COOLDOWN = 3, X = 4, Y = 5;   // HP..COOLDOWN as ObservationLayout's unit state

    private final ObservationEncoder types;   // for its type one-hot and unit state, written alike in both
    private final int typeCount;
    private final int firstMine, mine, firstTheirs, theirs;

    /**
     * @param types the scenario's unit types, in the order of the one-hot
     * @param firstMine first unit id of the learning side, {@code mine} units from there; likewise the other side
     */
    public GlobalStateEncoder(List<UnitType> types, int firstMine, int mine, int firstTheirs, int theirs) {
        this.types = new ObservationEncoder(new ObservationLayout(types.size(), 0, 1), types);
        this.typeCount = types.size();
        this.firstMine = firstMine;
        this.mine = mine;
        this.firstTheirs = firstTheirs;
        this.theirs = theirs;
    }

    public int unitSize() {
        return UNIT_FEATURES + typeCount;
    }

    /** Floats in the state: every unit of both sides. */
    public int size() {
        return (mine + theirs) * unitSize();
    }

    /** Writes {@code arena}'s state at {@code out[at..at+size())}. */
    public void encode(Arena arena, float[] out, int at) {
        Arrays.fill(out, at, at + size(), 0f);
        int w = unitSize();
        for (int i = 0; i < mine; i++) writeUnit(arena, firstMine + i, out, at + i * w);
        for (int i = 0; i < theirs; i++) writeUnit(arena, firstTheirs + i, out, at + (mine + i) * w);
    }

    private void writeUnit(Arena g, int u, float[] out, int b) {
        if (!g.exists(u)) return;
        out[b + ALIVE] = 1f;
        ObservationEncoder.writeUnitState(g, u, out, b + HP);   // hp, shields, cooldown
        out[b + X] = g.positionX(u) / g.mapWidth();
        out[b + Y] = g.positionY(u) / g.mapHeight();
        out[b + UNIT_FEATURES + types.typeIndex(g.getType(u))] = 1f;
    }
}
