package tsunami.bots.bwapi;

/**
 * The BWAPI 4.4.0 shared-memory structs, declared member by member in the order of BWAPI's
 * headers ({@code bwapi/include/BWAPI/Client/GameData.h}, {@code UnitData.h}, {@code PlayerData.h},
 * {@code ForceData.h}, {@code BulletData.h}, {@code RegionData.h}, {@code Event.h},
 * {@code Command.h}, {@code Shape.h}, {@code UnitCommand.h}, {@code GameTable.h} at tag v4.4.0),
 * and the offsets the host and the client use. {@code GAME_DATA_SIZE} must be 33,017,048 bytes,
 * the figure every BWAPI 4.4 client maps; the conformance test pins it and a dozen offsets.
 * Only members we read or write get a constant; the others still take their place in the layout.
 */
final class BwapiLayout {
    private BwapiLayout() {
    }

    static final int UNIT_TYPES = 234, UPGRADE_TYPES = 63, TECH_TYPES = 47;
    static final int MAX_PLAYERS = 12, MAX_FORCES = 5, MAX_UNITS = 10_000, MAX_BULLETS = 100;
    static final int MAX_EVENTS = 10_000, MAX_EVENT_STRINGS = 1_000, EVENT_STRING_SIZE = 256;
    static final int MAX_STRINGS = 20_000, STRING_SIZE = 1_024, MAX_SHAPES = 20_000;
    static final int MAX_COMMANDS = 20_000, MAX_UNIT_COMMANDS = 20_000;
    static final int MAP_TILES = 256, WALK_TILES = 1_024, MAX_REGIONS = 5_000;
    static final int MAX_GAME_INSTANCES = 8;

    static final StructLayout POSITION = new StructLayout("Position").i32("x").i32("y");
    static final StructLayout UNIT_FINDER = new StructLayout("unitFinder").i32("unitIndex").i32("searchValue");
    static final StructLayout FORCE = new StructLayout("ForceData").chars("name", 32);

    static final StructLayout PLAYER = new StructLayout("PlayerData")
            .chars("name", 25).i32("race").i32("type").i32("force")
            .bool("isAlly", MAX_PLAYERS).bool("isEnemy", MAX_PLAYERS).bool("isNeutral")
            .i32("startLocationX").i32("startLocationY")
            .bool("isVictorious").bool("isDefeated").bool("leftGame").bool("isParticipating")
            .i32("minerals").i32("gas").i32("gatheredMinerals").i32("gatheredGas")
            .i32("repairedMinerals").i32("repairedGas").i32("refundedMinerals").i32("refundedGas")
            .i32("supplyTotal", 3).i32("supplyUsed", 3)
            .i32("allUnitCount", UNIT_TYPES).i32("visibleUnitCount", UNIT_TYPES).i32("completedUnitCount", UNIT_TYPES)
            .i32("deadUnitCount", UNIT_TYPES).i32("killedUnitCount", UNIT_TYPES)
            .i32("upgradeLevel", UPGRADE_TYPES).bool("hasResearched", TECH_TYPES).bool("isResearching", TECH_TYPES)
            .bool("isUpgrading", UPGRADE_TYPES).i32("color")
            .i32("totalUnitScore").i32("totalKillScore").i32("totalBuildingScore").i32("totalRazingScore").i32("customScore")
            .i32("maxUpgradeLevel", UPGRADE_TYPES).bool("isResearchAvailable", TECH_TYPES).bool("isUnitAvailable", UNIT_TYPES);

    static final StructLayout UNIT = new StructLayout("UnitData")
            .i32("clearanceLevel").i32("id").i32("player").i32("type").i32("positionX").i32("positionY")
            .f64("angle").f64("velocityX").f64("velocityY")
            .i32("hitPoints").i32("lastHitPoints").i32("shields").i32("energy").i32("resources").i32("resourceGroup")
            .i32("killCount").i32("acidSporeCount").i32("scarabCount").i32("interceptorCount").i32("spiderMineCount")
            .i32("groundWeaponCooldown").i32("airWeaponCooldown").i32("spellCooldown")
            .i32("defenseMatrixPoints").i32("defenseMatrixTimer").i32("ensnareTimer").i32("irradiateTimer")
            .i32("lockdownTimer").i32("maelstromTimer").i32("orderTimer").i32("plagueTimer").i32("removeTimer")
            .i32("stasisTimer").i32("stimTimer")
            .i32("buildType").i32("trainingQueueCount").i32("trainingQueue", 5).i32("tech").i32("upgrade")
            .i32("remainingBuildTime").i32("remainingTrainTime").i32("remainingResearchTime").i32("remainingUpgradeTime")
            .i32("buildUnit").i32("target").i32("targetPositionX").i32("targetPositionY")
            .i32("order").i32("orderTarget").i32("orderTargetPositionX").i32("orderTargetPositionY")
            .i32("secondaryOrder").i32("rallyPositionX").i32("rallyPositionY").i32("rallyUnit")
            .i32("addon").i32("nydusExit").i32("powerUp").i32("transport").i32("carrier").i32("hatchery")
            .bool("exists").bool("hasNuke").bool("isAccelerating").bool("isAttacking").bool("isAttackFrame")
            .bool("isBeingGathered").bool("isBlind").bool("isBraking").bool("isBurrowed").i32("carryResourceType")
            .bool("isCloaked").bool("isCompleted").bool("isConstructing").bool("isDetected").bool("isGathering")
            .bool("isHallucination").bool("isIdle").bool("isInterruptible").bool("isInvincible").bool("isLifted")
            .bool("isMorphing").bool("isMoving").bool("isParasited").bool("isSelected").bool("isStartingAttack")
            .bool("isStuck").bool("isTraining").bool("isUnderStorm").bool("isUnderDarkSwarm").bool("isUnderDWeb")
            .bool("isPowered").bool("isVisible", 9).i32("buttonset").i32("lastAttackerPlayer").bool("recentlyAttacked")
            .i32("replayID");

    static final StructLayout BULLET = new StructLayout("BulletData")
            .i32("id").i32("player").i32("type").i32("source").i32("positionX").i32("positionY")
            .f64("angle").f64("velocityX").f64("velocityY").i32("target").i32("targetPositionX").i32("targetPositionY")
            .i32("removeTimer").bool("exists").bool("isVisible", 9);

    static final StructLayout REGION = new StructLayout("RegionData")
            .i32("id").i32("islandID").i32("center_x").i32("center_y").i32("priority")
            .i32("leftMost").i32("rightMost").i32("topMost").i32("bottomMost")
            .i32("neighborCount").i32("neighbors", 256).bool("isAccessible").bool("isHigherGround");

    static final StructLayout EVENT = new StructLayout("Event").i32("type").i32("v1").i32("v2");
    static final StructLayout COMMAND = new StructLayout("Command").i32("type").i32("value1").i32("value2");
    static final StructLayout SHAPE = new StructLayout("Shape").i32("type").i32("ctype").i32("x1").i32("y1")
            .i32("x2").i32("y2").i32("extra1").i32("extra2").i32("color").bool("isSolid");
    static final StructLayout UNIT_COMMAND = new StructLayout("UnitCommand").i32("type").i32("unitIndex")
            .i32("targetIndex").i32("x").i32("y").i32("extra");

    static final StructLayout GAME_INSTANCE = new StructLayout("GameInstance")
            .i32("serverProcessID").bool("isConnected").i32("lastKeepAliveTime");
    static final StructLayout GAME_TABLE = new StructLayout("GameTable").struct("gameInstances", GAME_INSTANCE, MAX_GAME_INSTANCES);

    static final StructLayout GAME = new StructLayout("GameData")
            .i32("client_version").i32("revision").bool("isDebug").i32("instanceID")
            .i32("botAPM_noselects").i32("botAPM_selects")
            .i32("forceCount").struct("forces", FORCE, MAX_FORCES)
            .i32("playerCount").struct("players", PLAYER, MAX_PLAYERS)
            .i32("initialUnitCount").struct("units", UNIT, MAX_UNITS)
            .i32("unitArray", 1_700)
            .struct("bullets", BULLET, MAX_BULLETS)
            .i32("nukeDotCount").struct("nukeDots", POSITION, 200)
            .i32("gameType").i32("latency").i32("latencyFrames").i32("latencyTime")
            .i32("remainingLatencyFrames").i32("remainingLatencyTime").bool("hasLatCom").bool("hasGUI")
            .i32("replayFrameCount").i32("randomSeed").i32("frameCount").i32("elapsedTime").i32("countdownTimer")
            .i32("fps").f64("averageFPS")
            .i32("mouseX").i32("mouseY").bool("mouseState", 3).bool("keyState", 255).i32("screenX").i32("screenY")
            .bool("flags", 2)
            .i32("mapWidth").i32("mapHeight").chars("mapFileName", 261).chars("mapPathName", 261)
            .chars("mapName", 33).chars("mapHash", 41)
            .i32("getGroundHeight", MAP_TILES * MAP_TILES).bool("isWalkable", WALK_TILES * WALK_TILES)
            .bool("isBuildable", MAP_TILES * MAP_TILES).bool("isVisible", MAP_TILES * MAP_TILES)
            .bool("isExplored", MAP_TILES * MAP_TILES).bool("hasCreep", MAP_TILES * MAP_TILES)
            .bool("isOccupied", MAP_TILES * MAP_TILES)
            .u16("mapTileRegionId", MAP_TILES * MAP_TILES).u16("mapSplitTilesMiniTileMask", MAX_REGIONS)
            .u16("mapSplitTilesRegion1", MAX_REGIONS).u16("mapSplitTilesRegion2", MAX_REGIONS)
            .i32("regionCount").struct("regions", REGION, MAX_REGIONS)
            .i32("startLocationCount").struct("startLocations", POSITION, 8)
            .bool("isInGame").bool("isMultiplayer").bool("isBattleNet").bool("isPaused").bool("isReplay")
            .i32("selectedUnitCount").i32("selectedUnits", 12)
            .i32("self").i32("enemy").i32("neutral")
            .i32("eventCount").struct("events", EVENT, MAX_EVENTS)
            .i32("eventStringCount").chars("eventStrings", MAX_EVENT_STRINGS * EVENT_STRING_SIZE)
            .i32("stringCount").chars("strings", MAX_STRINGS * STRING_SIZE)
            .i32("shapeCount").struct("shapes", SHAPE, MAX_SHAPES)
            .i32("commandCount").struct("commands", COMMAND, MAX_COMMANDS)
            .i32("unitCommandCount").struct("unitCommands", UNIT_COMMAND, MAX_UNIT_COMMANDS)
            .i32("unitSearchSize").struct("xUnitSearch", UNIT_FINDER, 3_400).struct("yUnitSearch", UNIT_FINDER, 3_400);

    static final int GAME_DATA_SIZE = GAME.size();
    static final int GAME_TABLE_SIZE = GAME_TABLE.size();
    static final int GAME_INSTANCE_SIZE = GAME_INSTANCE.size();
    static final int PLAYER_SIZE = PLAYER.size(), UNIT_SIZE = UNIT.size(), FORCE_SIZE = FORCE.size();
    static final int REGION_SIZE = REGION.size(), EVENT_SIZE = EVENT.size(), COMMAND_SIZE = COMMAND.size();
    static final int UNIT_COMMAND_SIZE = UNIT_COMMAND.size(), POSITION_SIZE = POSITION.size();

    // GameData members used by the host and the client
    static final int CLIENT_VERSION = GAME.offset("client_version"), REVISION = GAME.offset("revision");
    static final int INSTANCE_ID = GAME.offset("instanceID");
    static final int FORCE_COUNT = GAME.offset("forceCount"), FORCES = GAME.offset("forces");
    static final int PLAYER_COUNT = GAME.offset("playerCount"), PLAYERS = GAME.offset("players");
    static final int INITIAL_UNIT_COUNT = GAME.offset("initialUnitCount"), UNITS = GAME.offset("units");
    static final int UNIT_ARRAY = GAME.offset("unitArray");
    static final int GAME_TYPE = GAME.offset("gameType"), LATENCY = GAME.offset("latency");
    static final int LATENCY_FRAMES = GAME.offset("latencyFrames"), HAS_LATCOM = GAME.offset("hasLatCom");
    static final int HAS_GUI = GAME.offset("hasGUI"), RANDOM_SEED = GAME.offset("randomSeed");
    static final int FRAME_COUNT = GAME.offset("frameCount"), ELAPSED_TIME = GAME.offset("elapsedTime");
    static final int FPS = GAME.offset("fps"), AVERAGE_FPS = GAME.offset("averageFPS");
    static final int FLAGS = GAME.offset("flags");
    static final int MAP_WIDTH = GAME.offset("mapWidth"), MAP_HEIGHT = GAME.offset("mapHeight");
    static final int MAP_FILE_NAME = GAME.offset("mapFileName"), MAP_PATH_NAME = GAME.offset("mapPathName");
    static final int MAP_NAME = GAME.offset("mapName"), MAP_HASH = GAME.offset("mapHash");
    static final int IS_WALKABLE = GAME.offset("isWalkable"), MAP_IS_VISIBLE = GAME.offset("isVisible");
    static final int MAP_IS_EXPLORED = GAME.offset("isExplored");
    static final int REGION_COUNT = GAME.offset("regionCount"), REGIONS = GAME.offset("regions");
    static final int START_LOCATION_COUNT = GAME.offset("startLocationCount"), START_LOCATIONS = GAME.offset("startLocations");
    static final int IS_IN_GAME = GAME.offset("isInGame");
    static final int SELF = GAME.offset("self"), ENEMY = GAME.offset("enemy"), NEUTRAL = GAME.offset("neutral");
    static final int EVENT_COUNT = GAME.offset("eventCount"), EVENTS = GAME.offset("events");
    static final int EVENT_STRING_COUNT = GAME.offset("eventStringCount"), EVENT_STRINGS = GAME.offset("eventStrings");
    static final int STRING_COUNT = GAME.offset("stringCount"), STRINGS = GAME.offset("strings");
    static final int SHAPE_COUNT = GAME.offset("shapeCount");
    static final int COMMAND_COUNT = GAME.offset("commandCount"), COMMANDS = GAME.offset("commands");
    static final int UNIT_COMMAND_COUNT = GAME.offset("unitCommandCount"), UNIT_COMMANDS = GAME.offset("unitCommands");

    // PlayerData members (relative to the player's record)
    static final int P_NAME = PLAYER.offset("name"), P_RACE = PLAYER.offset("race"), P_TYPE = PLAYER.offset("type");
    static final int P_FORCE = PLAYER.offset("force"), P_IS_ALLY = PLAYER.offset("isAlly"), P_IS_ENEMY = PLAYER.offset("isEnemy");
    static final int P_IS_NEUTRAL = PLAYER.offset("isNeutral");
    static final int P_START_X = PLAYER.offset("startLocationX"), P_START_Y = PLAYER.offset("startLocationY");
    static final int P_IS_VICTORIOUS = PLAYER.offset("isVictorious"), P_IS_DEFEATED = PLAYER.offset("isDefeated");
    static final int P_LEFT_GAME = PLAYER.offset("leftGame"), P_IS_PARTICIPATING = PLAYER.offset("isParticipating");
    static final int P_ALL_UNIT_COUNT = PLAYER.offset("allUnitCount"), P_VISIBLE_UNIT_COUNT = PLAYER.offset("visibleUnitCount");
    static final int P_COMPLETED_UNIT_COUNT = PLAYER.offset("completedUnitCount");
    static final int P_DEAD_UNIT_COUNT = PLAYER.offset("deadUnitCount"), P_KILLED_UNIT_COUNT = PLAYER.offset("killedUnitCount");
    static final int P_COLOR = PLAYER.offset("color"), P_IS_UNIT_AVAILABLE = PLAYER.offset("isUnitAvailable");

    // UnitData members (relative to the unit's record)
    static final int U_CLEARANCE = UNIT.offset("clearanceLevel"), U_ID = UNIT.offset("id"), U_PLAYER = UNIT.offset("player");
    static final int U_TYPE = UNIT.offset("type"), U_X = UNIT.offset("positionX"), U_Y = UNIT.offset("positionY");
    static final int U_ANGLE = UNIT.offset("angle"), U_VX = UNIT.offset("velocityX"), U_VY = UNIT.offset("velocityY");
    static final int U_HP = UNIT.offset("hitPoints"), U_LAST_HP = UNIT.offset("lastHitPoints");
    static final int U_SHIELDS = UNIT.offset("shields"), U_ENERGY = UNIT.offset("energy");
    static final int U_KILLS = UNIT.offset("killCount");
    static final int U_GROUND_CD = UNIT.offset("groundWeaponCooldown"), U_AIR_CD = UNIT.offset("airWeaponCooldown");
    static final int U_BUILD_TYPE = UNIT.offset("buildType"), U_TECH = UNIT.offset("tech"), U_UPGRADE = UNIT.offset("upgrade");
    static final int U_TARGET = UNIT.offset("target");
    static final int U_TARGET_X = UNIT.offset("targetPositionX"), U_TARGET_Y = UNIT.offset("targetPositionY");
    static final int U_ORDER = UNIT.offset("order"), U_ORDER_TARGET = UNIT.offset("orderTarget");
    static final int U_ORDER_TARGET_X = UNIT.offset("orderTargetPositionX"), U_ORDER_TARGET_Y = UNIT.offset("orderTargetPositionY");
    static final int U_SECONDARY_ORDER = UNIT.offset("secondaryOrder");
    static final int U_BUILD_UNIT = UNIT.offset("buildUnit");
    static final int U_EXISTS = UNIT.offset("exists"), U_IS_ATTACKING = UNIT.offset("isAttacking");
    static final int U_IS_ATTACK_FRAME = UNIT.offset("isAttackFrame"), U_IS_COMPLETED = UNIT.offset("isCompleted");
    static final int U_IS_DETECTED = UNIT.offset("isDetected"), U_IS_IDLE = UNIT.offset("isIdle");
    static final int U_IS_INTERRUPTIBLE = UNIT.offset("isInterruptible"), U_IS_MOVING = UNIT.offset("isMoving");
    static final int U_IS_POWERED = UNIT.offset("isPowered"), U_IS_STARTING_ATTACK = UNIT.offset("isStartingAttack");
    static final int U_IS_VISIBLE = UNIT.offset("isVisible"), U_LAST_ATTACKER = UNIT.offset("lastAttackerPlayer");
    static final int U_RECENTLY_ATTACKED = UNIT.offset("recentlyAttacked"), U_REPLAY_ID = UNIT.offset("replayID");
    static final int U_RALLY_UNIT = UNIT.offset("rallyUnit"), U_HATCHERY = UNIT.offset("hatchery");
    static final int U_ADDON = UNIT.offset("addon"), U_CARRIER = UNIT.offset("carrier");
    static final int U_TRANSPORT = UNIT.offset("transport"), U_NYDUS = UNIT.offset("nydusExit"), U_POWER_UP = UNIT.offset("powerUp");

    static final int R_ID = REGION.offset("id"), R_CENTER_X = REGION.offset("center_x"), R_CENTER_Y = REGION.offset("center_y");
    static final int R_RIGHT = REGION.offset("rightMost"), R_BOTTOM = REGION.offset("bottomMost");
    static final int R_ACCESSIBLE = REGION.offset("isAccessible");

    static final int GI_PID = GAME_INSTANCE.offset("serverProcessID"), GI_CONNECTED = GAME_INSTANCE.offset("isConnected");
    static final int GI_KEEPALIVE = GAME_INSTANCE.offset("lastKeepAliveTime");
}
