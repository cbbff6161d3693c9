package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tsunami.BadInputException;
import tsunami.bots.json.JsonLine;
import tsunami.bots.arena.ObservationLayout;
import tsunami.learn.Checkpoint;
import tsunami.learn.CheckpointStore;
import tsunami.learn.Evaluator;
import tsunami.stats.WinRate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code monkey eval}: plays a trained policy against a heuristic and reports its win rate with a 95% interval. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a trained policy: play N arena games against a heuristic and print the win rate with a 95%% interval.")
public final class EvalCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true,
            description = "a run directory, its checkpoints folder (best.tsck, else the newest intact one), or a .tsck file")
    Path checkpoint;

    @Option(names = "--scenario", required = true, description = "built-in scenario name or YAML file")
    String scenario;

    @Option(names = "--opponent", defaultValue = "attack-move", description = "who plays the other side: a heuristic, policy:RUN, "
            + "policy-sampled:RUN, or a weighted pool of them as for train (default: ${DEFAULT-VALUE})")
    String opponent;

    @Option(names = "--games", defaultValue = "1000", description = "games to play (default: ${DEFAULT-VALUE})")
    int games;

    @Option(names = "--seed", defaultValue = "12345", description = "seed of the evaluation games (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--envs", defaultValue = "50", description = "games played side by side (default: ${DEFAULT-VALUE})")
    int envs;

    @Option(names = "--sample", description = "sample actions from the policy instead of taking the most probable one")
    boolean sample;

    @Option(names = "--json", description = "print one JSON object as the last line")
    boolean json;

    @Option(names = "--replay", paramLabel = "DIR", description = "record the games as DIR/<scenario>-<game>-<won|lost|drawn>.tsr "
            + "(view with 'monkey replay')")
    Path replayDir;

    @Option(names = "--replay-only", paramLabel = "OUTCOME", defaultValue = "all",
            description = "with --replay, record only games the policy: won, lost, drawn, not-won, or all (default: ${DEFAULT-VALUE})")
    String replayOnly;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        if (games < 1 || games > 10_000_000) throw new BadInputException("--games must be 1..10000000, got " + games);
        if (envs < 1 || envs > 4096) throw new BadInputException("--envs must be 1..4096, got " + envs);
        CheckpointStore.Loaded loaded = load(checkpoint);
        for (String s : loaded.skipped()) System.err.println("monkey: warning: unusable checkpoint skipped: " + s);
        Checkpoint c = loaded.checkpoint();
        warnIfOtherScenario(c, scenario);
        // the policy plays with the attack actions it was trained with
        EvalReplays replays = replayDir == null ? null : new EvalReplays(replayDir, replayOnly, games, envs);
        ArenaSetup arena = ArenaSetup.of(scenario, opponent, null, c.metadata().getOrDefault(ArenaSetup.ATTACKS_KEY, ArenaSetup.ATTACKS_ANY), null,
                plugins.registry(), null, 0, replays == null ? null : replays::recorderOfEnv);
        OpponentSpec opponents = OpponentSpec.parse(opponent);
        if (opponents.members().size() > 1) System.err.println("monkey: each game's opponent is drawn: " + opponents.shares());
        ProgressBar bar = new ProgressBar(System.err);
        try (GameInterrupt interrupt = new GameInterrupt("eval")) {
            Evaluator.Result r;
            try {
                r = Evaluator.evaluate(c.config(), c.snapshot().params(), arena.factory(), games, envs, seed, !sample,
                        (done, wins, losses, draws) -> bar.games(done, games, String.format(Locale.ROOT,
                                "win %.1f%%  lost %d  draw %d", 100.0 * wins / done, losses, draws)),
                        interrupt::requested);
            } finally {
                bar.finish();
            }
            boolean interrupted = r.games() < games;
            if (interrupted) System.err.printf(Locale.ROOT, "monkey: interrupted after %d of %d games; the result counts only those%n", r.games(), games);
            report(loaded, c, r, interrupted);
            if (replays != null && !json) System.out.printf(Locale.ROOT, "replays     %d in %s%n", replays.written(), replayDir);
            System.out.flush();
            return interrupted ? GameInterrupt.EXIT_INTERRUPTED : 0;
        }
    }

    private void report(CheckpointStore.Loaded loaded, Checkpoint c, Evaluator.Result r, boolean interrupted) {
        WinRate w = r.interval();
        if (!json) {
            if (interrupted) System.out.printf(Locale.ROOT, "interrupted after %d of %d games%n", r.games(), games);
            System.out.printf(Locale.ROOT, "checkpoint  %s (version %d, %d frames trained)%n", loaded.path(), c.snapshot().version(), c.counter("frames"));
            System.out.printf(Locale.ROOT, "scenario    %s vs %s, %d games, %s actions%n", scenario, opponent, r.games(), sample ? "sampled" : "greedy");
            System.out.printf(Locale.ROOT, "win rate    %.1f%%  (95%% interval %.1f%% .. %.1f%%)  won %d, lost %d, draw %d%n",
                    100 * w.rate(), 100 * w.low95(), 100 * w.high95(), r.wins(), r.losses(), r.draws());
            System.out.printf(Locale.ROOT, "actions     %s%n", actionShares(r.actionsTaken()));
            System.out.printf(Locale.ROOT, "took        %.1f s (%.0f game frames/s)%n", r.seconds(), r.frames() / Math.max(1e-9, r.seconds()));
        } else {
            JsonLine line = new JsonLine().put("scenario", scenario).put("opponent", opponent).put("games", r.games())
                    .put("wins", r.wins()).put("losses", r.losses()).put("draws", r.draws()).putWinRate("", w)
                    .put("keep_order_share", share(r.actionsTaken(), ObservationLayout.NO_OP, ObservationLayout.NO_OP + 1), 4)
                    .put("move_share", share(r.actionsTaken(), ObservationLayout.FIRST_MOVE, ObservationLayout.FIRST_ATTACK), 4)
                    .put("stop_share", share(r.actionsTaken(), ObservationLayout.STOP, ObservationLayout.STOP + 1), 4)
                    .put("attack_share", share(r.actionsTaken(), ObservationLayout.FIRST_ATTACK, r.actionsTaken().length), 4)
                    .put("checkpoint", loaded.path().toString()).put("version", c.snapshot().version());
            if (interrupted) line.put("games_requested", games);
            System.out.println(line);
        }
    }

    private static double share(long[] taken, int from, int to) {
        long all = 0, part = 0;
        for (int k = 0; k < taken.length; k++) {
            all += taken[k];
            if (k >= from && k < to) part += taken[k];
        }
        return all == 0 ? 0 : (double) part / all;
    }

    /** Shares of the living agents' decisions: keep the current order (no-op), attack, move, stop. */
    static String actionShares(long[] taken) {
        return String.format(Locale.ROOT, "keep order %.1f%%, attack %.1f%%, move %.1f%%, stop %.1f%% of %d decisions",
                100 * share(taken, ObservationLayout.NO_OP, ObservationLayout.NO_OP + 1),
                100 * share(taken, ObservationLayout.FIRST_ATTACK, taken.length),
                100 * share(taken, ObservationLayout.FIRST_MOVE, ObservationLayout.FIRST_ATTACK),
                100 * share(taken, ObservationLayout.STOP, ObservationLayout.STOP + 1), java.util.Arrays.stream(taken).sum());
    }

    /** A policy of the same shape can play another scenario without a word: say so when it does. */
    static void warnIfOtherScenario(Checkpoint c, String scenario) {
        String trained = c.metadata().get("scenario");
        if (trained != null && !trained.equals(scenario)) {
            System.err.println("monkey: warning: the checkpoint was trained on scenario '" + trained + "', not '" + scenario + "'");
        }
    }

    static CheckpointStore.Loaded load(Path p) {
        CheckpointStore.Loaded loaded;
        if (Files.isRegularFile(p)) {
            loaded = new CheckpointStore.Loaded(CheckpointStore.read(p), p, java.util.List.of());
        } else {
            Path dir = Files.isDirectory(p.resolve("checkpoints")) ? p.resolve("checkpoints") : p;
            if (!Files.isDirectory(dir)) throw new BadInputException("--checkpoint " + p + ": no such file or folder");
            loaded = new CheckpointStore(dir, Integer.MAX_VALUE).bestOrLatest()
                    .orElseThrow(() -> new BadInputException("--checkpoint " + p + ": no intact checkpoint found in " + dir));
        }
        ArenaSetup.requireObservationLayout(loaded.checkpoint(), loaded.path());
        return loaded;
    }

}
