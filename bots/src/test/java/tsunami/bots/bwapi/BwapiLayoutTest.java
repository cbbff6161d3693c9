package tsunami.bots.bwapi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tsunami.bots.bwapi.BwapiLayout.*;

/**
 * Pins our declaration of BWAPI 4.4.0's shared memory against the header's figures. Offsets are
 * those the v4.4.0 headers give on x86 (MSVC), the ABI every BWAPI 4.4 client maps; JBWAPI's
 * generated ClientData carries the same numbers. A member added, dropped or re-typed moves them.
 */
class BwapiLayoutTest {
    @Test
    void structSizesMatchTheHeaders() {
        assertEquals(33_017_048, GAME_DATA_SIZE, "sizeof(BWAPIC::GameData)");
        assertEquals(336, UNIT_SIZE, "sizeof(BWAPI::UnitData)");
        assertEquals(5_788, PLAYER_SIZE, "sizeof(BWAPI::PlayerData)");
        assertEquals(32, FORCE_SIZE, "sizeof(BWAPI::ForceData)");
        assertEquals(80, BULLET.size(), "sizeof(BWAPI::BulletData): doubles 8-aligned");
        assertEquals(1_068, REGION_SIZE, "sizeof(BWAPI::RegionData)");
        assertEquals(12, EVENT_SIZE, "sizeof(BWAPIC::Event)");
        assertEquals(12, COMMAND_SIZE, "sizeof(BWAPIC::Command)");
        assertEquals(40, SHAPE.size(), "sizeof(BWAPIC::Shape)");
        assertEquals(24, UNIT_COMMAND_SIZE, "sizeof(BWAPIC::UnitCommand)");
        assertEquals(12, GAME_INSTANCE_SIZE, "sizeof(BWAPI::GameInstance)");
        assertEquals(96, GAME_TABLE_SIZE, "sizeof(BWAPI::GameTable): 8 instances");
    }

    @Test
    void gameDataOffsetsMatchTheHeader() {
        // GameData.h, v4.4.0: "int client_version;" is the first member, kept first so versions can be compared
        assertEquals(0, CLIENT_VERSION);
        assertEquals(24, FORCE_COUNT);                 // int forceCount;
        assertEquals(188, PLAYER_COUNT);               // int playerCount;
        assertEquals(192, PLAYERS);                    // PlayerData players[12];
        assertEquals(69_648, INITIAL_UNIT_COUNT);      // int initialUnitCount;
        assertEquals(69_656, UNITS);                   // UnitData units[10000]; (8-aligned: UnitData holds doubles)
        assertEquals(3_429_656, UNIT_ARRAY);           // int unitArray[1700];
        assertEquals(3_436_456, GAME.offset("bullets"));   // BulletData bullets[100];
        assertEquals(3_446_060, GAME_TYPE);            // int gameType;
        assertEquals(3_446_096, FRAME_COUNT);          // int frameCount;
        assertEquals(3_446_112, AVERAGE_FPS);          // double averageFPS;
        assertEquals(3_446_396, FLAGS);                // bool flags[Flag::Max];
        assertEquals(3_446_400, MAP_WIDTH);            // int mapWidth;
        assertEquals(3_446_404, MAP_HEIGHT);           // int mapHeight;
        assertEquals(3_446_930, MAP_NAME);             // char mapName[33];
        assertEquals(3_709_148, IS_WALKABLE);          // bool isWalkable[1024][1024];
        assertEquals(5_246_476, REGION_COUNT);         // int regionCount;
        assertEquals(10_586_548, IS_IN_GAME);          // bool isInGame;
        assertEquals(10_586_608, SELF);                // int self;
        assertEquals(10_586_620, EVENT_COUNT);         // int eventCount;
        assertEquals(10_586_624, EVENTS);              // BWAPIC::Event events[MAX_EVENTS];
        assertEquals(10_706_628, EVENT_STRINGS);       // char eventStrings[MAX_EVENT_STRINGS][256];
        assertEquals(10_962_632, STRINGS);             // char strings[MAX_STRINGS][1024];
        assertEquals(31_442_632, SHAPE_COUNT);         // int shapeCount;
        assertEquals(32_242_636, COMMAND_COUNT);       // int commandCount;
        assertEquals(32_482_640, UNIT_COMMAND_COUNT);  // int unitCommandCount;
        assertEquals(32_482_644, UNIT_COMMANDS);       // BWAPIC::UnitCommand unitCommands[MAX_UNIT_COMMANDS];
        assertEquals(32_962_644, GAME.offset("unitSearchSize"));
    }

    @Test
    void unitAndPlayerOffsetsMatchTheHeaders() {
        // UnitData.h
        assertEquals(16, U_X);                  // int positionX;
        assertEquals(24, U_ANGLE);              // double angle;
        assertEquals(48, U_HP);                 // int hitPoints;
        assertEquals(92, U_GROUND_CD);          // int groundWeaponCooldown;
        assertEquals(204, U_TARGET);            // int target;
        assertEquals(216, U_ORDER);             // int order;
        assertEquals(272, U_EXISTS);            // bool exists;
        assertEquals(309, U_IS_VISIBLE);        // bool isVisible[9];
        assertEquals(332, U_REPLAY_ID);         // int replayID;
        // PlayerData.h
        assertEquals(28, P_RACE);               // int race; (after char name[25])
        assertEquals(76, P_IS_VICTORIOUS);      // bool isVictorious;
        assertEquals(136, P_ALL_UNIT_COUNT);    // int allUnitCount[UnitTypes::Enum::MAX];
        assertEquals(5_228, P_COLOR);           // int color;
        // GameTable.h
        assertEquals(4, GI_CONNECTED);
        assertEquals(8, GI_KEEPALIVE);
    }
}
