package tsunami.bots.bwapi;

import tsunami.bots.heuristic.GameView;

import tsunami.bots.arena.Arena;
import tsunami.bots.data.UnitType;
import tsunami.bots.heuristic.Order;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static tsunami.bots.bwapi.BwapiLayout.*;

/**
 * Writes an arena game into one client's {@code GameData}, as that client's player sees it:
 * static data at match start, then every frame the units it can see, the players, and the events
 * since its last frame. An enemy is visible while within sight range of one of the player's
 * living units (centre to centre, BW's approximate distance), or always once the client enabled
 * {@code CompleteMapInformation}. Players are 0 (red), 1 (blue) and 2 (neutral); unit ids are the
 * arena's, so the same id names the same unit for both clients and in replays.
 */
final class HostFrameWriter {
    static final int NEUTRAL_PLAYER = 2;
    private static final int PLAYERS_IN_GAME = 3;
    private static final double ANGLE_PER_STEP = 2 * Math.PI / 256;
    /** Links to other units that the arena never has (transport, carrier, addon...): -1 is "none". */
    private static final int[] UNIT_REFERENCES = {U_BUILD_UNIT, U_RALLY_UNIT, U_ADDON, U_NYDUS, U_POWER_UP, U_TRANSPORT, U_CARRIER, U_HATCHERY};

    private final ByteBuffer shm;
    private int player;
    private boolean[] seen = new boolean[0];
    private boolean[] alive = new boolean[0];
    private int[] typeIds = new int[0];
    private final java.util.List<Text> pendingText = new java.util.ArrayList<>();
    private int eventCount, eventStringCount, unitsWritten;
    private int walkableWidth = -1, walkableHeight = -1, unitArrayFilled = -1;
    private boolean completeMap;

    HostFrameWriter(ByteBuffer shm, int player, int instance) {
        this.shm = shm;
        this.player = player;
        shm.putInt(CLIENT_VERSION, Bwapi.CLIENT_VERSION);
        shm.putInt(REVISION, 4708);
        shm.putInt(INSTANCE_ID, instance);
        shm.put(HAS_LATCOM, (byte) 1);
        shm.put(HAS_GUI, (byte) 0);
        shm.putInt(SELF, -1);
        shm.putInt(ENEMY, -1);
        shm.putInt(NEUTRAL, -1);
        clearCounts();
    }

    int player() {
        return player;
    }

    /** The side this client plays from the next {@link #matchStart} on (matches alternate sides). */
    void setPlayer(int player) {
        this.player = player;
    }

    /**
     * Whether this client saw the unit in its last frame. Kept here, not read back from shared
     * memory: the client can write anything there.
     */
    boolean sees(int unit) {
        return unit >= 0 && unit < seen.length && seen[unit];
    }

    /** The client enabled {@code CompleteMapInformation} (on its first frame, as BWAPI allows). */
    void setCompleteMap(boolean on) {
        completeMap = on;
        shm.put(FLAGS + Bwapi.FLAG_COMPLETE_MAP_INFORMATION, (byte) (on ? 1 : 0));
    }

    /** Static data of a new game; the first frame follows with {@link #frame}. */
    void matchStart(Arena arena, String[] names, boolean[] isClient, String scenarioText, long seed, boolean completeMap) {
        int n = arena.getUnitCount();
        for (int u = 0; u < Math.max(unitsWritten, n); u++) SharedMemory.fill(shm, UNITS + u * UNIT_SIZE, UNIT_SIZE, (byte) 0);
        unitsWritten = n;
        seen = new boolean[n];
        alive = new boolean[n];
        typeIds = new int[n];
        for (int u = 0; u < n; u++) typeIds[u] = Bwapi.unitTypeId(arena.getType(u).name());
        setCompleteMap(completeMap);
        shm.putInt(FORCE_COUNT, 2);
        SharedMemory.putString(shm, FORCES, 32, "Red");
        SharedMemory.putString(shm, FORCES + FORCE_SIZE, 32, "Blue");
        shm.putInt(PLAYER_COUNT, PLAYERS_IN_GAME);
        for (int p = 0; p < PLAYERS_IN_GAME; p++) writeStaticPlayer(arena, p, p < 2 ? names[p] : "Neutral", p < 2 && isClient[p]);
        int wTiles = (arena.mapWidth() + 31) / 32, hTiles = (arena.mapHeight() + 31) / 32;
        shm.putInt(MAP_WIDTH, wTiles);
        shm.putInt(MAP_HEIGHT, hTiles);
        String name = arena.scenario().name();
        SharedMemory.putString(shm, MAP_NAME, 33, name);
        SharedMemory.putString(shm, MAP_FILE_NAME, 261, name + ".yaml");
        SharedMemory.putString(shm, MAP_PATH_NAME, 261, "tsunami-arena/" + name + ".yaml");
        SharedMemory.putString(shm, MAP_HASH, 41, sha1(scenarioText));
        if (wTiles != walkableWidth || hTiles != walkableHeight) writeWalkable(wTiles, hTiles);
        shm.putInt(REGION_COUNT, 1);
        SharedMemory.fill(shm, REGIONS, REGION_SIZE, (byte) 0);
        shm.putInt(REGIONS + R_ID, 0);
        shm.putInt(REGIONS + R_CENTER_X, arena.mapWidth() / 2);
        shm.putInt(REGIONS + R_CENTER_Y, arena.mapHeight() / 2);
        shm.putInt(REGIONS + R_RIGHT, arena.mapWidth() - 1);
        shm.putInt(REGIONS + R_BOTTOM, arena.mapHeight() - 1);
        shm.put(REGIONS + R_ACCESSIBLE, (byte) 1);
        shm.putInt(START_LOCATION_COUNT, 2);
        for (int p = 0; p < 2; p++) {
            int at = START_LOCATIONS + p * POSITION_SIZE;
            shm.putInt(at, centroidX(arena, p) / 32);
            shm.putInt(at + 4, centroidY(arena, p) / 32);
        }
        shm.putInt(INITIAL_UNIT_COUNT, n);
        if (n != unitArrayFilled) {
            for (int j = 0; j < 1_700; j++) shm.putInt(UNIT_ARRAY + 4 * j, j < n ? j : -1);
            unitArrayFilled = n;
        }
        shm.putInt(SELF, player);
        shm.putInt(ENEMY, 1 - player);
        shm.putInt(NEUTRAL, NEUTRAL_PLAYER);
        shm.putInt(GAME_TYPE, Bwapi.GAME_TYPE_USE_MAP_SETTINGS);
        shm.putInt(LATENCY, Bwapi.LATENCY_SINGLE_PLAYER);
        shm.putInt(LATENCY_FRAMES, 0);   // commands act in the frame they are given
        shm.putInt(RANDOM_SEED, (int) seed);
        shm.put(IS_IN_GAME, (byte) 1);
        clearCounts();
        addEvent(Bwapi.EVENT_MATCH_START, 0, 0);
    }

    /** The arena is open ground: every walk tile of the map walkable. Written once per map size (1 MiB). */
    private void writeWalkable(int wTiles, int hTiles) {
        byte[] column = new byte[WALK_TILES], none = new byte[WALK_TILES];
        java.util.Arrays.fill(column, 0, Math.min(WALK_TILES, hTiles * 4), (byte) 1);
        for (int x = 0; x < WALK_TILES; x++) shm.put(IS_WALKABLE + x * WALK_TILES, x < wTiles * 4 ? column : none);
        walkableWidth = wTiles;
        walkableHeight = hTiles;
    }

    private void writeStaticPlayer(Arena arena, int p, String name, boolean isClient) {
        int at = PLAYERS + p * PLAYER_SIZE;
        SharedMemory.fill(shm, at, PLAYER_SIZE, (byte) 0);
        SharedMemory.putString(shm, at + P_NAME, 25, name);
        boolean neutral = p == NEUTRAL_PLAYER;
        int race = neutral || arena.unitCount(p) == 0 ? Bwapi.RACE_NONE : Bwapi.raceOf(arena.getType(arena.firstUnit(p)).name());
        shm.putInt(at + P_RACE, race);
        shm.putInt(at + P_TYPE, neutral ? Bwapi.PLAYER_TYPE_NEUTRAL : isClient ? Bwapi.PLAYER_TYPE_PLAYER : Bwapi.PLAYER_TYPE_COMPUTER);
        shm.putInt(at + P_FORCE, neutral ? 0 : p);
        if (!neutral) {
            shm.put(at + P_IS_ALLY + p, (byte) 1);
            shm.put(at + P_IS_ENEMY + (1 - p), (byte) 1);
            shm.putInt(at + P_START_X, centroidX(arena, p) / 32);
            shm.putInt(at + P_START_Y, centroidY(arena, p) / 32);
            shm.put(at + P_IS_PARTICIPATING, (byte) 1);
        }
        shm.put(at + P_IS_NEUTRAL, (byte) (neutral ? 1 : 0));
        shm.putInt(at + P_COLOR, p == 0 ? 111 : p == 1 ? 165 : 0);   // BW palette: red, blue
    }

    private static int centroidX(Arena a, int p) {
        long s = 0;
        for (int u = a.firstUnit(p), e = u + a.unitCount(p); u < e; u++) s += a.getX(u);
        return a.unitCount(p) == 0 ? 0 : (int) (s / a.unitCount(p));
    }

    private static int centroidY(Arena a, int p) {
        long s = 0;
        for (int u = a.firstUnit(p), e = u + a.unitCount(p); u < e; u++) s += a.getY(u);
        return a.unitCount(p) == 0 ? 0 : (int) (s / a.unitCount(p));
    }

    /** The state of the current frame and the unit events since the last one, then MatchFrame. */
    void frame(Arena arena) {
        int frame = arena.getFrameCount();
        shm.putInt(FRAME_COUNT, frame);
        shm.putInt(ELAPSED_TIME, frame * 42 / 1000);   // 42 ms a frame at "fastest"
        shm.putInt(FPS, 24);
        shm.putDouble(AVERAGE_FPS, 23.81);
        int n = arena.getUnitCount();
        for (int u = 0; u < n; u++) {
            boolean exists = arena.exists(u);
            boolean visible = exists && visibleTo(arena, u);
            if (alive[u] && !exists && seen[u]) addEvent(Bwapi.EVENT_UNIT_DESTROY, u, 0);
            else if (visible && !seen[u]) {
                addEvent(Bwapi.EVENT_UNIT_DISCOVER, u, 0);
                addEvent(Bwapi.EVENT_UNIT_SHOW, u, 0);
            } else if (!visible && seen[u] && exists) {
                addEvent(Bwapi.EVENT_UNIT_HIDE, u, 0);
                addEvent(Bwapi.EVENT_UNIT_EVADE, u, 0);
            }
            alive[u] = exists;
            seen[u] = visible;
            writeUnit(arena, u, visible);
        }
        writePlayerCounts(arena);
        deliverText();
        addEvent(Bwapi.EVENT_MATCH_FRAME, 0, 0);
    }

    private boolean visibleTo(Arena a, int u) {
        if (completeMap || a.getPlayer(u) == player) return true;
        int ux = a.getX(u), uy = a.getY(u);
        for (int v = a.firstUnit(player), e = v + a.unitCount(player); v < e; v++) {
            if (a.exists(v) && GameView.approxDistance(a.getX(v) - ux, a.getY(v) - uy) <= a.getType(v).sightRange()) return true;
        }
        return false;
    }

    private void writeUnit(Arena a, int u, boolean accessible) {
        int at = UNITS + u * UNIT_SIZE;
        shm.putInt(at + U_ID, u);
        if (!accessible) {
            // BWAPI keeps an inaccessible unit's last known values but marks it gone
            shm.putInt(at + U_CLEARANCE, 0);
            shm.put(at + U_EXISTS, (byte) 0);
            for (int p = 0; p < 9; p++) shm.put(at + U_IS_VISIBLE + p, (byte) 0);
            if (!a.exists(u)) shm.putInt(at + U_HP, 0);
            return;
        }
        int p = a.getPlayer(u);
        UnitType t = a.getType(u);
        Order order = a.getOrder(u);
        int target = a.getTarget(u);
        shm.putInt(at + U_CLEARANCE, p == player ? 3 : 2);
        shm.putInt(at + U_PLAYER, p);
        shm.putInt(at + U_TYPE, typeIds[u]);
        shm.putInt(at + U_X, a.getX(u));
        shm.putInt(at + U_Y, a.getY(u));
        shm.putDouble(at + U_ANGLE, a.facing(u) * ANGLE_PER_STEP);
        shm.putDouble(at + U_VX, a.velocityX(u));
        shm.putDouble(at + U_VY, a.velocityY(u));
        int hp = a.getHitPoints(u);
        shm.putInt(at + U_LAST_HP, shm.getInt(at + U_HP) == 0 ? hp : shm.getInt(at + U_HP));
        shm.putInt(at + U_HP, hp);
        shm.putInt(at + U_SHIELDS, a.getShields(u));
        shm.putInt(at + U_ENERGY, a.getEnergy(u));
        int cd = a.getCooldown(u);
        shm.putInt(at + U_GROUND_CD, t.groundWeapon() != null ? cd : 0);
        shm.putInt(at + U_AIR_CD, t.airWeapon() != null ? cd : 0);
        shm.putInt(at + U_ORDER, Bwapi.orderId(order));
        shm.putInt(at + U_SECONDARY_ORDER, Bwapi.ORDER_NOTHING);
        shm.putInt(at + U_ORDER_TARGET, target);
        shm.putInt(at + U_TARGET, target);
        boolean positional = order == Order.MOVE || order == Order.ATTACK_MOVE;
        int tx = positional ? a.orderTargetX(u) : target >= 0 ? a.getX(target) : a.getX(u);
        int ty = positional ? a.orderTargetY(u) : target >= 0 ? a.getY(target) : a.getY(u);
        shm.putInt(at + U_ORDER_TARGET_X, tx);
        shm.putInt(at + U_ORDER_TARGET_Y, ty);
        shm.putInt(at + U_TARGET_X, tx);
        shm.putInt(at + U_TARGET_Y, ty);
        shm.putInt(at + U_BUILD_TYPE, Bwapi.UNIT_TYPE_NONE);
        shm.putInt(at + U_TECH, Bwapi.TECH_NONE);
        shm.putInt(at + U_UPGRADE, Bwapi.UPGRADE_NONE);
        for (int ref : UNIT_REFERENCES) {
            shm.putInt(at + ref, -1);
        }
        boolean moving = a.velocityX(u) != 0 || a.velocityY(u) != 0;
        boolean fighting = order == Order.ATTACK_UNIT || (target >= 0 && order != Order.MOVE);
        shm.put(at + U_EXISTS, (byte) 1);
        shm.put(at + U_IS_COMPLETED, (byte) 1);
        shm.put(at + U_IS_DETECTED, (byte) 1);
        shm.put(at + U_IS_POWERED, (byte) 1);
        shm.put(at + U_IS_INTERRUPTIBLE, (byte) 1);
        shm.put(at + U_IS_MOVING, (byte) (moving ? 1 : 0));
        shm.put(at + U_IS_IDLE, (byte) (order == Order.STOP || order == Order.HOLD_POSITION ? (target < 0 ? 1 : 0) : 0));
        shm.put(at + U_IS_ATTACKING, (byte) (fighting && cd > 0 ? 1 : 0));
        int full = t.groundWeapon() != null ? t.groundWeapon().cooldown() : t.airWeapon() != null ? t.airWeapon().cooldown() : -1;
        shm.put(at + U_IS_ATTACK_FRAME, (byte) (cd > 0 && cd >= full - 1 ? 1 : 0));
        shm.put(at + U_IS_STARTING_ATTACK, (byte) (cd > 0 && cd == full ? 1 : 0));
        shm.putInt(at + U_LAST_ATTACKER, -1);
        shm.putInt(at + U_REPLAY_ID, u + 1);
        for (int q = 0; q < 9; q++) shm.put(at + U_IS_VISIBLE + q, (byte) (q == player || q == p ? 1 : 0));
    }

    private void writePlayerCounts(Arena a) {
        for (int p = 0; p < 2; p++) {
            int at = PLAYERS + p * PLAYER_SIZE;
            for (int u = a.firstUnit(p), e = u + a.unitCount(p); u < e; u++) {
                shm.putInt(at + P_ALL_UNIT_COUNT + 4 * typeIds[u], 0);
                shm.putInt(at + P_COMPLETED_UNIT_COUNT + 4 * typeIds[u], 0);
                shm.putInt(at + P_VISIBLE_UNIT_COUNT + 4 * typeIds[u], 0);
                shm.putInt(at + P_DEAD_UNIT_COUNT + 4 * typeIds[u], 0);
            }
            for (int u = a.firstUnit(p), e = u + a.unitCount(p); u < e; u++) {
                int off = a.exists(u) ? P_ALL_UNIT_COUNT : P_DEAD_UNIT_COUNT;
                bump(at + off + 4 * typeIds[u]);
                if (a.exists(u)) {
                    bump(at + P_COMPLETED_UNIT_COUNT + 4 * typeIds[u]);
                    if (seen[u]) bump(at + P_VISIBLE_UNIT_COUNT + 4 * typeIds[u]);
                }
            }
        }
    }

    private void bump(int at) {
        shm.putInt(at, shm.getInt(at) + 1);
    }

    /** The game is over: results for every player and the MatchEnd event ({@code v1} = this player won). */
    void matchEnd(int winner, boolean[] left) {
        for (int p = 0; p < 2; p++) {
            int at = PLAYERS + p * PLAYER_SIZE;
            shm.put(at + P_IS_VICTORIOUS, (byte) (winner == p ? 1 : 0));
            shm.put(at + P_IS_DEFEATED, (byte) (winner == 1 - p ? 1 : 0));
            shm.put(at + P_LEFT_GAME, (byte) (left[p] ? 1 : 0));
        }
        addEvent(Bwapi.EVENT_MATCH_END, winner == player ? 1 : 0, 0);
    }

    /** Between games, and after the last: the lockstep goes on with {@code isInGame} false. */
    void outOfGame() {
        shm.put(IS_IN_GAME, (byte) 0);
    }

    void playerLeft(int p) {
        addEvent(Bwapi.EVENT_PLAYER_LEFT, p, 0);
    }

    /** Text a player sent: delivered with this client's next frame as ReceiveText, the text in eventStrings. */
    void receiveText(int fromPlayer, String text) {
        pendingText.add(new Text(fromPlayer, text));
    }

    private record Text(int from, String text) {
    }

    private void deliverText() {
        for (Text t : pendingText) {
            if (eventStringCount >= MAX_EVENT_STRINGS) break;
            SharedMemory.putString(shm, EVENT_STRINGS + eventStringCount * EVENT_STRING_SIZE, EVENT_STRING_SIZE, t.text());
            addEvent(Bwapi.EVENT_RECEIVE_TEXT, t.from(), eventStringCount++);
            shm.putInt(EVENT_STRING_COUNT, eventStringCount);
        }
        pendingText.clear();
    }

    private void addEvent(int type, int v1, int v2) {
        if (eventCount >= MAX_EVENTS) return;
        int at = EVENTS + eventCount * EVENT_SIZE;
        shm.putInt(at, type);
        shm.putInt(at + 4, v1);
        shm.putInt(at + 8, v2);
        shm.putInt(EVENT_COUNT, ++eventCount);
    }

    /**
     * Start of the host's update: the client's counts (commands, strings, shapes) were consumed, the
     * events were delivered; all start again from zero, as BWAPI's server resets them.
     */
    void clearCounts() {
        eventCount = eventStringCount = 0;
        shm.putInt(EVENT_COUNT, 0);
        shm.putInt(EVENT_STRING_COUNT, 0);
        shm.putInt(STRING_COUNT, 0);
        shm.putInt(SHAPE_COUNT, 0);
        shm.putInt(COMMAND_COUNT, 0);
        shm.putInt(UNIT_COMMAND_COUNT, 0);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
