package tsunami.launcher.match;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The tournament's status line: matches and games done, the last result and time left. On a
 * terminal it redraws in place; otherwise (a log file) it prints a line per finished match.
 * Matches finish on pool threads, hence synchronized.
 */
final class TournamentProgress implements Tournament.Listener {
    private final PrintWriter out;
    private final boolean terminal;
    private final long t0 = System.nanoTime();
    private int matches, games, matchesDone, gamesDone, gamesAtStart;

    TournamentProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void begin(int matches, int games, int matchesDone, int gamesDone) {
        this.matches = matches;
        this.games = games;
        this.matchesDone = matchesDone;
        this.gamesDone = gamesDone;
        this.gamesAtStart = gamesDone;
        if (matchesDone > 0) out.println("resuming: " + matchesDone + " of " + matches + " matches already played, not replayed");
        print("");
    }

    @Override
    public synchronized void finished(Tournament.Played p) {
        matchesDone++;
        gamesDone += p.match().games();
        MatchSummary s = p.summary();
        print(String.format(Locale.ROOT, "%s %d-%d-%d %s", s.a(), s.aWins(), s.draws(), s.bWins(), s.b()));
    }

    @Override
    public synchronized void warn(String message) {
        if (terminal) out.println();
        out.println("monkey: warning: " + message);
        out.flush();
    }

    synchronized void finish() {
        if (terminal) out.println();
        out.flush();
    }

    String line(String last) {
        double frac = games == 0 ? 1 : (double) gamesDone / games;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        int playedHere = gamesDone - gamesAtStart;
        double left = playedHere > 0 ? elapsed * (games - gamesDone) / playedHere : Double.NaN;
        int width = 24, filled = (int) Math.round(frac * width);
        return String.format(Locale.ROOT, "[%s%s] %3.0f%%  matches %d/%d  games %d/%d  left %s%s", "#".repeat(filled), ".".repeat(width - filled),
                frac * 100, matchesDone, matches, gamesDone, games, clock(left), last.isEmpty() ? "" : "  last: " + last);
    }

    private void print(String last) {
        if (terminal) out.print("\r" + line(last) + "   ");
        else out.println(line(last));
        out.flush();
    }

    static String clock(double seconds) {
        if (Double.isNaN(seconds) || seconds > 1e7) return "--:--";
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
