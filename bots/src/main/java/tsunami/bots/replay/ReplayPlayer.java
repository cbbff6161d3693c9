package tsunami.bots.replay;

import tsunami.BadInputException;
import tsunami.bots.arena.Arena;
import tsunami.bots.data.GameData;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;

import java.util.function.Consumer;

/**
 * Re-runs a replay in a fresh arena: the recorded commands at their frames, no heuristics, and
 * checks every recorded state hash, so a replay that does not reproduce is reported rather than
 * shown wrong.
 */
public final class ReplayPlayer {
    private ReplayPlayer() {
    }

    /** Plays the replay; {@code onFrame} sees the arena after reset and after every frame. Returns the final arena. */
    public static Arena play(Replay r, GameData data, Consumer<Arena> onFrame) {
        Scenario s = new ScenarioLoader(data).parse(r.scenarioText(), "replay scenario " + r.scenarioSource());
        Arena a = new Arena(s, data);
        a.reset(r.seed());
        int[] c = r.commands();
        int next = 0;
        int hashIndex = 0;
        if (onFrame != null) onFrame.accept(a);
        hashIndex = check(r, a, hashIndex);
        while (!a.isOver()) {
            int f = a.getFrameCount();
            while (next < c.length && c[next] == f) {
                a.applyRecorded(c[next + 1], c[next + 2], c[next + 3], c[next + 4], c[next + 5]);
                next += Replay.COMMAND_INTS;
            }
            if (next < c.length && c[next] < f) throw new BadInputException("replay: commands out of frame order at frame " + c[next]);
            a.step();
            if (onFrame != null) onFrame.accept(a);
            hashIndex = check(r, a, hashIndex);
            if (a.getFrameCount() > r.frames()) break;
        }
        if (a.getFrameCount() != r.frames() || a.winner() != r.winner()) {
            throw new BadInputException("replay does not reproduce: recorded " + r.frames() + " frames, winner " + r.winner()
                    + "; replayed " + a.getFrameCount() + " frames, winner " + a.winner() + " (recorded by another arena version?)");
        }
        if (r.hashes().length == 0 || r.hashes()[r.hashes().length - 1] != a.stateHash()) {
            throw new BadInputException("replay does not reproduce: final state differs (recorded by another arena version?)");
        }
        return a;
    }

    private static int check(Replay r, Arena a, int hashIndex) {
        if (a.getFrameCount() % Replay.HASH_INTERVAL != 0) return hashIndex;
        if (hashIndex >= r.hashes().length - 1 && !a.isOver()) {
            throw new BadInputException("replay does not reproduce: no state hash recorded for frame " + a.getFrameCount());
        }
        if (hashIndex < r.hashes().length && r.hashes()[hashIndex] != a.stateHash() && !(a.isOver() && hashIndex == r.hashes().length - 1)) {
            throw new BadInputException("replay does not reproduce at frame " + a.getFrameCount() + " (recorded by another arena version?)");
        }
        return hashIndex + 1;
    }
}
