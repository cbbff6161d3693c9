package tsunami.launcher.match;

import tsunami.stats.BradleyTerry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tournament's results: the crosstable (wins, draws and losses of each row bot against each
 * column bot, and each bot's score), Bradley–Terry ratings with 95% intervals ({@link BradleyTerry}),
 * how games ended, and how the first side fared. Written as {@code tournament.md},
 * {@code tournament.html} and {@code tournament.png}; a tournament stopped part-way is reported on
 * the games it has, and says so.
 */
public final class TournamentReport {
    public static final String MARKDOWN = "tournament.md";
    public static final String HTML = "tournament.html";
    public static final String PNG = "tournament.png";

    final Tournament.Settings settings;
    final List<String> names;
    /** wins[i][j]: games bot i won against bot j; draws[i][j] = draws[j][i] */
    final int[][] wins, draws;
    final BradleyTerry.Fit fit;
    /** bot indices, best rating first */
    final List<Integer> order;
    final Map<GameOutcome.Reason, Integer> reasons = new EnumMap<>(GameOutcome.Reason.class);
    final int matchesPlayed, matchesPlanned, gamesPlayed, gamesPlanned;
    /** points (a draw is half) scored by the bot on the first side, over all games played */
    final double firstSidePoints;

    private TournamentReport(Tournament.Settings settings, List<Tournament.Played> played, List<Tournament.Match> plan) {
        this.settings = settings;
        this.names = settings.bots();
        int n = names.size();
        wins = new int[n][n];
        draws = new int[n][n];
        int games = 0;
        double first = 0;
        for (Tournament.Played p : played) {
            int a = p.match().first(), b = p.match().second();
            MatchSummary s = p.summary();
            wins[a][b] += s.aWins();
            wins[b][a] += s.bWins();
            draws[a][b] += s.draws();
            draws[b][a] += s.draws();
            games += s.games();
            first += s.aWins() + s.draws() / 2.0;
            if (s.reasons() != null) s.reasons().forEach((r, c) -> reasons.merge(r, c, Integer::sum));
        }
        gamesPlayed = games;
        firstSidePoints = first;
        matchesPlayed = played.size();
        matchesPlanned = plan.size();
        gamesPlanned = plan.stream().mapToInt(Tournament.Match::games).sum();
        double[][] score = new double[n][n], g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                score[i][j] = wins[i][j] + draws[i][j] / 2.0;
                g[i][j] = wins[i][j] + wins[j][i] + draws[i][j];
            }
        }
        fit = BradleyTerry.fit(score, g, BradleyTerry.PRIOR_DRAWS);
        List<Integer> o = new ArrayList<>();
        for (int i = 0; i < n; i++) o.add(i);
        o.sort(Comparator.<Integer>comparingDouble(i -> -fit.theta()[i]).thenComparing(names::get));
        order = List.copyOf(o);
    }

    public static TournamentReport of(Tournament.Settings settings, Tournament.Outcome outcome) {
        return new TournamentReport(settings, outcome.played(), outcome.plan());
    }

    int won(int i) {
        int s = 0;
        for (int j = 0; j < names.size(); j++) s += wins[i][j];
        return s;
    }

    int drawn(int i) {
        int s = 0;
        for (int j = 0; j < names.size(); j++) s += draws[i][j];
        return s;
    }

    int lost(int i) {
        int s = 0;
        for (int j = 0; j < names.size(); j++) s += wins[j][i];
        return s;
    }

    int games(int i) {
        return won(i) + drawn(i) + lost(i);
    }

    /** Points per game of bot i against everyone (a draw is half), NaN before any game. */
    double score(int i) {
        int g = games(i);
        return g == 0 ? Double.NaN : (won(i) + drawn(i) / 2.0) / g;
    }

    /** Points per game of bot i against bot j, NaN when they have not played. */
    double score(int i, int j) {
        int g = wins[i][j] + wins[j][i] + draws[i][j];
        return g == 0 ? Double.NaN : (wins[i][j] + draws[i][j] / 2.0) / g;
    }

    String cell(int i, int j) {
        return wins[i][j] + "–" + draws[i][j] + "–" + wins[j][i];
    }

    static String percent(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    static String elo(double v) {
        return String.format(Locale.ROOT, "%+.0f", v);
    }

    String title() {
        return "Tournament: " + settings.scenario() + ", " + names.size() + " bots, " + settings.gamesPerPair() + (settings.gamesPerPair() == 1 ? " game" : " games") + " per pair";
    }

    String status() {
        String s = gamesPlayed + " of " + gamesPlanned + " games played (" + matchesPlayed + " of " + matchesPlanned + " matches), seed " + settings.seed() + ".";
        return matchesPlayed < matchesPlanned ? s + " Unfinished: ratings cover the games played so far; finish with --resume." : s;
    }

    static final String RATING_NOTE = "Ratings: Bradley–Terry maximum likelihood on the Elo scale (400 points = 10:1 odds), field mean 0, "
            + "draws counting half a win, one virtual draw per pair so that a perfect record stays finite; "
            + "95% intervals from the Fisher information.";
    static final String CELL_NOTE = "Each cell: wins–draws–losses of the row bot against the column bot. Score: points per game, a draw counting half.";

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title()).append("\n\n").append(status()).append("\n\n## Ratings\n\n");
        sb.append("| rank | bot | rating | 95% interval | games | won | drawn | lost | score |\n");
        sb.append("|---:|---|---:|---|---:|---:|---:|---:|---:|\n");
        int rank = 1;
        for (int i : order) {
            BradleyTerry.Rating r = fit.rating(i);
            sb.append("| ").append(rank++).append(" | ").append(md(names.get(i))).append(" | ").append(elo(r.elo())).append(" | ")
                    .append(elo(r.low95())).append(" .. ").append(elo(r.high95())).append(" | ").append(games(i)).append(" | ")
                    .append(won(i)).append(" | ").append(drawn(i)).append(" | ").append(lost(i)).append(" | ").append(percent(score(i))).append(" |\n");
        }
        sb.append("\n").append(RATING_NOTE).append("\n\n## Crosstable\n\n").append(CELL_NOTE).append("\n\n|  |");
        for (int j : order) sb.append(" ").append(md(names.get(j))).append(" |");
        sb.append(" score |\n|---|");
        sb.append("---:|".repeat(names.size() + 1)).append("\n");
        for (int i : order) {
            sb.append("| **").append(md(names.get(i))).append("** |");
            for (int j : order) sb.append(" ").append(i == j ? "·" : cell(i, j)).append(" |");
            sb.append(" ").append(percent(score(i))).append(" |\n");
        }
        sb.append("\n## How games ended\n\n");
        if (reasons.isEmpty()) sb.append("No game played yet.\n");
        else {
            sb.append("| reason | games |\n|---|---:|\n");
            reasons.forEach((r, c) -> sb.append("| ").append(r.name().toLowerCase(Locale.ROOT)).append(" | ").append(c).append(" |\n"));
            sb.append("\nThe bot on the first side scored ").append(percent(gamesPlayed == 0 ? Double.NaN : firstSidePoints / gamesPlayed))
                    .append(" of its games (sides alternate between the two halves of each pair).\n");
        }
        return sb.toString();
    }

    private static String md(String s) {
        return s.replace("|", "\\|");
    }

    public String html() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #bbb;padding:4px 8px;text-align:right}th.bot,td.bot{text-align:left}")
                .append("td.self{background:#eee;text-align:center}p.note{color:#555;max-width:50em}</style></head><body>\n");
        sb.append("<h1>").append(esc(title())).append("</h1>\n<p>").append(esc(status())).append("</p>\n<h2>Ratings</h2>\n<table>\n");
        sb.append("<tr><th>rank</th><th class=\"bot\">bot</th><th>rating</th><th>95% interval</th><th>games</th><th>won</th><th>drawn</th><th>lost</th><th>score</th></tr>\n");
        int rank = 1;
        for (int i : order) {
            BradleyTerry.Rating r = fit.rating(i);
            sb.append("<tr><td>").append(rank++).append("</td><td class=\"bot\">").append(esc(names.get(i))).append("</td><td>").append(elo(r.elo()))
                    .append("</td><td>").append(elo(r.low95())).append(" .. ").append(elo(r.high95())).append("</td><td>").append(games(i))
                    .append("</td><td>").append(won(i)).append("</td><td>").append(drawn(i)).append("</td><td>").append(lost(i))
                    .append("</td><td>").append(percent(score(i))).append("</td></tr>\n");
        }
        sb.append("</table>\n<p class=\"note\">").append(esc(RATING_NOTE)).append("</p>\n<h2>Crosstable</h2>\n<p class=\"note\">")
                .append(esc(CELL_NOTE)).append("</p>\n<table>\n<tr><th></th>");
        for (int j : order) sb.append("<th>").append(esc(names.get(j))).append("</th>");
        sb.append("<th>score</th></tr>\n");
        for (int i : order) {
            sb.append("<tr><th class=\"bot\">").append(esc(names.get(i))).append("</th>");
            for (int j : order) {
                if (i == j) {
                    sb.append("<td class=\"self\">·</td>");
                    continue;
                }
                java.awt.Color c = heat(score(i, j));
                sb.append(String.format(Locale.ROOT, "<td style=\"background:#%02x%02x%02x\" title=\"%s\">", c.getRed(), c.getGreen(), c.getBlue(),
                        esc(names.get(i) + " vs " + names.get(j) + ": " + percent(score(i, j))))).append(cell(i, j)).append("</td>");
            }
            sb.append("<td>").append(percent(score(i))).append("</td></tr>\n");
        }
        sb.append("</table>\n<p><img src=\"").append(PNG).append("\" alt=\"ratings and crosstable\"></p>\n<h2>How games ended</h2>\n");
        if (reasons.isEmpty()) sb.append("<p>No game played yet.</p>\n");
        else {
            sb.append("<table><tr><th class=\"bot\">reason</th><th>games</th></tr>\n");
            reasons.forEach((r, c) -> sb.append("<tr><td class=\"bot\">").append(r.name().toLowerCase(Locale.ROOT)).append("</td><td>").append(c).append("</td></tr>\n"));
            sb.append("</table>\n<p>The bot on the first side scored ").append(percent(gamesPlayed == 0 ? Double.NaN : firstSidePoints / gamesPlayed))
                    .append(" of its games.</p>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Red for a row bot that lost every game, white for even, green for one that won every game; grey when unplayed. */
    static java.awt.Color heat(double score) {
        if (Double.isNaN(score)) return new java.awt.Color(0xdddddd);
        int[] lo = {0xd7, 0x30, 0x27}, mid = {0xff, 0xff, 0xff}, hi = {0x1a, 0x98, 0x50};
        int[] from = score < 0.5 ? lo : mid, to = score < 0.5 ? mid : hi;
        double t = score < 0.5 ? score * 2 : (score - 0.5) * 2;
        return new java.awt.Color((int) Math.round(from[0] + (to[0] - from[0]) * t), (int) Math.round(from[1] + (to[1] - from[1]) * t),
                (int) Math.round(from[2] + (to[2] - from[2]) * t));
    }

    /** Writes the Markdown, HTML and PNG reports into {@code out}, each atomically. */
    public void writeAll(Path out) {
        write(out.resolve(MARKDOWN), markdown());
        write(out.resolve(HTML), html());
        TournamentChart.draw(this, out.resolve(PNG));
    }

    private static void write(Path target, String text) {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
