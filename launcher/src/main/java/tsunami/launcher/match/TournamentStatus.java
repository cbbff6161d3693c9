package tsunami.launcher.match;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tournament's {@code status.json} fields: its matches and games done and planned (those
 * recorded by an earlier run it resumes included), then the matches this run plays, with their bot
 * processes ({@link MatchStatus}). Passes what it hears on to the progress line.
 */
final class TournamentStatus implements Tournament.Listener {
    private final Tournament.Listener progress;
    private final MatchStatus matches;
    private int matchesPlanned, gamesPlanned, matchesDone, gamesDone;

    TournamentStatus(Tournament.Listener progress, MatchStatus matches) {
        this.progress = progress;
        this.matches = matches;
    }

    @Override
    public void begin(int matches, int games, int matchesDone, int gamesDone) {
        synchronized (this) {
            this.matchesPlanned = matches;
            this.gamesPlanned = games;
            this.matchesDone = matchesDone;
            this.gamesDone = gamesDone;
        }
        progress.begin(matches, games, matchesDone, gamesDone);
    }

    @Override
    public void finished(Tournament.Played played) {
        synchronized (this) {
            matchesDone++;
            gamesDone += played.match().games();
        }
        progress.finished(played);
    }

    @Override
    public void warn(String message) {
        progress.warn(message);
    }

    Map<String, Object> snapshot() {
        Map<String, Object> live = matches.snapshot();
        Map<String, Object> out = new LinkedHashMap<>();
        synchronized (this) {
            out.put("matches_done", matchesDone);
            out.put("matches_planned", matchesPlanned);
            // games of finished matches, plus those finished in matches still playing
            int playing = 0;
            for (Object m : (Iterable<?>) live.get("matches")) {
                Map<?, ?> match = (Map<?, ?>) m;
                if ("running".equals(match.get("state"))) playing += (Integer) match.get("games_done");
            }
            out.put("games_done", gamesDone + playing);
            out.put("games_planned", gamesPlanned);
        }
        out.put("matches", live.get("matches"));
        return out;
    }
}
