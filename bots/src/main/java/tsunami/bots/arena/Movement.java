package tsunami.bots.arena;

import java.util.Arrays;

/**
 * How units move: steps toward a point with BW's acceleration and braking, gliding to a halt,
 * turning at their type's turn rate, and ground collision (ground units do not overlap; a blocked
 * unit side-steps or waits), with living ground units kept in a uniform grid.
 */
final class Movement {
    // Living ground units in a uniform grid (doubly linked lists per cell): collision checks look
    // at the 3 x 3 cells around a unit instead of every unit. Cells are wider than any two
    // half-widths together, so an overlapping unit is always in a neighbouring cell.
    static final int CELL_SHIFT = 6; // 64 px
    private final ArenaState s;
    private final int gridW, gridH;
    private final int[] cellHead;
    private final int[] cellNext, cellPrev, cellOf;

    Movement(ArenaState s) {
        this.s = s;
        gridW = (s.mapW >> CELL_SHIFT) + 1;
        gridH = (s.mapH >> CELL_SHIFT) + 1;
        cellHead = new int[gridW * gridH];
        cellNext = new int[s.n];
        cellPrev = new int[s.n];
        cellOf = new int[s.n];
    }

    /** Empties the collision grid (a new game). */
    void clearGrid() {
        Arrays.fill(cellHead, -1);
        Arrays.fill(cellOf, -1);
    }

    /**
     * Moves one frame toward (tx, ty); returns true on arrival. Units turn as BW turns them (OpenBW
     * {@code update_current_velocity_direction_towards_waypoint}, {@code update_unit_heading},
     * {@code update_current_speed_towards_waypoint}): units moved by their animation (Marine,
     * Zealot...) turn on the spot before they walk; units BW moves with acceleration (Wraith,
     * Vulture...) steer their course at half their turn rate, so they move in arcs. Ground units may
     * not step into another ground unit: they try to side-step (±45°, ±90°) and otherwise wait.
     */
    boolean moveToward(int i, float tx, float ty, float stopAt) {
        float dx = tx - s.x[i], dy = ty - s.y[i];
        float d = (float) Math.sqrt(dx * dx + dy * dy);
        if (d <= stopAt + 0.5f) {
            s.speed[i] = 0;
            return true;
        }
        s.travelling[i] = true;
        s.travelX[i] = tx;
        s.travelY[i] = ty;
        float ux = dx / d, uy = dy / d;
        int want = direction(dx, dy);
        turnHeading(i, want);
        if (s.accel[i] == Float.MAX_VALUE) walk(i, ux, uy, want, d - stopAt);
        else steer(i, ux, uy, want, d - stopAt);
        return false;
    }

    /**
     * Moves one frame toward unit i's order point (a move or attack-move); true when the move is
     * over: the unit is there, or, on the ground, it has come no nearer for {@link #GIVE_UP_FRAMES}
     * frames of trying, as when units sent to one point crowd round the first to arrive. BW's
     * pathfinder treats units standing at their move target as obstacles (OpenBW
     * {@code pathfinder_unit_can_collide_with}), so a path to an occupied point ends beside the crowd
     * and the order completes there; without this the arena kept such units walking on the spot for
     * the rest of the game (and an attack-moving side never came on again).
     */
    boolean moveToPoint(int i) {
        float tx = s.orderX[i], ty = s.orderY[i];
        float d = (float) Math.hypot(tx - s.x[i], ty - s.y[i]);
        if (s.pointFrame[i] != s.frame - 1 || s.pointX[i] != tx || s.pointY[i] != ty) {
            s.pointX[i] = tx;
            s.pointY[i] = ty;
            s.pointBest[i] = d;
            s.pointStall[i] = 0;
        } else if (d < s.pointBest[i] - 1) {
            s.pointBest[i] = d;
            s.pointStall[i] = 0;
        } else if (!s.flyer[i] && ++s.pointStall[i] >= GIVE_UP_FRAMES) {
            s.speed[i] = 0;
            return true;
        }
        s.pointFrame[i] = s.frame;
        return moveToward(i, tx, ty, 0);
    }

    /**
     * A unit moved by its animation (BW flingy movement type 2): it walks at top speed, straight
     * toward the point, but only while its heading is less than {@link #WALK_TURN_LIMIT} off that
     * course; a larger error stops it until it has turned.
     */
    private void walk(int i, float ux, float uy, int want, float remaining) {
        if (Math.abs(signedTurn(want - s.facing[i])) >= WALK_TURN_LIMIT) {
            s.speed[i] = 0;
            return;
        }
        float sp = s.topSpeed[i];
        s.speed[i] = sp;
        s.dirX[i] = ux;
        s.dirY[i] = uy;
        step(i, ux, uy, Math.min(sp, remaining));
    }

    /**
     * A unit BW moves with acceleration (flingy movement type 0): its course ({@code moveDir})
     * turns toward the point by half its turn rate a frame ({@code unit_turn_rate}); it speeds up
     * unless it is within its halt distance of the point, or close to it (under 32 px) and still
     * turning so much that it would overshoot, in which case it slows down; a step that reaches
     * the point ends on it.
     */
    private void steer(int i, float ux, float uy, int want, float remaining) {
        int rate = Math.max(1, s.turnRate[i] / 2);
        int md = s.moveDir[i];
        int diff = Math.max(-rate, Math.min(rate, signedTurn(want - md)));
        md = (md + diff) & 255;
        s.moveDir[i] = md;
        int left = Math.abs(signedTurn(want - md));
        float a = s.accel[i], v = s.speed[i];
        boolean accelerate = left == 0 || remaining >= 32
                || (2 * left + s.turnRate[i] - 1) / s.turnRate[i] * v * 3 / 2 <= remaining;
        // BW slows a unit within its halt distance (v^2 / 2a) of the point, so that it stops there
        if (accelerate && v * v > 2 * a * remaining) accelerate = false;
        // braking keeps a crawl of one acceleration step until the unit arrives
        float sp = accelerate ? Math.min(v + a, s.topSpeed[i]) : Math.max(a, v - a);
        s.speed[i] = sp;
        if (sp >= remaining) {
            s.dirX[i] = ux;
            s.dirY[i] = uy;
            step(i, ux, uy, remaining);
            return;
        }
        float cx = COMPASS_X[md], cy = COMPASS_Y[md];
        s.dirX[i] = cx;
        s.dirY[i] = cy;
        step(i, cx, cy, sp);
    }

    /**
     * Moves unit i by {@code len} along (ux, uy): flyers freely, ground units round other ground
     * units. A blocked ground unit slides round the unit in its way: it steps 45° off its course, or
     * along the face of the blocker it ran into, to the side of the nearer way round
     * ({@link #detourSide}), and keeps to that side for
     * {@link #DETOUR_FRAMES} frames so that it follows a line of standing units to its end instead
     * of turning back at each one. Blocked on that side by a unit that is itself on the move, it
     * waits; by standing units, it tries the other side. BW paths ground units round standing units
     * (OpenBW pathfinder, {@code pathfinder_unit_can_collide_with} ignores moving ones); this local
     * rule is our stand-in for that search.
     */
    private void step(int i, float ux, float uy, float len) {
        if (s.flyer[i]) {
            s.x[i] = s.clampX(i, s.x[i] + ux * len);
            s.y[i] = s.clampY(i, s.y[i] + uy * len);
            return;
        }
        if (tryStep(i, ux * len, uy * len)) return;
        int j = blocker;
        int side = s.frame < s.detourUntil[i] ? s.detourSide[i] : detourSide(i, ux, uy, j);
        // the blocker's face we ran into: beside it (boxes apart in x) we slide along y, else along x
        boolean slideAlongY = s.x[i] + s.dimR[i] + 1 <= s.x[j] - s.dimL[j] || s.x[j] + s.dimR[j] + 1 <= s.x[i] - s.dimL[i];
        final float c45 = 0.70710677f;
        for (int k = 0; k < 4; k++) {
            int rs = k < 2 ? side : -side;
            float px = -rs * uy, py = rs * ux; // 90° off the course, on side rs
            float rx, ry;
            if ((k & 1) == 0) {
                rx = (ux + px) * c45;
                ry = (uy + py) * c45;
            } else if (slideAlongY && py != 0) {
                rx = 0;
                ry = Math.signum(py);
            } else if (!slideAlongY && px != 0) {
                rx = Math.signum(px);
                ry = 0;
            } else {
                rx = px;
                ry = py;
            }
            if (tryStep(i, rx * len, ry * len)) {
                s.dirX[i] = rx;
                s.dirY[i] = ry;
                s.detourSide[i] = rs;
                s.detourUntil[i] = s.frame + DETOUR_FRAMES;
                return;
            }
            if (k == 1 && s.travelling[blocker]) break; // a moving unit will clear the way
        }
        s.speed[i] = 0;
    }

    /**
     * The side (+1 clockwise, -1 counter-clockwise of its course) on which unit i goes round
     * blocker j: the one with fewer standing ground units beside j (within {@link #DETOUR_PROBE} px
     * across the course), that is the nearer end of a line; on a tie, the side away from j's
     * centre; dead ahead, a preference that alternates along a side's units so that crowds spread,
     * mirrored for blue so that the two sides of a mirrored scenario turn alike.
     */
    private int detourSide(int i, float ux, float uy, int j) {
        int clockwise = 0, counter = 0;
        for (int k = 0; k < s.n; k++) {
            if (k == i || k == j || !s.alive[k] || s.flyer[k] || s.travelling[k]) continue;
            float ox = s.x[k] - s.x[j], oy = s.y[k] - s.y[j];
            float along = ox * ux + oy * uy, across = oy * ux - ox * uy;
            if (Math.abs(along) > 24 || Math.abs(across) > DETOUR_PROBE) continue;
            if (across > 0) clockwise++;
            else if (across < 0) counter++;
        }
        if (clockwise != counter) return clockwise > counter ? -1 : 1;
        float across = (s.y[j] - s.y[i]) * ux - (s.x[j] - s.x[i]) * uy;
        if (across > 0.5f) return -1;
        if (across < -0.5f) return 1;
        return (((s.player[i] == 0 ? i : i - s.firstBlue) ^ s.player[i]) & 1) == 0 ? 1 : -1;
    }

    /**
     * A unit that stops moving (target in range, order done): units BW moves with acceleration
     * (Vulture, Wraith, Mutalisk) glide on along their last heading, slowing by their acceleration
     * each frame, as BW halts them (BWAPI haltDistance = v^2 / 2a: a Wraith at top speed glides about
     * 85 px); units moved by their animation (acceleration 1 in BWAPI) stop at once.
     */
    void halt(int i) {
        float v = s.speed[i];
        if (v <= 0) return;
        float a = s.accel[i];
        if (a == Float.MAX_VALUE || v <= a) {
            s.speed[i] = 0;
            return;
        }
        v -= a;
        s.speed[i] = v;
        if (s.flyer[i]) {
            s.x[i] = s.clampX(i, s.x[i] + s.dirX[i] * v);
            s.y[i] = s.clampY(i, s.y[i] + s.dirY[i] * v);
        } else if (!tryStep(i, s.dirX[i] * v, s.dirY[i] * v)) {
            s.speed[i] = 0;
        }
    }


    /** The unit that blocked the last failed {@link #tryStep}. */
    private int blocker;

    /** Moves unit i by (sx, sy) unless that would overlap another ground unit ({@link #blocker}); true when it moved. */
    private boolean tryStep(int i, float sx, float sy) {
        float nx = s.clampX(i, s.x[i] + sx), ny = s.clampY(i, s.y[i] + sy);
        float l = nx - s.dimL[i], r = nx + s.dimR[i] + 1, u = ny - s.dimU[i], b = ny + s.dimD[i] + 1;
        float ox = s.x[i], oy = s.y[i];
        int cx = (int) nx >> CELL_SHIFT, cy = (int) ny >> CELL_SHIFT;
        int x0 = Math.max(0, cx - 1), x1 = Math.min(gridW - 1, cx + 1);
        int y0 = Math.max(0, cy - 1), y1 = Math.min(gridH - 1, cy + 1);
        for (int gy = y0; gy <= y1; gy++) {
            for (int gx = x0; gx <= x1; gx++) {
                for (int j = cellHead[gy * gridW + gx]; j >= 0; j = cellNext[j]) {
                    if (j == i) continue;
                    float xj = s.x[j], yj = s.y[j];
                    float jl = xj - s.dimL[j], jr = xj + s.dimR[j] + 1, ju = yj - s.dimU[j], jb = yj + s.dimD[j] + 1;
                    if (l < jr && r > jl && u < jb && b > ju) {
                        // overlapping after the step: allowed only for units already overlapping (e.g. placed so
                        // at the start) and only when the step moves them apart, so they can separate
                        boolean overlapped = ox - s.dimL[i] < jr && ox + s.dimR[i] + 1 > jl && oy - s.dimU[i] < jb && oy + s.dimD[i] + 1 > ju;
                        blocker = j;
                        if (!overlapped) return false;
                        float before = (ox - xj) * (ox - xj) + (oy - yj) * (oy - yj);
                        float after = (nx - xj) * (nx - xj) + (ny - yj) * (ny - yj);
                        if (after <= before) return false;
                    }
                }
            }
        }
        s.x[i] = nx;
        s.y[i] = ny;
        int cell = cy * gridW + cx;
        if (cell != cellOf[i]) {
            gridRemove(i);
            gridInsert(i);
        }
        return true;
    }

    void gridInsert(int i) {
        int cell = ((int) s.y[i] >> CELL_SHIFT) * gridW + ((int) s.x[i] >> CELL_SHIFT);
        int head = cellHead[cell];
        cellNext[i] = head;
        cellPrev[i] = -1;
        if (head >= 0) cellPrev[head] = i;
        cellHead[cell] = i;
        cellOf[i] = cell;
    }

    void gridRemove(int i) {
        int cell = cellOf[i];
        if (cell < 0) return;
        int p = cellPrev[i], nx = cellNext[i];
        if (p >= 0) cellNext[p] = nx;
        else cellHead[cell] = nx;
        if (nx >= 0) cellPrev[nx] = p;
        cellOf[i] = -1;
    }


    /** Largest facing error (of 256) at which a unit fires: about 11°. */
    private static final int FACING_TOLERANCE = 8;
    /**
     * A walking unit moved by its animation stops to turn when its heading is this far (of 256, 45°)
     * or more off its course (OpenBW update_current_speed_towards_waypoint, movement type 2).
     */
    static final int WALK_TURN_LIMIT = 32;
    /** Frames of trying without coming 1 px nearer after which a ground unit's point move ends (our estimate: 1 s). */
    static final int GIVE_UP_FRAMES = 24;
    /** Frames a blocked ground unit keeps to the side it chose to get round (our estimate). */
    static final int DETOUR_FRAMES = 8;
    /** How far across its course a blocked unit looks beside the blocker for the nearer way round (3 tiles). */
    private static final int DETOUR_PROBE = 96;
    /** Unit vectors of the arena's 256-step compass (0 east, 64 south). */
    static final float[] COMPASS_X = new float[256], COMPASS_Y = new float[256];
    static {
        for (int k = 0; k < 256; k++) {
            COMPASS_X[k] = (float) Math.cos(k * Math.PI / 128);
            COMPASS_Y[k] = (float) Math.sin(k * Math.PI / 128);
        }
    }

    /** Turns unit i by at most its turn rate toward direction (dx, dy); true when it then faces it. */
    boolean turnToward(int i, float dx, float dy) {
        if (dx == 0 && dy == 0) return true;
        int want = direction(dx, dy);
        turnHeading(i, want);
        int left = signedTurn(want - s.facing[i]);
        return left <= FACING_TOLERANCE && left >= -FACING_TOLERANCE;
    }

    /** Turns unit i's heading by at most its turn rate toward compass direction {@code want}. */
    private void turnHeading(int i, int want) {
        int rate = s.turnRate[i];
        int diff = Math.max(-rate, Math.min(rate, signedTurn(want - s.facing[i])));
        s.facing[i] = (s.facing[i] + diff) & 255;
    }

    /** A compass difference as a turn in -128..127 (negative: counter-clockwise on screen). */
    private static int signedTurn(int diff) {
        return ((diff + 128) & 255) - 128;
    }

    /** Direction of (dx, dy) in BW's 256-step compass, with a polynomial arctangent (no Math.atan2 per frame). */
    static int direction(float dx, float dy) {
        float ax = Math.abs(dx), ay = Math.abs(dy);
        float a = Math.min(ax, ay) / Math.max(ax, ay);
        float sq = a * a;
        float r = ((-0.0464964749f * sq + 0.15931422f) * sq - 0.327622764f) * sq * a + a; // atan(a), a in [0, 1]
        if (ay > ax) r = 1.5707964f - r;
        if (dx < 0) r = 3.1415927f - r;
        if (dy < 0) r = -r;
        return Math.round(r * (128f / 3.1415927f)) & 255;
    }

}
