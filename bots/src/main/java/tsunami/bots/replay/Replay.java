package tsunami.bots.replay;

/**
 * A recorded arena game, compact: the scenario text, the seed, every accepted command and a
 * state hash every {@link #HASH_INTERVAL} frames (to prove a re-run matches), plus the result.
 *
 * @param commands packed, {@link #COMMAND_INTS} ints per command: frame, unit, order, target, x, y
 * @param hashes   state hash after frames 0, HASH_INTERVAL, 2·HASH_INTERVAL, ... and after the last frame
 */
public record Replay(String scenarioSource, String scenarioText, long seed, String red, String blue,
                     int[] commands, long[] hashes, int frames, int winner) {
    public static final int HASH_INTERVAL = 64;
    public static final int COMMAND_INTS = 6;

    public int commandCount() {
        return commands.length / COMMAND_INTS;
    }
}
