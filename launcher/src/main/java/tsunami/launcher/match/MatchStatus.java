package tsunami.launcher.match;

import tsunami.launcher.container.BotProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The matches a launcher is playing, as the fields of its {@code status.json}
 * ({@link tsunami.launcher.dashboard.StatusFile}): each match, the game in progress, every bot
 * process it started (pid, driver, running or exited, exit status, why it ended) and each game's
 * end. A match's bots are OS processes in sandboxes, not kernel processes, so this is their
 * supervision tree: the launcher is the supervisor, each session of a match starts its two bots
 * afresh. One lock guards it all: the runner's threads write, the status file's timer reads.
 */
public final class MatchStatus {
    private final Path root;
    private final List<Match> matches = new ArrayList<>();
    private volatile Runnable changed = () -> { };

    /** {@code root}: the folder of the status file; match folders are named relative to it. */
    public MatchStatus(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** {@code listener} runs after each change (outside the lock): the status file writes it at once, so short games are seen too. */
    public void onChange(Runnable listener) {
        this.changed = listener;
    }

    /** Starts tracking a match of {@code games} games between {@code a} and {@code b}, recorded in {@code dir}. */
    public Match begin(String a, String b, int games, Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        Match m = new Match(a, b, games, d.startsWith(root) ? root.relativize(d).toString() : d.toString());
        synchronized (this) {
            matches.add(m);
        }
        changed.run();
        return m;
    }

    /** The fields for the status file: {@code games_done}, {@code games_planned} and {@code matches}, those running first. */
    public synchronized Map<String, Object> snapshot() {
        int done = 0, planned = 0;
        List<Map<String, Object>> running = new ArrayList<>(), ended = new ArrayList<>();
        for (Match m : matches) {
            done += m.results.size();
            planned += m.games;
            (m.state.equals("running") ? running : ended).add(m.json());
        }
        running.addAll(ended);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("games_done", done);
        out.put("games_planned", planned);
        out.put("matches", running);
        return out;
    }

    /** One match's live record; its methods are called by the runner as things happen. */
    public final class Match {
        private final String a, b, dir;
        private final int games;
        private String state = "running";
        private Map<String, Object> playing;
        private final List<Bot> bots = new ArrayList<>();
        private final List<Map<String, Object>> results = new ArrayList<>();

        private Match(String a, String b, int games, String dir) {
            this.a = a;
            this.b = b;
            this.games = games;
            this.dir = dir;
        }

        /** Game {@code game} (0-based) has started with {@code red} and {@code blue}. */
        public void gameStarted(int game, String red, String blue) {
            synchronized (MatchStatus.this) {
                playing = new LinkedHashMap<>();
                playing.put("game", game + 1);
                playing.put("red", red);
                playing.put("blue", blue);
                playing.put("started_ms", System.currentTimeMillis());
            }
            changed.run();
        }

        /** A game has ended as {@code o} says ({@code red}, {@code blue} null for a game forfeited unplayed). */
        public void gameEnded(GameOutcome o, String red, String blue) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("game", o.game() + 1);
            r.put("red", red);
            r.put("blue", blue);
            r.put("winner", o.winner());
            r.put("loser", o.loser());
            r.put("reason", o.reason().name().toLowerCase(Locale.ROOT));
            r.put("frames", o.frames());
            synchronized (MatchStatus.this) {
                results.add(r);
                if (playing != null && ((int) playing.get("game")) <= o.game() + 1) playing = null;
            }
            changed.run();
        }

        /** Bot {@code name}'s process for session {@code session} (1-based) has started through {@code driver}. */
        public void botStarted(String name, int session, BotProcess process, String driver) {
            Bot bot = new Bot(name, session, process.pid(), process.label(), driver, System.currentTimeMillis());
            synchronized (MatchStatus.this) {
                bots.add(bot);
            }
            changed.run();
            // its own exit (a crash) shows at once; the reason comes when the runner knows it
            process.onExit().thenAccept(status -> {
                synchronized (MatchStatus.this) {
                    bot.exitStatus = status;
                }
                changed.run();
            });
        }

        /**
         * {@code process} has been closed (so it has exited): {@code reason} says why it ended (a game end it
         * caused, or its session being over).
         */
        public void botEnded(BotProcess process, String reason) {
            Integer status = null;
            try {
                // its exit hook above may not have run yet: the status must hold the exit when the match's last write does
                status = process.waitFor(Duration.ZERO).stream().boxed().findFirst().orElse(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (MatchStatus.this) {
                for (Bot bot : bots) {
                    if (bot.pid != process.pid() || bot.reason != null) continue;
                    bot.reason = reason;
                    if (status != null) bot.exitStatus = status;
                }
            }
            changed.run();
        }

        /** The match is over: {@code finished}, or {@code failed: ...}. */
        public void end(String how) {
            synchronized (MatchStatus.this) {
                state = how;
                playing = null;
            }
            changed.run();
        }

        private Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("a", a);
            m.put("b", b);
            m.put("dir", dir);
            m.put("state", state);
            m.put("games", games);
            m.put("games_done", results.size());
            m.put("playing", playing == null ? null : new LinkedHashMap<>(playing));
            List<Map<String, Object>> ps = new ArrayList<>();
            for (Bot bot : bots) ps.add(bot.json());
            m.put("processes", ps);
            m.put("results", new ArrayList<>(results));
            return m;
        }
    }

    private static final class Bot {
        final String name, label, driver;
        final int session;
        final long pid, startedMs;
        Integer exitStatus;
        String reason;

        Bot(String name, int session, long pid, String label, String driver, long startedMs) {
            this.name = name;
            this.session = session;
            this.pid = pid;
            this.label = label;
            this.driver = driver;
            this.startedMs = startedMs;
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bot", name);
            m.put("session", session);
            m.put("pid", pid);
            m.put("driver", driver);
            m.put("label", label);
            m.put("state", exitStatus == null ? "running" : "exited");
            m.put("exit_status", exitStatus);
            m.put("reason", reason);
            m.put("started_ms", startedMs);
            return m;
        }
    }
}
