package tsunami.bots.replay;

import tsunami.bots.arena.Arena;
import tsunami.bots.arena.GameRecorder;
import tsunami.bots.scenario.Scenario;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Records an arena game as it is played: attach it as the arena's observer before reset; when the
 * game is over, it hands the replay to its sink, or {@link #finish} makes it on demand.
 */
public final class ReplayRecorder implements Arena.Observer {
    private final Consumer<Replay> sink;
    private final Scenario scenario;
    private final long seed;
    private final String red, blue;
    private int[] commands = new int[256];
    private int commandInts;
    private long[] hashes = new long[64];
    private int hashCount;

    public ReplayRecorder(Scenario scenario, long seed, String red, String blue) {
        this(scenario, seed, red, blue, null);
    }

    private ReplayRecorder(Scenario scenario, long seed, String red, String blue, Consumer<Replay> sink) {
        this.sink = sink;
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

    /** Records every game it is given to {@code sink}, one replay per finished game. */
    public static GameRecorder into(Consumer<Replay> sink) {
        return (scenario, seed, red, blue) -> new ReplayRecorder(scenario, seed, red, blue, sink);
    }

    @Override
    public void gameOver(Arena arena) {
        if (sink != null) sink.accept(finish(arena));
    }

    public Replay finish(Arena arena) {
        addHash(arena.stateHash());
        return new Replay(scenario.name(), scenario.text(), seed, red, blue, Arrays.copyOf(commands, commandInts),
                Arrays.copyOf(hashes, hashCount), arena.getFrameCount(), arena.winner());
    }
}
