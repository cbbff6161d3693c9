package tsunami.bots.bwapi;

import java.nio.ByteBuffer;

import static tsunami.bots.bwapi.BwapiLayout.*;

/**
 * A client's view of a BWAPI game: reads from the server's {@code GameData}, and writes commands
 * into it for the server to apply after this frame. Valid between the server's "frame ready" and
 * the client's "frame done", i.e. inside {@link BwapiBot} callbacks. Unit ids are BWAPI's
 * (indices into {@code units[]}); player ids are indices into {@code players[]}.
 */
public final class BwapiGame {
    private final ByteBuffer shm;
    private int unitIdBound;

    BwapiGame(ByteBuffer shm) {
        this.shm = shm;
    }

    void onMatchStart() {
        unitIdBound = Math.max(0, Math.min(shm.getInt(INITIAL_UNIT_COUNT), MAX_UNITS));
    }

    /** Units created or discovered later get ids past the initial ones: the bound follows the events. */
    void noteUnit(int id) {
        if (id >= 0 && id < MAX_UNITS) unitIdBound = Math.max(unitIdBound, id + 1);
    }

    // ---------------------------------------------------------------- the game

    public int serverVersion() { return shm.getInt(CLIENT_VERSION); }
    public boolean isInGame() { return shm.get(IS_IN_GAME) != 0; }
    public int frameCount() { return shm.getInt(FRAME_COUNT); }
    public int self() { return shm.getInt(SELF); }
    public int enemy() { return shm.getInt(ENEMY); }
    public int neutral() { return shm.getInt(NEUTRAL); }
    /** Map size in build tiles (32 px). */
    public int mapWidth() { return shm.getInt(MAP_WIDTH); }
    public int mapHeight() { return shm.getInt(MAP_HEIGHT); }
    public String mapName() { return SharedMemory.getString(shm, MAP_NAME, 33); }
    public String mapHash() { return SharedMemory.getString(shm, MAP_HASH, 41); }
    public boolean isFlagEnabled(int flag) { return flag >= 0 && flag < 2 && shm.get(FLAGS + flag) != 0; }
    public int latencyFrames() { return shm.getInt(LATENCY_FRAMES); }
    public int playerCount() { return shm.getInt(PLAYER_COUNT); }

    /** Unit ids run from 0 to this, exclusive. */
    public int unitIdBound() { return unitIdBound; }

    // ---------------------------------------------------------------- players

    private int player(int p) {
        if (p < 0 || p >= MAX_PLAYERS) throw new IllegalArgumentException("no player " + p);
        return PLAYERS + p * PLAYER_SIZE;
    }

    public String playerName(int p) { return SharedMemory.getString(shm, player(p) + P_NAME, 25); }
    public int playerRace(int p) { return shm.getInt(player(p) + P_RACE); }
    public int playerType(int p) { return shm.getInt(player(p) + P_TYPE); }
    public boolean isVictorious(int p) { return shm.get(player(p) + P_IS_VICTORIOUS) != 0; }
    public boolean isDefeated(int p) { return shm.get(player(p) + P_IS_DEFEATED) != 0; }
    public boolean leftGame(int p) { return shm.get(player(p) + P_LEFT_GAME) != 0; }

    // ---------------------------------------------------------------- units

    private int unit(int u) {
        if (u < 0 || u >= MAX_UNITS) throw new IllegalArgumentException("no unit " + u);
        return UNITS + u * UNIT_SIZE;
    }

    public boolean exists(int u) { return u >= 0 && u < MAX_UNITS && shm.get(unit(u) + U_EXISTS) != 0; }
    public int unitPlayer(int u) { return shm.getInt(unit(u) + U_PLAYER); }
    /** BWAPI UnitTypes id. */
    public int unitType(int u) { return shm.getInt(unit(u) + U_TYPE); }
    public int x(int u) { return shm.getInt(unit(u) + U_X); }
    public int y(int u) { return shm.getInt(unit(u) + U_Y); }
    public double angle(int u) { return shm.getDouble(unit(u) + U_ANGLE); }
    public double velocityX(int u) { return shm.getDouble(unit(u) + U_VX); }
    public double velocityY(int u) { return shm.getDouble(unit(u) + U_VY); }
    public int hitPoints(int u) { return shm.getInt(unit(u) + U_HP); }
    public int shields(int u) { return shm.getInt(unit(u) + U_SHIELDS); }
    public int energy(int u) { return shm.getInt(unit(u) + U_ENERGY); }
    public int groundWeaponCooldown(int u) { return shm.getInt(unit(u) + U_GROUND_CD); }
    public int airWeaponCooldown(int u) { return shm.getInt(unit(u) + U_AIR_CD); }
    /** BWAPI Orders id. */
    public int order(int u) { return shm.getInt(unit(u) + U_ORDER); }
    public int orderTarget(int u) { return shm.getInt(unit(u) + U_ORDER_TARGET); }
    public int target(int u) { return shm.getInt(unit(u) + U_TARGET); }
    public boolean isVisible(int u, int p) { return p >= 0 && p < 9 && shm.get(unit(u) + U_IS_VISIBLE + p) != 0; }
    public boolean isAttacking(int u) { return shm.get(unit(u) + U_IS_ATTACKING) != 0; }
    public boolean isMoving(int u) { return shm.get(unit(u) + U_IS_MOVING) != 0; }
    public boolean isIdle(int u) { return shm.get(unit(u) + U_IS_IDLE) != 0; }

    // ---------------------------------------------------------------- commands (applied after this frame)

    public void attack(int unit, int target) { unitCommand(Bwapi.UC_ATTACK_UNIT, unit, target, 0, 0); }
    public void attackMove(int unit, int x, int y) { unitCommand(Bwapi.UC_ATTACK_MOVE, unit, -1, x, y); }
    public void move(int unit, int x, int y) { unitCommand(Bwapi.UC_MOVE, unit, -1, x, y); }
    public void patrol(int unit, int x, int y) { unitCommand(Bwapi.UC_PATROL, unit, -1, x, y); }
    public void stop(int unit) { unitCommand(Bwapi.UC_STOP, unit, -1, 0, 0); }
    public void holdPosition(int unit) { unitCommand(Bwapi.UC_HOLD_POSITION, unit, -1, 0, 0); }

    /** Any BWAPI unit command by its UnitCommandTypes id, as BWAPI's client writes it. */
    public void unitCommand(int type, int unit, int target, int x, int y) {
        int at = UNIT_COMMANDS + append(UNIT_COMMAND_COUNT, MAX_UNIT_COMMANDS, "unit commands") * UNIT_COMMAND_SIZE;
        shm.putInt(at, type);
        shm.putInt(at + 4, unit);
        shm.putInt(at + 8, target);
        shm.putInt(at + 12, x);
        shm.putInt(at + 16, y);
        shm.putInt(at + 20, 0);
    }

    public void leaveGame() { command(Bwapi.CMD_LEAVE_GAME, 0, 0); }
    public void enableFlag(int flag) { command(Bwapi.CMD_ENABLE_FLAG, flag, 0); }
    public void setLocalSpeed(int msPerFrame) { command(Bwapi.CMD_SET_LOCAL_SPEED, msPerFrame, 0); }
    public void setFrameSkip(int frames) { command(Bwapi.CMD_SET_FRAME_SKIP, frames, 0); }
    public void sendText(String text) { command(Bwapi.CMD_SEND_TEXT, string(text), 0); }
    public void printf(String text) { command(Bwapi.CMD_PRINTF, string(text), 0); }

    /** Any game command by its BWAPIC::CommandType id. */
    public void command(int type, int v1, int v2) {
        int at = COMMANDS + append(COMMAND_COUNT, MAX_COMMANDS, "commands") * COMMAND_SIZE;
        shm.putInt(at, type);
        shm.putInt(at + 4, v1);
        shm.putInt(at + 8, v2);
    }

    private int string(String s) {
        int n = append(STRING_COUNT, MAX_STRINGS, "strings");
        SharedMemory.putString(shm, STRINGS + n * STRING_SIZE, STRING_SIZE, s);
        return n;
    }

    /** Takes the next entry of a client-written array, as BWAPI's client does: its index, the count raised by one. */
    private int append(int countOffset, int capacity, String what) {
        int n = shm.getInt(countOffset);
        if (n < 0 || n >= capacity) throw new IllegalStateException("more than " + capacity + " " + what + " in one frame");
        shm.putInt(countOffset, n + 1);
        return n;
    }

    /** Text a ReceiveText/SendText event refers to. */
    public String eventString(int index) {
        if (index < 0 || index >= MAX_EVENT_STRINGS) return "";
        return SharedMemory.getString(shm, EVENT_STRINGS + index * EVENT_STRING_SIZE, EVENT_STRING_SIZE);
    }

    /** The whole shared memory, for code of this package that reads or writes what the API does not cover. */
    ByteBuffer memory() { return shm; }

    int eventCount() { return Math.max(0, Math.min(shm.getInt(EVENT_COUNT), MAX_EVENTS)); }
    int eventType(int i) { return shm.getInt(EVENTS + i * EVENT_SIZE); }
    int eventV1(int i) { return shm.getInt(EVENTS + i * EVENT_SIZE + 4); }
    int eventV2(int i) { return shm.getInt(EVENTS + i * EVENT_SIZE + 8); }
}
