package tsunami.bots.bwapi;

/** Why a hosted game ended. All but the first two name a client that lost by it. */
public enum GameEnd {
    /** one side has no unit left (or both: a draw) */
    LAST_UNIT_STANDING,
    /** the scenario's time limit: a draw */
    TIME_LIMIT,
    /** the client sent LeaveGame */
    LEFT_GAME,
    /** the client closed its connection, or its process died */
    DISCONNECTED,
    /** one frame took the client longer than the frame timeout (SSCAIT: 10 s) */
    FRAME_TIMEOUT,
    /** more frames over 1 s than the rules allow (SSCAIT: 10) */
    FRAMES_OVER_1S,
    /** more frames over 85 ms than the rules allow (SSCAIT: 320) */
    FRAMES_OVER_85MS,
    /** the client did not connect in time */
    NO_CONNECTION
}
