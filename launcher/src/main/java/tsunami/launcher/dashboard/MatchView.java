package tsunami.launcher.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import tsunami.stats.BradleyTerry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the page shows of a match or tournament, read from its folder as games finish: every game's
 * {@code result.json} (so the crosstable and ratings fill game by game, not only when a match's
 * summary is written), the bot logs and the replays. Ratings are {@link BradleyTerry}'s, with the
 * prior the tournament report uses. A game whose result cannot be read is listed with the problem.
 */
final class MatchView {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MatchView() {
    }

    static Map<String, Object> of(RunCatalog.Entry entry) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", entry.id());
        out.put("name", entry.name());
        boolean tournament = entry.kind() == RunCatalog.Kind.TOURNAMENT;
        out.put("kind", tournament ? "tournament" : "match");
        Path dir = entry.dir();
        List<String> bots = new ArrayList<>();
        List<String> matchDirs = new ArrayList<>();
        try {
            if (tournament) {
                JsonNode settings = readJson(dir.resolve("tournament.json")).path("value");
                if (!settings.path("bots").isArray()) throw new CorruptRunFile("tournament.json has no list of bots");
                settings.path("bots").forEach(b -> bots.add(b.asText()));
                out.put("scenario", settings.path("scenario").asText());
                out.put("games_per_pair", settings.path("gamesPerPair").asInt());
                int n = bots.size();
                out.put("games_planned", n * (n - 1) / 2 * settings.path("gamesPerPair").asInt());
                // <a>-vs-<b>/<x>-first/ holds one match of a pair
                for (Path pair : list(dir)) {
                    if (!Files.isDirectory(pair)) continue;
                    for (Path half : list(pair)) {
                        if (Files.isDirectory(half) && RunCatalog.kindOf(half) == RunCatalog.Kind.MATCH) {
                            matchDirs.add(pair.getFileName() + "/" + half.getFileName());
                        }
                    }
                }
            } else {
                matchDirs.add("");
            }
        } catch (CorruptRunFile e) {
            out.put("problem", e.getMessage());
            return out;
        }
        List<Map<String, Object>> games = new ArrayList<>();
        List<String> logs = new ArrayList<>();
        for (String m : matchDirs) {
            Path md = m.isEmpty() ? dir : dir.resolve(m);
            String prefix = m.isEmpty() ? "" : m + "/";
            for (Path g : list(md)) {
                String name = g.getFileName().toString();
                if (RunCatalog.isGameDir(name) && Files.isDirectory(g)) games.add(game(prefix, name, g, bots));
            }
            for (Path l : list(md.resolve("logs"))) {
                String name = l.getFileName().toString();
                if (name.endsWith(".out") || name.endsWith(".err")) logs.add(prefix + "logs/" + name);
            }
        }
        out.put("bots", bots);
        out.put("games", games);
        out.put("logs", logs);
        out.putAll(table(bots, games));
        out.put("status", StatusFile.readForPage(dir));
        return out;
    }

    private static Map<String, Object> game(String prefix, String name, Path dir, List<String> bots) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("match", prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1));
        g.put("game", name);
        Path result = dir.resolve("result.json");
        if (Files.exists(dir.resolve("replay.tsr"))) g.put("replay", prefix + name + "/replay.tsr");
        if (!Files.exists(result)) {
            g.put("state", "playing");
            return g;
        }
        try {
            JsonNode r = readJson(result);
            String red = r.path("red").asText(null), blue = r.path("blue").asText(null);
            g.put("state", "done");
            g.put("red", red);
            g.put("blue", blue);
            g.put("winner", r.path("winner").isNull() ? null : r.path("winner").asText(null));
            g.put("reason", r.path("reason").asText(""));
            g.put("frames", r.path("frames").asInt());
            for (String b : new String[] {red, blue}) if (b != null && !bots.contains(b)) bots.add(b);
        } catch (CorruptRunFile e) {
            g.put("state", "unreadable");
            g.put("problem", e.getMessage());
        }
        return g;
    }

    /** The crosstable (wins, draws, losses of each row bot against each column bot) and the ratings. */
    private static Map<String, Object> table(List<String> bots, List<Map<String, Object>> games) {
        int n = bots.size();
        int[][] wins = new int[n][n], draws = new int[n][n];
        int played = 0;
        for (Map<String, Object> g : games) {
            if (!"done".equals(g.get("state"))) continue;
            int r = bots.indexOf((String) g.get("red")), b = bots.indexOf((String) g.get("blue"));
            if (r < 0 || b < 0 || r == b) continue;
            Object w = g.get("winner");
            if (w == null) {
                draws[r][b]++;
                draws[b][r]++;
            } else if (w.equals(g.get("red"))) {
                wins[r][b]++;
            } else {
                wins[b][r]++;
            }
            played++;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("games_played", played);
        List<List<int[]>> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<int[]> row = new ArrayList<>();
            for (int j = 0; j < n; j++) row.add(new int[] {wins[i][j], draws[i][j], wins[j][i]});
            cells.add(row);
        }
        out.put("crosstable", cells);
        if (n >= 2) {
            double[][] score = new double[n][n], count = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    score[i][j] = wins[i][j] + draws[i][j] / 2.0;
                    count[i][j] = wins[i][j] + wins[j][i] + draws[i][j];
                }
            }
            BradleyTerry.Fit fit = BradleyTerry.fit(score, count, BradleyTerry.PRIOR_DRAWS);
            List<Map<String, Object>> ratings = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                BradleyTerry.Rating r = fit.rating(i);
                int won = 0, drawn = 0, lost = 0;
                for (int j = 0; j < n; j++) {
                    won += wins[i][j];
                    drawn += draws[i][j];
                    lost += wins[j][i];
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("bot", bots.get(i));
                row.put("elo", r.elo());
                row.put("low95", r.low95());
                row.put("high95", r.high95());
                row.put("won", won);
                row.put("drawn", drawn);
                row.put("lost", lost);
                ratings.add(row);
            }
            ratings.sort((a, b) -> Double.compare((double) b.get("elo"), (double) a.get("elo")));
            out.put("ratings", ratings);
        }
        return out;
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CorruptRunFile(file.getFileName() + " cannot be read: " + e.getMessage());
        }
    }

    /** The folder's entries by name; none when it does not exist (yet). */
    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new CorruptRunFile("cannot list " + dir.getFileName() + ": " + e.getMessage());
        }
    }
}
