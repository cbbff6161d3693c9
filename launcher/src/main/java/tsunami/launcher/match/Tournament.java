package tsunami.launcher.match;

import tsunami.BadInputException;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A round robin: every pair of bots plays {@code gamesPerPair} games through a {@link MatchRunner},
 * up to {@code parallel} matches at a time, each finished match recorded durably so that a
 * tournament killed half-way continues with {@code --resume} and replays nothing already finished.
 *
 * <p><b>Sides.</b> A pair's games are split into two matches, one with each bot named first (the
 * runner seats the bot named first on the first side, red, in each game of a match), written under
 * {@code OUT/<a>-vs-<b>/<a>-first/} and {@code OUT/<a>-vs-<b>/<b>-first/}. Each half keeps its bot
 * processes for all its games, as a BWAPI bot may stay connected across games. With an odd number
 * of games per pair the odd game goes to the first-named bot in even-numbered pairs and to the
 * second in odd-numbered ones, so first-side games stay balanced over the tournament. Both halves
 * of a pair use the same seed, so game g of one half is game g of the other with sides swapped.
 *
 * <p><b>Records.</b> A match is finished once its {@code summary.json} exists (written atomically with
 * a checksum; see {@link DurableJson}). On resume, a match with an intact summary is skipped; a match
 * without one (killed mid-way, or its record damaged) has its folder cleared and is played again
 * whole. {@code OUT/tournament.json} holds the settings; resuming with other bots, scenario, games
 * per pair or seed is refused, naming each difference.
 *
 * <p><b>Bots in two matches at once.</b> A bot folder's {@code write/} and {@code read/} belong to one
 * game at a time, so two matches that share a bot folder never run together; shorthand bots
 * ({@code heuristic:}, {@code policy:}) hold no such state and play in parallel freely.
 */
public final class Tournament {
    public static final String SETTINGS_FILE = "tournament.json";
    public static final String SUMMARY_FILE = "summary.json";
    static final String SETTINGS_FORMAT = "tsunami-tournament/1";
    static final String SUMMARY_FORMAT = "tsunami-match-summary/1";

    /** What identifies a tournament; {@code --resume} must give the same. {@code botArgs} are the bots as typed (for the reader). */
    public record Settings(List<String> bots, List<String> botArgs, String scenario, int gamesPerPair, long seed) {
    }

    /**
     * One {@link MatchRunner#play} call: bot {@code first} (an index into the bot list) is named first
     * and so takes the first side in every one of its {@code games} games.
     */
    public record Match(int pair, int first, int second, int games, long seed, Path dir) {
    }

    /** A finished match and what it produced. */
    public record Played(Match match, MatchSummary summary) {
    }

    /**
     * How a run ended: every recorded match (from this run and earlier ones), the plan, and the
     * failure that stopped it, or null when every match finished.
     */
    public record Outcome(List<Played> played, List<Match> plan, int playedNow, Throwable failure) {
        public boolean complete() {
            return failure == null && played.size() == plan.size();
        }
    }

    /** What a progress display or log hears. */
    public interface Listener {
        void begin(int matches, int games, int matchesDone, int gamesDone);

        void finished(Played played);

        void warn(String message);
    }

    private final List<BotSpec> bots;
    private final Settings settings;
    private final String container;
    private final Path out;
    private final MatchRunner runner;
    private final int parallel;
    private final Listener listener;
    private final List<Match> plan;

    public Tournament(List<BotSpec> bots, Settings settings, String container, Path out, MatchRunner runner, int parallel, Listener listener) {
        if (parallel < 1) throw new IllegalArgumentException("parallel must be at least 1");
        this.bots = List.copyOf(bots);
        this.settings = settings;
        this.container = container;
        this.out = out;
        this.runner = runner;
        this.parallel = parallel;
        this.listener = listener;
        this.plan = plan(this.bots, settings.gamesPerPair(), settings.seed(), out);
    }

    public List<Match> plan() {
        return plan;
    }

    /** The matches of a round robin, in play order; see the class comment for sides and seeds. */
    static List<Match> plan(List<BotSpec> bots, int gamesPerPair, long seed, Path out) {
        List<Match> matches = new ArrayList<>();
        int pair = 0;
        Set<String> dirs = new HashSet<>();
        for (int i = 0; i < bots.size(); i++) {
            for (int j = i + 1; j < bots.size(); j++, pair++) {
                String a = folderName(bots.get(i).name()), b = folderName(bots.get(j).name());
                Path pairDir = out.resolve(a + "-vs-" + b);
                if (!dirs.add(pairDir.getFileName().toString())) {
                    throw new BadInputException("bot names " + bots.get(i).name() + " and " + bots.get(j).name()
                            + " give a folder name (" + pairDir.getFileName() + ") that another pair already has; rename a bot");
                }
                int firstHalf = gamesPerPair / 2 + (gamesPerPair % 2 == 1 && pair % 2 == 0 ? 1 : 0);
                long pairSeed = mix(seed, pair);
                if (firstHalf > 0) matches.add(new Match(pair, i, j, firstHalf, pairSeed, pairDir.resolve(a + "-first")));
                if (gamesPerPair - firstHalf > 0) {
                    matches.add(new Match(pair, j, i, gamesPerPair - firstHalf, pairSeed, pairDir.resolve(b + "-first")));
                }
            }
        }
        return matches;
    }

    /** A bot name as a folder name: letters, digits, '.', '_' and '-' kept, anything else '_'. */
    static String folderName(String botName) {
        String s = botName.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }

    // SplitMix64's finaliser: pairs get unrelated seeds from one tournament seed
    private static long mix(long seed, int pair) {
        long z = seed + 0x9E3779B97F4A7C15L * (pair + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Makes {@code out} ready: a new tournament needs a missing or empty folder and gets its
     * {@code tournament.json}; {@code resume} needs one made with the same settings.
     */
    static void prepare(Path out, Settings settings, boolean resume) {
        Path file = out.resolve(SETTINGS_FILE);
        if (resume) {
            Settings saved;
            try {
                saved = DurableJson.read(file, SETTINGS_FORMAT, Settings.class)
                        .orElseThrow(() -> new BadInputException("--resume: " + out + " holds no tournament (no " + SETTINGS_FILE + ")"));
            } catch (DurableJson.Damaged e) {
                throw new BadInputException("--resume: cannot read the tournament's settings: " + e.getMessage());
            }
            List<String> diffs = new ArrayList<>();
            if (!saved.bots().equals(settings.bots())) diffs.add("bots " + saved.bots() + " there, " + settings.bots() + " here");
            if (!saved.scenario().equals(settings.scenario())) diffs.add("scenario " + saved.scenario() + " there, " + settings.scenario() + " here");
            if (saved.gamesPerPair() != settings.gamesPerPair()) {
                diffs.add("games per pair " + saved.gamesPerPair() + " there, " + settings.gamesPerPair() + " here");
            }
            if (saved.seed() != settings.seed()) diffs.add("seed " + saved.seed() + " there, " + settings.seed() + " here");
            if (!diffs.isEmpty()) {
                throw new BadInputException("--resume: " + file + " was made for a different tournament: " + String.join("; ", diffs)
                        + ". Resume with the same settings, or choose another --out. Nothing was changed.");
            }
            return;
        }
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) throw new BadInputException("--out " + out + " is a file, not a folder");
            if (Files.exists(file)) {
                throw new BadInputException("--out " + out + " already holds a tournament (" + SETTINGS_FILE
                        + "); add --resume to finish it, or choose another --out. Nothing was changed.");
            }
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new BadInputException("--out " + out + " is not empty and holds no tournament; choose an empty or new folder. Nothing was changed.");
                }
            } catch (IOException e) {
                throw new BadInputException("cannot list --out " + out + ": " + e.getMessage(), e);
            }
        }
        try {
            Files.createDirectories(out);
            DurableJson.write(file, SETTINGS_FORMAT, settings);
        } catch (IOException e) {
            throw new BadInputException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The match's record, if it finished in an earlier run and its record is intact. */
    Optional<MatchSummary> recorded(Match m) {
        try {
            Optional<MatchSummary> s = DurableJson.read(m.dir().resolve(SUMMARY_FILE), SUMMARY_FORMAT, MatchSummary.class);
            if (s.isPresent() && !fits(m, s.get())) {
                listener.warn(m.dir().resolve(SUMMARY_FILE) + " records another match; playing it again");
                return Optional.empty();
            }
            return s;
        } catch (DurableJson.Damaged e) {
            listener.warn(e.getMessage() + "; playing that match again");
            return Optional.empty();
        }
    }

    private boolean fits(Match m, MatchSummary s) {
        return s.a().equals(bots.get(m.first()).name()) && s.b().equals(bots.get(m.second()).name()) && s.games() == m.games()
                && s.aWins() + s.bWins() + s.draws() == s.games() && s.aWins() >= 0 && s.bWins() >= 0 && s.draws() >= 0;
    }

    /**
     * Plays every match not yet recorded. Stops starting matches at the first one that throws, lets
     * those running finish (and be recorded), and reports the failure in the outcome: a
     * {@code --resume} then plays the rest.
     */
    public Outcome run() {
        Map<Match, MatchSummary> done = new HashMap<>();
        Deque<Match> pending = new ArrayDeque<>();
        int gamesDone = 0, totalGames = 0;
        for (Match m : plan) {
            totalGames += m.games();
            Optional<MatchSummary> s = recorded(m);
            if (s.isPresent()) {
                done.put(m, s.get());
                gamesDone += m.games();
            } else {
                pending.add(m);
            }
        }
        listener.begin(plan.size(), totalGames, done.size(), gamesDone);
        Object lock = new Object();
        Set<Path> busyFolders = new HashSet<>();
        int[] running = {0};
        Throwable[] failure = {null};
        AtomicInteger threadNo = new AtomicInteger();
        int playedNow = 0;
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "tournament-match-" + threadNo.incrementAndGet());
            t.setDaemon(true);   // a Ctrl-C ends the launcher; the runner's supervisor ends the games
            return t;
        });
        try {
            while (true) {
                Match next = null;
                synchronized (lock) {
                    while (!(running[0] == 0 && (pending.isEmpty() || failure[0] != null))) {
                        next = failure[0] == null && running[0] < parallel ? takeStartable(pending, busyFolders) : null;
                        if (next != null) {
                            running[0]++;
                            busyFolders.addAll(folders(next));
                            break;
                        }
                        lock.wait();
                    }
                }
                if (next == null) break;   // all played, or a failure and nothing left running
                Match m = next;
                playedNow++;
                pool.execute(() -> {
                    try {
                        MatchSummary s = playAndRecord(m);
                        synchronized (lock) {
                            done.put(m, s);
                        }
                        listener.finished(new Played(m, s));
                    } catch (Throwable t) {
                        synchronized (lock) {
                            if (failure[0] == null) failure[0] = new MatchFailedException(describe(m), t);
                            else failure[0].addSuppressed(t);
                        }
                    } finally {
                        synchronized (lock) {
                            running[0]--;
                            busyFolders.removeAll(folders(m));
                            lock.notifyAll();
                        }
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (lock) {
                if (failure[0] == null) failure[0] = e;
            }
        } finally {
            pool.shutdown();
        }
        List<Played> played = new ArrayList<>();
        synchronized (lock) {
            for (Match m : plan) if (done.containsKey(m)) played.add(new Played(m, done.get(m)));
            return new Outcome(List.copyOf(played), plan, playedNow, failure[0]);
        }
    }

    private Match takeStartable(Deque<Match> pending, Set<Path> busyFolders) {
        for (Iterator<Match> it = pending.iterator(); it.hasNext(); ) {
            Match m = it.next();
            if (folders(m).stream().noneMatch(busyFolders::contains)) {
                it.remove();
                return m;
            }
        }
        return null;
    }

    private List<Path> folders(Match m) {
        List<Path> f = new ArrayList<>(2);
        for (BotSpec b : List.of(bots.get(m.first()), bots.get(m.second()))) {
            if (b.folder() != null) f.add(b.folder().toAbsolutePath().normalize());
        }
        return f;
    }

    String describe(Match m) {
        return bots.get(m.first()).name() + " vs " + bots.get(m.second()).name() + " (" + m.games() + " games, " + out.relativize(m.dir()) + ")";
    }

    private MatchSummary playAndRecord(Match m) throws IOException {
        clear(m.dir());
        Files.createDirectories(m.dir());
        MatchSettings ms = new MatchSettings(settings.scenario(), m.games(), m.seed(), container, MatchSettings.DEFAULT_MEMORY, Duration.ofSeconds(60));
        MatchSummary s = runner.play(bots.get(m.first()), bots.get(m.second()), ms, m.dir());
        if (s == null || !fits(m, s)) {
            throw new IllegalStateException("the match runner returned a summary that does not fit the match: " + s);
        }
        DurableJson.write(m.dir().resolve(SUMMARY_FILE), SUMMARY_FORMAT, s);
        return s;
    }

    /** Removes what an unfinished earlier try left in a match folder, so the runner starts clean. */
    private static void clear(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) throw e;
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A match could not be played (the runner threw): the tournament stops and can be resumed. */
    public static final class MatchFailedException extends RuntimeException {
        MatchFailedException(String match, Throwable cause) {
            super("match " + match + " failed: " + cause, cause);
        }
    }
}
