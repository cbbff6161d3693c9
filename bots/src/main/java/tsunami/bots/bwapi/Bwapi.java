package tsunami.bots.bwapi;

import tsunami.bots.heuristic.Order;

import java.util.Map;

/**
 * BWAPI 4.4.0's numbers as they travel in shared memory: the protocol version, the ids of event,
 * command, order, race and unit types (BWAPI's {@code EventType}, {@code BWAPIC::CommandType},
 * {@code UnitCommandTypes}, {@code Orders}, {@code Races}, {@code UnitTypes} enumerations), and the
 * Linux names of the shared memory and socket.
 */
public final class Bwapi {
    private Bwapi() {
    }

    /** {@code BWAPI::CLIENT_VERSION} of 4.4.0, at offset 0 of GameData; clients refuse any other. */
    public static final int CLIENT_VERSION = 10003;

    public static final String SHM_DIR = "/dev/shm";
    public static final String GAME_TABLE_NAME = "bwapi_shared_memory_game_list";

    public static String gameDataName(int serverId) {
        return "bwapi_shared_memory_" + Integer.toUnsignedString(serverId);
    }

    public static String socketPath(int serverId) {
        return "/tmp/bwapi_socket_" + Integer.toUnsignedString(serverId);
    }

    /** Lockstep bytes on the socket: the server's "frame ready", the client's "frame done". */
    static final byte FRAME_READY = 2, FRAME_DONE = 1;

    // BWAPI::EventType
    public static final int EVENT_MATCH_START = 0, EVENT_MATCH_END = 1, EVENT_MATCH_FRAME = 2, EVENT_SEND_TEXT = 4;
    public static final int EVENT_RECEIVE_TEXT = 5, EVENT_PLAYER_LEFT = 6, EVENT_UNIT_DISCOVER = 8, EVENT_UNIT_EVADE = 9;
    public static final int EVENT_UNIT_SHOW = 10, EVENT_UNIT_HIDE = 11, EVENT_UNIT_CREATE = 12, EVENT_UNIT_DESTROY = 13;
    public static final int EVENT_UNIT_COMPLETE = 17, EVENT_NONE = 18;

    // BWAPIC::CommandType
    public static final int CMD_ENABLE_FLAG = 3, CMD_PRINTF = 4, CMD_SEND_TEXT = 5, CMD_PAUSE = 6, CMD_RESUME = 7;
    public static final int CMD_LEAVE_GAME = 8, CMD_RESTART = 9, CMD_SET_LOCAL_SPEED = 10, CMD_SET_LATCOM = 11;
    public static final int CMD_SET_GUI = 12, CMD_SET_FRAME_SKIP = 13;
    static final int CMD_MAX = 18;

    // BWAPI::UnitCommandTypes
    public static final int UC_ATTACK_MOVE = 0, UC_ATTACK_UNIT = 1, UC_MOVE = 10, UC_PATROL = 11, UC_HOLD_POSITION = 12;
    public static final int UC_STOP = 13, UC_RIGHT_CLICK_POSITION = 30, UC_RIGHT_CLICK_UNIT = 31;

    // BWAPI::Flag
    public static final int FLAG_COMPLETE_MAP_INFORMATION = 0, FLAG_USER_INPUT = 1;

    // BWAPI::Orders (Brood War's own order ids)
    public static final int ORDER_STOP = 1, ORDER_GUARD = 2, ORDER_PLAYER_GUARD = 3, ORDER_MOVE = 6;
    public static final int ORDER_ATTACK_UNIT = 10, ORDER_ATTACK_MOVE = 14, ORDER_NOTHING = 23;
    public static final int ORDER_HOLD_POSITION = 107, ORDER_PATROL = 152, ORDER_NONE = 189;

    // BWAPI::Races, PlayerTypes, GameTypes, Latency
    public static final int RACE_ZERG = 0, RACE_TERRAN = 1, RACE_PROTOSS = 2, RACE_NONE = 7;
    public static final int PLAYER_TYPE_COMPUTER = 1, PLAYER_TYPE_PLAYER = 2, PLAYER_TYPE_NEUTRAL = 7;
    public static final int GAME_TYPE_USE_MAP_SETTINGS = 10, LATENCY_SINGLE_PLAYER = 2;
    public static final int UNIT_TYPE_NONE = 228, UNIT_TYPE_UNKNOWN = 233;
    static final int TECH_NONE = 44, UPGRADE_NONE = 61;

    /** BWAPI UnitTypes ids of the units the arena knows, by BWAPI name (as in units.yaml). */
    private static final Map<String, Integer> UNIT_TYPE_IDS = Map.ofEntries(
            Map.entry("Terran_Marine", 0), Map.entry("Terran_Vulture", 2), Map.entry("Terran_Goliath", 3),
            Map.entry("Terran_Wraith", 8), Map.entry("Terran_Firebat", 32), Map.entry("Terran_Medic", 34),
            Map.entry("Zerg_Zergling", 37), Map.entry("Zerg_Hydralisk", 38), Map.entry("Zerg_Ultralisk", 39),
            Map.entry("Zerg_Mutalisk", 43), Map.entry("Protoss_Zealot", 65), Map.entry("Protoss_Dragoon", 66));

    /** BWAPI's id of a unit type by its BWAPI name; {@link #UNIT_TYPE_UNKNOWN} for one we have no id for. */
    public static int unitTypeId(String name) {
        return UNIT_TYPE_IDS.getOrDefault(name, UNIT_TYPE_UNKNOWN);
    }

    /** The BWAPI name of a unit type id, or null. */
    public static String unitTypeName(int id) {
        for (var e : UNIT_TYPE_IDS.entrySet()) if (e.getValue() == id) return e.getKey();
        return null;
    }

    public static int raceOf(String unitTypeName) {
        if (unitTypeName.startsWith("Terran_")) return RACE_TERRAN;
        if (unitTypeName.startsWith("Zerg_")) return RACE_ZERG;
        if (unitTypeName.startsWith("Protoss_")) return RACE_PROTOSS;
        return RACE_NONE;
    }

    /** The BW order an arena order shows as; an idle player unit shows PlayerGuard in BW. */
    public static int orderId(Order o) {
        return switch (o) {
            case STOP -> ORDER_PLAYER_GUARD;
            case MOVE -> ORDER_MOVE;
            case ATTACK_UNIT -> ORDER_ATTACK_UNIT;
            case ATTACK_MOVE -> ORDER_ATTACK_MOVE;
            case HOLD_POSITION -> ORDER_HOLD_POSITION;
        };
    }

    /** The arena order a BW order id reads as (orders the arena has no counterpart for read as STOP). */
    public static Order order(int orderId) {
        return switch (orderId) {
            case ORDER_MOVE -> Order.MOVE;
            case ORDER_ATTACK_UNIT -> Order.ATTACK_UNIT;
            case ORDER_ATTACK_MOVE, ORDER_PATROL -> Order.ATTACK_MOVE;
            case ORDER_HOLD_POSITION -> Order.HOLD_POSITION;
            default -> Order.STOP;
        };
    }
}
