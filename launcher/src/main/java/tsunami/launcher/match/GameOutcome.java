package tsunami.launcher.match;

import java.util.List;

/**
 * One game of a match as {@code result.json} records it.
 *
 * @param winner the winning bot's name, or null for a draw
 * @param reason why the game ended: {@link Reason}
 * @param bots   each bot's figures, in the order the match named them
 */
public record GameOutcome(int game, long seed, String winner, Reason reason, String loser, int frames, List<BotGameStats> bots) {
    /** Why a game ended; a rule broken names the bot that broke it as the loser. */
    public enum Reason {
        LAST_UNIT_STANDING, TIME_LIMIT_DRAW, LEFT_GAME, CRASHED, NO_CONNECTION,
        FRAME_OVER_10S, FRAMES_OVER_1S, FRAMES_OVER_85MS
    }

    /** One bot's side of one game: frame times (µs) and what it got wrong. */
    public record BotGameStats(String name, int frames, double frameUsP50, double frameUsP99, double frameMsMax,
                               int framesOver85ms, int framesOver1s, int framesOver10s, long ignoredCommands) {
    }
}
