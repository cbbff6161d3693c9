package tsunami.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainCommandTest {
    /** Exit code and standard error of one monkey invocation. */
    record Outcome(int code, String err, String out) {
    }

    static Outcome monkey(String... args) {
        CommandLine cli = Monkey.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            int code = cli.execute(args);
            return new Outcome(code, err.toString(), out.toString());
        } finally {
            System.setOut(oldOut);
        }
    }

    @Test
    void badFlagsUnknownScenarioAndHeuristicGetClearErrors(@TempDir Path dir) {
        Outcome both = monkey("train", "--scenario", "m5v5", "--minutes", "1", "--frames", "100", "--run-dir", dir.resolve("a").toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("either --minutes or --frames"), both.err());
        Outcome scenario = monkey("train", "--scenario", "no-such-scenario", "--frames", "100", "--run-dir", dir.resolve("b").toString());
        assertEquals(2, scenario.code());
        assertTrue(scenario.err().contains("no-such-scenario") && scenario.err().contains("m5v5"), scenario.err());
        Outcome heuristic = monkey("train", "--scenario", "m5v5", "--opponent", "nobody", "--frames", "100", "--run-dir", dir.resolve("c").toString());
        assertEquals(2, heuristic.code());
        assertTrue(heuristic.err().contains("unknown heuristic 'nobody'") && heuristic.err().contains("attack-move"), heuristic.err());
        Outcome workers = monkey("train", "--scenario", "m5v5", "--env-workers", "0", "--frames", "100");
        assertEquals(2, workers.code());
        assertTrue(workers.err().contains("--env-workers"), workers.err());
        assertTrue(Files.notExists(dir.resolve("a")) && Files.notExists(dir.resolve("b")) && Files.notExists(dir.resolve("c")),
                "no run directory is created for a refused command");
        Outcome resume = monkey("train", "--resume", "--run-dir", dir.toString(), "--frames", "100");
        assertEquals(2, resume.code());
        assertTrue(resume.err().contains("holds no training run"), resume.err());
    }

    @Test
    void distributedTrainingFlagsGetClearErrors(@TempDir Path dir) {
        Outcome listen = monkey("train", "--scenario", "m5v5", "--frames", "100", "--listen", "127.0.0.1:7000", "--run-dir", dir.resolve("a").toString());
        assertEquals(2, listen.code());
        assertTrue(listen.err().contains("--listen '127.0.0.1:7000' must be tcp://HOST:PORT"), listen.err());
        Outcome nodes = monkey("train", "--scenario", "m5v5", "--frames", "100", "--actor-nodes", "-1", "--run-dir", dir.resolve("b").toString());
        assertEquals(2, nodes.code());
        assertTrue(nodes.err().contains("--actor-nodes must be 0..64"), nodes.err());
        Outcome alone = monkey("train", "--scenario", "m5v5", "--frames", "100", "--env-workers", "0", "--run-dir", dir.resolve("c").toString());
        assertEquals(2, alone.code());
        assertTrue(alone.err().contains("0 only with --listen or --actor-nodes"), alone.err());
        Outcome league = monkey("train", "--scenario", "m5v5", "--opponent", "league", "--frames", "100", "--actor-nodes", "1",
                "--run-dir", dir.resolve("d").toString());
        assertEquals(2, league.code());
        assertTrue(league.err().contains("the league plays this run's checkpoints"), league.err());
        Outcome secret = monkey("train", "--scenario", "m5v5", "--frames", "100", "--listen", "tcp://127.0.0.1:7000", "--secret",
                dir.resolve("missing").toString(), "--run-dir", dir.resolve("e").toString());
        assertEquals(2, secret.code());
        assertTrue(secret.err().contains("no such file"), secret.err());
        for (String d : List.of("a", "b", "c", "d", "e")) assertTrue(Files.notExists(dir.resolve(d)), "no run directory for a refused command: " + d);

        Outcome join = monkey("actor", "--join", "nohost");
        assertEquals(2, join.code());
        assertTrue(join.err().contains("--join 'nohost' must be HOST:PORT or tcp://HOST:PORT"), join.err());
        Outcome port = monkey("actor", "--join", "tcp://127.0.0.1:99999");
        assertEquals(2, port.code());
        assertTrue(port.err().contains("the port must be 1..65535"), port.err());
        Outcome actorSecret = monkey("actor", "--join", "127.0.0.1:7000", "--secret", dir.resolve("missing").toString());
        assertEquals(2, actorSecret.code());
        assertTrue(actorSecret.err().contains("no such file"), actorSecret.err());
    }

    @Test
    void aRunDirectoryHoldingAnotherRunIsNeverOverwritten(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run.resolve("checkpoints"));
        Files.writeString(run.resolve(RunDirectory.CONFIG), "scenario=5m\n");
        Files.writeString(run.resolve(RunDirectory.METRICS), "version,frames\n10,1000\n");
        Outcome o = monkey("train", "--scenario", "m5v5", "--frames", "1000", "--run-dir", run.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("already holds a training run") && o.err().contains("--resume"), o.err());
        assertEquals("scenario=5m\n", Files.readString(run.resolve(RunDirectory.CONFIG)));
        assertEquals("version,frames\n10,1000\n", Files.readString(run.resolve(RunDirectory.METRICS)));
        Path stranger = dir.resolve("stranger");
        Files.createDirectories(stranger);
        Files.writeString(stranger.resolve("notes.txt"), "mine");
        Outcome s = monkey("train", "--scenario", "m5v5", "--frames", "1000", "--run-dir", stranger.toString());
        assertEquals(2, s.code());
        assertTrue(s.err().contains("not empty"), s.err());
        assertEquals(List.of(stranger.resolve("notes.txt")), Files.list(stranger).toList());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void inRangeAttacksAreRecordedAndEvalPlaysWithThem(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("in-range");
        Outcome o = monkey("train", "--scenario", "m5v5", "--frames", "3000", "--env-workers", "1", "--learners", "1",
                "--envs-per-worker", "4", "--attacks", "in-range", "--attack-prior", "0.3", "--default-action-prior", "0.68", "--damage-taken", "0.5",
                "--run-dir", run.toString());
        assertEquals(0, o.code(), o.err());
        String config = Files.readString(run.resolve(RunDirectory.CONFIG));
        assertTrue(config.contains("attacks=in-range") && config.contains("attack_prior=0.3") && config.contains("damage_taken=0.5"), config);
        var saved = new tsunami.learn.CheckpointStore(run.resolve("checkpoints"), 5).bestOrLatest().orElseThrow().checkpoint();
        assertEquals(ArenaSetup.ATTACKS_IN_RANGE, saved.metadata().get(ArenaSetup.ATTACKS_KEY));
        assertEquals(Integer.toString(tsunami.bots.arena.ObservationLayout.VERSION), saved.metadata().get(ArenaSetup.OBSERVATION_KEY));
        assertTrue(saved.metadata().containsKey("best_greedy_win_rate"), "best.tsck was chosen by greedy play: " + saved.metadata());
        Outcome eval = monkey("eval", "--checkpoint", run.toString(), "--scenario", "m5v5", "--games", "10", "--json");
        assertEquals(0, eval.code(), eval.err());
        String json = eval.out().strip().lines().reduce((x, y) -> y).orElseThrow();
        double shares = 0;
        for (String key : new String[]{"keep_order_share", "attack_share", "move_share", "stop_share"}) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\":([0-9.]+)").matcher(json);
            assertTrue(m.find(), key + " in " + json);
            shares += Double.parseDouble(m.group(1));
        }
        assertEquals(1.0, shares, 0.001, "keep, attack, move and stop share the decisions: " + json);
        // a policy from before observation layout 2 is refused by name, not played blind
        var meta = new java.util.TreeMap<>(saved.metadata());
        meta.remove(ArenaSetup.OBSERVATION_KEY);
        Path old = dir.resolve("layout1.tsck");
        tsunami.learn.CheckpointStore.write(old, new tsunami.learn.Checkpoint(saved.config(), saved.snapshot(), saved.counters(), meta));
        Outcome refused = monkey("eval", "--checkpoint", old.toString(), "--scenario", "m5v5", "--games", "10");
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("observation layout 1") && refused.err().contains(old.toString()), refused.err());
        Outcome bad = monkey("train", "--scenario", "m5v5", "--frames", "100", "--attacks", "anywhere", "--run-dir", dir.resolve("x").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("attack actions must be"), bad.err());
        Outcome games = monkey("train", "--scenario", "m5v5", "--frames", "100", "--best-games", "-1", "--run-dir", dir.resolve("x").toString());
        assertEquals(2, games.code());
        assertTrue(games.err().contains("--best-games"), games.err());
        Outcome decay = monkey("train", "--scenario", "m5v5", "--frames", "100", "--lr-decay", "cosine", "--run-dir", dir.resolve("x").toString());
        assertEquals(2, decay.code());
        assertTrue(decay.err().contains("--lr-decay") && decay.err().contains("cosine"), decay.err());
        Outcome prior = monkey("train", "--scenario", "m5v5", "--frames", "100", "--attack-prior", "0.05", "--run-dir", dir.resolve("y").toString());
        assertEquals(2, prior.code());
        assertTrue(prior.err().contains("--attack-prior"), prior.err());
        assertTrue(Files.notExists(dir.resolve("x")) && Files.notExists(dir.resolve("y")));
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void entityNetworkAndPpoAreRecordedEvalPlaysThemAndBadValuesAreRefused(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("entity");
        Outcome o = monkey("train", "--scenario", "m5v5", "--frames", "3000", "--env-workers", "1", "--learners", "1",
                "--envs-per-worker", "4", "--network", "entity", "--algo", "ppo", "--epochs", "2", "--clip", "0.1", "--run-dir", run.toString());
        assertEquals(0, o.code(), o.err());
        String config = Files.readString(run.resolve(RunDirectory.CONFIG));
        assertTrue(config.contains("network=entity") && config.contains("algo=ppo") && config.contains("epochs=2") && config.contains("clip=0.1"), config);
        var saved = new tsunami.learn.CheckpointStore(run.resolve("checkpoints"), 5).bestOrLatest().orElseThrow().checkpoint();
        assertTrue(saved.config().entityNetwork(), "the checkpoint records the entity network");
        assertEquals(0.1, saved.config().ppoClip());
        String header = Files.readAllLines(run.resolve(RunDirectory.METRICS)).get(0);
        assertTrue(header.endsWith(",p_default_action,default_action_taken"), header);
        Outcome eval = monkey("eval", "--checkpoint", run.toString(), "--scenario", "m5v5", "--games", "10", "--json");
        assertEquals(0, eval.code(), eval.err());
        // the network cannot change on resume; the algorithm can
        Outcome mlp = monkey("train", "--resume", "--run-dir", run.toString(), "--frames", "6000", "--network", "mlp");
        assertEquals(2, mlp.code());
        assertTrue(mlp.err().contains("--network entity, not mlp"), mlp.err());

        // an entity checkpoint plays as an opponent, and an entity run plays its own past checkpoints (self-play)
        Path against = dir.resolve("p");
        Outcome asOpponent = monkey("train", "--scenario", "m5v5", "--frames", "1000", "--env-workers", "1", "--envs-per-worker", "4",
                "--opponent", "policy:" + run, "--run-dir", against.toString());
        assertEquals(0, asOpponent.code(), asOpponent.err());
        assertTrue(Files.readString(against.resolve(RunDirectory.METRICS)).lines().count() > 1, "the run learned against the entity policy");
        Path selfPlay = dir.resolve("l");
        Outcome league = monkey("train", "--scenario", "m5v5", "--frames", "1000", "--env-workers", "1", "--envs-per-worker", "4",
                "--network", "entity", "--opponent", "league", "--attacks", "in-range", "--run-dir", selfPlay.toString());
        assertEquals(0, league.code(), league.err());
        assertTrue(Files.readString(selfPlay.resolve(RunDirectory.METRICS)).lines().count() > 1, "the entity run learned against its league");
        String[][] bad = {{"--network", "transformer", "--network must be 'mlp' or 'entity', got 'transformer'"},
                {"--algo", "a3c", "--algo must be 'vtrace' or 'ppo', got 'a3c'"},
                {"--epochs", "0", "--epochs must be 1..64, got 0"},
                {"--clip", "1.5", "--clip must be in (0, 1), got 1.5"},
                {"--value-coef", "0", "--value-coef must be in (0, 100], got 0.0"}};
        for (String[] b : bad) {
            Path none = dir.resolve("refused-" + b[0].substring(2));
            Outcome r = monkey("train", "--scenario", "m5v5", "--frames", "100", b[0], b[1], "--run-dir", none.toString());
            assertEquals(2, r.code(), b[0]);
            assertTrue(r.err().contains(b[2]), r.err());
            assertTrue(Files.notExists(none), "no run directory for a refused " + b[0]);
        }
    }

    @Test
    void aTeacherIsRecordedKeptOnResumeAndCheckedUpFront(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("taught");
        Outcome o = monkey("train", "--scenario", "m5v5", "--frames", "3000", "--env-workers", "1", "--envs-per-worker", "4",
                "--teacher", "focus-fire", "--teacher-weight", "2", "--teacher-frames", "5000", "--run-dir", run.toString());
        assertEquals(0, o.code(), o.err());
        String config = Files.readString(run.resolve(RunDirectory.CONFIG));
        assertTrue(config.contains("teacher=focus-fire") && config.contains("teacher_weight=2.0") && config.contains("teacher_frames=5000"), config);
        Outcome resumed = monkey("train", "--run-dir", run.toString(), "--resume", "--frames", "6000", "--env-workers", "1", "--envs-per-worker", "4");
        assertEquals(0, resumed.code(), resumed.err());
        String resumedConfig = Files.readString(run.resolve(RunDirectory.CONFIG));
        assertTrue(resumedConfig.contains("teacher=focus-fire") && resumedConfig.contains("teacher_weight=2.0")
                && resumedConfig.contains("teacher_final_weight=0.2"), "the resumed run keeps its teacher and schedule: " + resumedConfig);
        Outcome other = monkey("train", "--run-dir", run.toString(), "--resume", "--frames", "9000", "--teacher", "kiting");
        assertEquals(2, other.code());
        assertTrue(other.err().contains("--teacher focus-fire"), other.err());
        Outcome otherWeight = monkey("train", "--run-dir", run.toString(), "--resume", "--frames", "9000", "--teacher-weight", "3");
        assertEquals(2, otherWeight.code());
        assertTrue(otherWeight.err().contains("--teacher-weight 2.0"), otherWeight.err());
        Path plain = dir.resolve("plain");
        assertEquals(0, monkey("train", "--scenario", "m5v5", "--frames", "1000", "--env-workers", "1", "--envs-per-worker", "4",
                "--run-dir", plain.toString()).code());
        Outcome late = monkey("train", "--run-dir", plain.toString(), "--resume", "--frames", "2000", "--teacher", "kiting");
        assertEquals(2, late.code());
        assertTrue(late.err().contains("without a teacher"), late.err());
        Outcome orphan = monkey("train", "--scenario", "m5v5", "--frames", "100", "--teacher-frames", "10", "--run-dir", dir.resolve("z").toString());
        assertEquals(2, orphan.code());
        assertTrue(orphan.err().contains("need --teacher"), orphan.err());
        Outcome unknown = monkey("train", "--scenario", "m5v5", "--frames", "100", "--teacher", "nobody", "--run-dir", dir.resolve("x").toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown heuristic 'nobody'"), unknown.err());
        Outcome weight = monkey("train", "--scenario", "m5v5", "--frames", "100", "--teacher", "kiting", "--teacher-weight", "-1",
                "--run-dir", dir.resolve("y").toString());
        assertEquals(2, weight.code());
        assertTrue(weight.err().contains("--teacher-weight"), weight.err());
        assertTrue(Files.notExists(dir.resolve("x")) && Files.notExists(dir.resolve("y")) && Files.notExists(dir.resolve("z")));
    }

    static java.util.Properties runProperties(Path run) throws java.io.IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(run.resolve(RunDirectory.CONFIG))) {
            p.load(in);
        }
        return p;
    }

    /** Rewrites a CSV log without its last {@code n} columns (as an older build wrote it); returns its lines. */
    private static List<String> dropLastColumns(Path csv, int n) throws java.io.IOException {
        List<String> lines = Files.readAllLines(csv).stream().map(l -> {
            String[] cells = l.split(",", -1);
            return String.join(",", java.util.Arrays.copyOf(cells, cells.length - n));
        }).toList();
        assertTrue(lines.size() > 1, csv + " has rows");
        Files.writeString(csv, String.join("\n", lines) + "\n");
        return lines;
    }

    /** Resuming {@code run} with {@code flags} is refused with an error naming {@code naming} (the flag and the run's value). */
    private static void assertResumeRefused(Path run, String naming, String... flags) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--run-dir", run.toString(), "--resume", "--frames", "3000"));
        args.addAll(List.of(flags));
        Outcome o = monkey(args.toArray(String[]::new));
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains(naming), o.err());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void resumeKeepsTheRunsSettingsAppliesLossAndLayoutFlagsAndRefusesNetworkFlags(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Outcome fresh = monkey("train", "--scenario", "m5v5", "--frames", "1000", "--env-workers", "1", "--envs-per-worker", "4",
                "--unroll", "8", "--lr", "0.002", "--run-dir", run.toString());
        assertEquals(0, fresh.code(), fresh.err());
        var started = runProperties(run);
        // flags left out of a fresh run take the defaults the published results were measured with
        assertEquals("0.003", started.getProperty("entropy_coef"));
        assertEquals("0.99", started.getProperty("gamma"));
        assertEquals("128", started.getProperty("hidden"));

        // logs as an older build wrote them: fewer columns (the last two of metrics.csv, the last of timing.csv and memory.csv)
        List<String> oldMetrics = dropLastColumns(run.resolve(RunDirectory.METRICS), 2);
        List<String> oldTiming = dropLastColumns(run.resolve(RunDirectory.TIMING), 1);
        List<String> oldMemory = dropLastColumns(run.resolve(MemoryLog.NAME), 1);

        // left out on resume: the run's values, not the defaults
        Outcome kept = monkey("train", "--run-dir", run.toString(), "--resume", "--frames", "2000");
        assertEquals(0, kept.code(), kept.err());
        // the logs take this build's header, every row at its width, and the older rows are all kept
        for (String[] log : new String[][]{{RunDirectory.METRICS, TrainCommand.METRICS_HEADER, ",,"}, {RunDirectory.TIMING, TrainCommand.TIMING_HEADER, ","},
                {MemoryLog.NAME, MemoryLog.HEADER, ","}}) {
            List<String> lines = Files.readAllLines(run.resolve(log[0]));
            List<String> old = log[0].equals(RunDirectory.METRICS) ? oldMetrics : log[0].equals(RunDirectory.TIMING) ? oldTiming : oldMemory;
            assertEquals(log[1], lines.get(0), log[0]);
            int width = log[1].split(",").length;
            for (String line : lines) assertEquals(width, line.split(",", -1).length, log[0] + ": " + line);
            for (int i = 1; i < old.size(); i++) assertEquals(old.get(i) + log[2], lines.get(i), log[0] + " row " + i + " kept");
            assertTrue(lines.size() > old.size(), log[0] + ": the resumed session appended rows");
        }
        var afterKept = runProperties(run);
        for (String key : List.of("unroll_length", "learning_rate", "env_workers", "envs_per_worker", "hidden", "entropy_coef", "value_coef")) {
            assertEquals(started.getProperty(key), afterKept.getProperty(key), key + " kept on resume");
        }
        assertEquals("8", afterKept.getProperty("unroll_length"));

        // what shapes the network (or only a fresh one) cannot change: refused, naming the flag and the run's value
        String before = Files.readString(run.resolve(RunDirectory.CONFIG));
        assertResumeRefused(run, "--hidden 128", "--hidden", "64");
        assertResumeRefused(run, "--default-action-prior 0.97", "--default-action-prior", "0.5");
        assertResumeRefused(run, "--attack-prior 0.0", "--attack-prior", "0.02");
        assertResumeRefused(run, "--attacks any", "--attacks", "in-range");
        assertEquals(before, Files.readString(run.resolve(RunDirectory.CONFIG)), "a refused resume leaves the run as it was");

        // loss settings and the cutting of experience apply, are recorded, and reach the checkpoint's network settings
        Outcome applied = monkey("train", "--run-dir", run.toString(), "--resume", "--frames", "3000",
                "--lr", "0.001", "--gamma", "0.95", "--entropy", "0.01", "--value-coef", "0.05", "--unroll", "4");
        assertEquals(0, applied.code(), applied.err());
        var afterApplied = runProperties(run);
        assertEquals("0.001", afterApplied.getProperty("learning_rate"));
        assertEquals("0.95", afterApplied.getProperty("gamma"));
        assertEquals("0.01", afterApplied.getProperty("entropy_coef"));
        assertEquals("0.05", afterApplied.getProperty("value_coef"));
        assertEquals("4", afterApplied.getProperty("unroll_length"));
        assertEquals("2", afterApplied.getProperty("resumes"));
        var latest = new tsunami.learn.CheckpointStore(run.resolve("checkpoints"), 5).latest().orElseThrow().checkpoint();
        assertEquals(0.001, latest.config().learningRate(), 1e-12);
        assertEquals(0.95, latest.config().gamma(), 1e-12);
        assertEquals(0.05, latest.config().valueCoef(), 1e-12);
        assertTrue(latest.counter("frames") >= 3000, "the applied session trained: " + latest.counters());
    }

    private static String[] lockstepRun(Path runDir, long frames, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--scenario", "m5v5", "--frames", Long.toString(frames),
                "--env-workers", "1", "--learners", "1", "--envs-per-worker", "4", "--seed", "5", "--run-dir", runDir.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void lockstepRunsAreIdenticalResumeContinuesAndEvalReportsJsonAndRecordsReplays(@TempDir Path dir) throws Exception {
        Outcome a = monkey(lockstepRun(dir.resolve("a"), 12_000));
        assertEquals(0, a.code(), a.err());
        Outcome b = monkey(lockstepRun(dir.resolve("b"), 12_000));
        assertEquals(0, b.code(), b.err());
        String metricsA = Files.readString(dir.resolve("a").resolve(RunDirectory.METRICS));
        assertTrue(metricsA.lines().count() >= 3, metricsA);
        assertEquals(metricsA, Files.readString(dir.resolve("b").resolve(RunDirectory.METRICS)), "same seed, same metrics");
        for (String f : List.of(RunDirectory.CONFIG, RunDirectory.CURVE, RunDirectory.SUMMARY, "checkpoints")) {
            assertTrue(Files.exists(dir.resolve("a").resolve(f)), f + " written");
        }
        long versionsBefore = metricsA.lines().count();
        Outcome resumed = monkey(lockstepRun(dir.resolve("a"), 24_000, "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        List<String> rows = Files.readAllLines(dir.resolve("a").resolve(RunDirectory.METRICS));
        assertTrue(rows.size() > versionsBefore, "resume appended rows");
        long lastVersion = -1;
        for (String row : rows.subList(1, rows.size())) {
            long v = Long.parseLong(row.split(",")[0]);
            assertTrue(v > lastVersion, "versions keep increasing across the resume: " + rows);
            lastVersion = v;
        }
        assertTrue(Long.parseLong(rows.get(rows.size() - 1).split(",")[1]) >= 24_000, "frame counter continued to the new limit");
        assertTrue(Files.readString(dir.resolve("a").resolve(RunDirectory.CONFIG)).contains("resumes=1"));

        Outcome eval = monkey("eval", "--checkpoint", dir.resolve("a").toString(), "--scenario", "m5v5", "--games", "20", "--json");
        assertEquals(0, eval.code(), eval.err());
        String last = eval.out().strip().lines().reduce((x, y) -> y).orElseThrow();
        assertTrue(last.startsWith("{") && last.contains("\"games\":20") && last.contains("\"win_rate\":"), last);
        Outcome wrong = monkey("eval", "--checkpoint", dir.resolve("a").toString(), "--scenario", "2d_3z", "--games", "5");
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("scenario gives"), wrong.err());

        // --replay writes the counted games, named by their outcome for the policy, and they replay
        Path replays = dir.resolve("replays");
        Outcome recorded = monkey("eval", "--checkpoint", dir.resolve("a").toString(), "--scenario", "m5v5", "--games", "12", "--envs", "5",
                "--replay", replays.toString(), "--json");
        assertEquals(0, recorded.code(), recorded.err());
        String line = recorded.out().strip().lines().reduce((x, y) -> y).orElseThrow();
        java.util.List<String> files;
        try (var l = Files.list(replays)) {
            files = l.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertEquals(12, files.size(), files.toString());
        assertEquals(count(line, "wins"), files.stream().filter(f -> f.endsWith("-won.tsr")).count(), line + " " + files);
        assertEquals(count(line, "losses"), files.stream().filter(f -> f.endsWith("-lost.tsr")).count(), line + " " + files);
        Outcome shown = monkey("replay", "--png", dir.resolve("game.png").toString(), replays.resolve(files.get(0)).toString());
        assertEquals(0, shown.code(), shown.err());
        Path notWon = dir.resolve("not-won");
        Outcome filtered = monkey("eval", "--checkpoint", dir.resolve("a").toString(), "--scenario", "m5v5", "--games", "12", "--envs", "5",
                "--replay", notWon.toString(), "--replay-only", "not-won");
        assertEquals(0, filtered.code(), filtered.err());
        try (var l = Files.list(notWon)) {
            assertEquals(12 - count(line, "wins"), l.count(), "only the games not won");
        }
        Outcome badFilter = monkey("eval", "--checkpoint", dir.resolve("a").toString(), "--scenario", "m5v5", "--games", "2",
                "--replay", notWon.toString(), "--replay-only", "lose");
        assertEquals(2, badFilter.code());
        assertTrue(badFilter.err().contains("--replay-only") && badFilter.err().contains("lose"), badFilter.err());
        Outcome tooMany = monkey("eval", "--checkpoint", dir.resolve("a").toString(), "--scenario", "m5v5", "--games", "200000",
                "--replay", dir.resolve("many").toString());
        assertEquals(2, tooMany.code());
        assertTrue(tooMany.err().contains("at most 100000 games"), tooMany.err());
        assertFalse(Files.exists(dir.resolve("many")), "nothing written");
    }

    private static long count(String json, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\":([0-9]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Long.parseLong(m.group(1));
    }
}
