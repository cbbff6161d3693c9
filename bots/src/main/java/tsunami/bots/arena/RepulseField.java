package tsunami.bots.arena;

import java.util.Arrays;

/** BW's repulse field: flyers sharing a cell drift apart instead of staying stacked. */
final class RepulseField {
    /** Side of a repulse-field cell in px (OpenBW repulse_index, as we read it: 48 px cells). */
    private static final int REPULSE_CELL = 48;
    /** Frames between two updates of a flyer's repulse direction (OpenBW: repulse_flags counts 7 down). */
    private static final int REPULSE_PERIOD = 7;
    private final ArenaState s;
    /** Flyers per repulse-field cell, recounted every frame. */
    private final int repulseW, repulseH;
    private final int[] repulseCount;

    RepulseField(ArenaState s) {
        this.s = s;
        repulseW = s.mapW / REPULSE_CELL + 1;
        repulseH = s.mapH / REPULSE_CELL + 1;
        repulseCount = new int[repulseW * repulseH];
    }

    /**
     * BW's repulse field (OpenBW apply_repulse_field, update_repulse_direction): the map is cut into
     * {@link #REPULSE_CELL}-px cells that count the flyers in them; a flyer in a cell holding two or
     * more is pushed half a pixel a frame along its own repulse direction, and a standing one by
     * (count / 4 + 1) / 2 times that (a quarter pixel for 2 or 3 flyers, half for 4 to 7). Every
     * {@link #REPULSE_PERIOD} + 1 frames the direction is renewed: a travelling flyer's is turned to
     * lie 45 to 90 degrees off its course, on the side it already leans to; near a map edge it is
     * mirrored away from the edge. No push during an attack animation (BW: iscript nobrk). What we
     * leave out: BW's small per-unit jitter table (under 0.02 px) and the initial direction, which
     * we draw from the game's seed.
     */
    void apply() {
        Arrays.fill(repulseCount, 0);
        for (int i = 0; i < s.n; i++) if (s.alive[i] && s.flyer[i]) repulseCount[repulseCell(i)]++;
        for (int k = 0; k < s.n; k++) {
            int i = s.updateOrder[k];
            if (!s.alive[i] || !s.flyer[i] || s.frame < s.busyUntil[i]) continue;
            int strength = repulseCount[repulseCell(i)];
            if (strength <= 1) {
                s.repulseTimer[i] = 0;
                continue;
            }
            if (s.repulseTimer[i] > 0) s.repulseTimer[i]--;
            else {
                s.repulseTimer[i] = REPULSE_PERIOD;
                updateRepulseDirection(i);
            }
            float push = 0.5f;
            if (!s.travelling[i]) push = push * (strength / 4 + 1) / 2;
            int dir = s.repulseDir[i];
            s.x[i] = s.clampX(i, s.x[i] + Movement.COMPASS_X[dir] * push);
            s.y[i] = s.clampY(i, s.y[i] + Movement.COMPASS_Y[dir] * push);
        }
    }

    private int repulseCell(int i) {
        int cx = Math.min(repulseW - 1, (int) s.x[i] / REPULSE_CELL), cy = Math.min(repulseH - 1, (int) s.y[i] / REPULSE_CELL);
        return cy * repulseW + cx;
    }

    /** OpenBW update_repulse_direction, in the arena's compass (0 east, 64 south). */
    private void updateRepulseDirection(int i) {
        int r = s.repulseDir[i];
        if (s.travelling[i]) {
            int course = Movement.direction(s.travelX[i] - s.x[i], s.travelY[i] - s.y[i]);
            int index = (r - course) & 255;
            r = (course + index % 32 + (index < 128 ? 32 : -64)) & 255;
        }
        float left = s.x[i] - s.dimL[i], right = s.x[i] + s.dimR[i] + 1, top = s.y[i] - s.dimU[i], bottom = s.y[i] + s.dimD[i] + 1;
        float cx = Movement.COMPASS_X[r], cy = Movement.COMPASS_Y[r];
        if ((left < 32 && cx < 0) || (right > s.mapW - 32 && cx > 0)) r = (128 - r) & 255; // mirror east-west
        if ((top < 32 && cy < 0) || (bottom > s.mapH - 32 && cy > 0)) r = (-r) & 255; // mirror north-south
        s.repulseDir[i] = r;
    }
}
