package tsunami.launcher;

import tsunami.BadInputException;
import tsunami.bots.arena.Arena;
import tsunami.bots.arena.GameRecorder;
import tsunami.bots.replay.Replay;
import tsunami.bots.replay.ReplayFile;
import tsunami.bots.replay.ReplayRecorder;
import tsunami.learn.Evaluator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code monkey eval --replay}: writes the evaluated policy's games as replay files, numbered in the
 * order they end (of the games the evaluation counts) and named by their outcome for the policy,
 * so that a user can watch what it loses.
 */
final class EvalReplays {
    static final List<String> OUTCOMES = List.of("all", "won", "lost", "drawn", "not-won");
    /** One file per game: a typo in --games must not fill a disk with replays. */
    static final int MAX_GAMES = 100_000;

    private final Path dir;
    private final String only;
    private final int[] quota;
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicInteger written = new AtomicInteger();

    /** @param games, envs as evaluated: only the episodes {@link Evaluator} counts are written */
    EvalReplays(Path dir, String only, int games, int envs) {
        if (games > MAX_GAMES) throw new BadInputException("--replay writes a file per game: at most " + MAX_GAMES + " games with it, got " + games);
        if (!OUTCOMES.contains(only)) throw new BadInputException("--replay-only must be one of " + OUTCOMES + ", got '" + only + "'");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException("--replay " + dir + ": cannot create the folder: " + e.getMessage(), e);
        }
        this.dir = dir;
        this.only = only;
        this.quota = Evaluator.quotas(games, envs);
    }

    /** Records env e's games until its quota is played (it goes on playing while other envs finish theirs). */
    GameRecorder recorderOfEnv(int e) {
        int[] left = {e < quota.length ? quota[e] : 0};
        return ReplayRecorder.into(replay -> {
            if (left[0] > 0) {
                left[0]--;
                write(replay);
            }
        });
    }

    int written() {
        return written.get();
    }

    private void write(Replay replay) {
        int game = ended.getAndIncrement();
        String outcome = outcome(replay);
        if (!only.equals("all") && !only.equals(outcome) && !(only.equals("not-won") && !outcome.equals("won"))) return;
        String scenario = replay.scenarioSource().replaceAll("[^A-Za-z0-9_.-]", "_");
        Path f = dir.resolve(String.format(Locale.ROOT, "%s-%04d-%s.tsr", scenario, game, outcome));
        try {
            ReplayFile.write(f, replay);
            written.incrementAndGet();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write replay " + f + ": " + e.getMessage(), e);
        }
    }

    /** The game's end for the policy's side ("agents" in the replay). */
    static String outcome(Replay replay) {
        if (replay.winner() == Arena.DRAW) return "drawn";
        int policySide = "agents".equals(replay.red()) ? 0 : 1;
        return replay.winner() == policySide ? "won" : "lost";
    }
}
