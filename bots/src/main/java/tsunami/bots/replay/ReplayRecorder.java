package tsunami.bots.replay;

import tsunami.bots.arena.Arena;
import tsunami.bots.scenario.Scenario;

import java.util.Arrays;

/** Records an arena game as it is played: attach it as the arena's observer before reset; {@link #finish} when the game is over. */
public final class ReplayRecorder implements Arena.Observer {
    private final Scenario scenario;
    private final long seed;
    private final String red, blue;
    private int[] commands = new int[256];
    private int commandInts;
    private long[] hashes = new long[64];
    private int hashCount;

    public ReplayRecorder(Scenario scenario, long seed, String red, String blue) {
        this.scenario = scenario;
        this.seed = seed;
        this.red = red;
        this.blue = blue;
    }

    @Override
    public void onCommand(int frame, int unit, int order, int target, int x, int y) {
        if (commandInts + Replay.COMMAND_INTS > commands.length) commands = Arrays.copyOf(commands, commands.length * 2);
        commands[commandInts++] = frame;
        commands[commandInts++] = unit;
        commands[commandInts++] = order;
        commands[commandInts++] = target;
        commands[commandInts++] = x;
        commands[commandInts++] = y;
    }

    @Override
    public void afterFrame(Arena arena) {
        if (arena.getFrameCount() % Replay.HASH_INTERVAL == 0) addHash(arena.stateHash());
    }

    private void addHash(long h) {
        if (hashCount == hashes.length) hashes = Arrays.copyOf(hashes, hashCount * 2);
        hashes[hashCount++] = h;
    }

    public Replay finish(Arena arena) {
        addHash(arena.stateHash());
        return new Replay(scenario.name(), scenario.text(), seed, red, blue, Arrays.copyOf(commands, commandInts),
                Arrays.copyOf(hashes, hashCount), arena.getFrameCount(), arena.winner());
    }
}
