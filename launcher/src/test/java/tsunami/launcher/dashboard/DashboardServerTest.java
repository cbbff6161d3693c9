package tsunami.launcher.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tsunami.BadInputException;

import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard over plain HTTP: what it shows of good, missing and damaged folders, and what it refuses. */
class DashboardServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(DashboardServer s, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(DashboardServer s, String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(s, pathAndQuery);
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"), r.body());
        return JSON.readTree(r.body());
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Path trainingRun(Path dir, String metrics) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("run.properties"), "scenario=m5v5\nopponent=attack-move\n");
        Files.writeString(dir.resolve("metrics.csv"), metrics);
        return dir;
    }

    @Test
    void showsCurvesAndNamesMissingEmptyAndCorruptFoldersPlainly(@TempDir Path tmp) throws Exception {
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        trainingRun(runs.resolve("good"), "version,frames,win_rate,mean_return\n10,1000,0.25,0.5\n20,2000,0.5,0.75\n30,30");
        trainingRun(runs.resolve("bad"), "version,frames,win_rate\n10,1000,0.25\n20,2000,lots\n30,3000,0.5\n");
        Files.createDirectories(tmp.resolve("empty"));
        try (DashboardServer s = DashboardServer.start(List.of(runs, tmp.resolve("gone"), tmp.resolve("empty")), "127.0.0.1", 0, null)) {
            JsonNode entries = json(s, "/api/entries");
            assertEquals(4, entries.size(), entries.toString());
            JsonNode good = json(s, "/api/entry?id=" + q("0/good"));
            // the torn last row (still being appended) is left for the next read
            assertEquals("[1000.0,2000.0]", good.path("curves").path("frames").toString());
            assertEquals("[0.25,0.5]", good.path("curves").path("win_rate").toString());
            assertEquals("m5v5", good.path("config").path("scenario").asText());
            JsonNode bad = json(s, "/api/entry?id=" + q("0/bad"));
            assertEquals("metrics.csv line 3, column win_rate: 'lots' is not a number", bad.path("problem").asText());
            assertTrue(entries.toString().contains("the folder " + tmp.resolve("gone").toAbsolutePath() + " does not exist"), entries.toString());
            JsonNode gone = json(s, "/api/entry?id=1");
            assertEquals("missing", gone.path("kind").asText());
            assertTrue(json(s, "/api/entry?id=2").path("problem").asText().contains("holds no training run"));
            HttpResponse<String> unknown = get(s, "/api/entry?id=" + q("0/../../etc"));
            assertEquals(404, unknown.statusCode());
            assertTrue(unknown.body().contains("no run, match or tournament"), unknown.body());
            HttpResponse<String> page = get(s, "/");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("/static/uPlot.iife.min.js"));
            assertEquals(200, get(s, "/static/uPlot.iife.min.js").statusCode(), "uPlot is served from its WebJar");
            HttpResponse<String> nowhere = get(s, "/no/such/page");
            assertEquals(404, nowhere.statusCode());
            assertFalse(nowhere.body().contains("Exception"), nowhere.body());
        }
    }

    @Test
    void anEmptyCellIsAGapInItsCurve(@TempDir Path tmp) throws Exception {
        // rows of an older build, kept under a newer header with its new column empty
        Path run = trainingRun(tmp.resolve("run"), "version,frames,win_rate,teacher_loss\n10,1000,0.25,\n20,2000,0.5,0.125\n");
        try (DashboardServer s = DashboardServer.start(List.of(run), "127.0.0.1", 0, null)) {
            JsonNode entry = json(s, "/api/entry?id=0");
            assertEquals("[null,0.125]", entry.path("curves").path("teacher_loss").toString(), entry.toString());
            assertEquals("[0.25,0.5]", entry.path("curves").path("win_rate").toString());
        }
    }

    @Test
    void refusesWritesForeignHostsAndPathsOutsideTheRun(@TempDir Path tmp) throws Exception {
        Path match = Files.createDirectories(tmp.resolve("match"));
        Files.createDirectories(match.resolve("logs"));
        Files.writeString(match.resolve("logs/a-session-1.out"), "hello from bot a\n");
        Files.writeString(tmp.resolve("secret.out"), "not yours\n");
        Files.createSymbolicLink(match.resolve("logs/link.out"), tmp.resolve("secret.out"));
        try (DashboardServer s = DashboardServer.start(List.of(match), "127.0.0.1", 0, null)) {
            assertEquals("hello from bot a\n", get(s, "/log?id=0&file=" + q("logs/a-session-1.out")).body());
            for (String evil : List.of("../secret.out", "logs/../../secret.out", "/etc/passwd", "logs/link.out", "run.properties", "logs/%2e%2e")) {
                HttpResponse<String> r = get(s, "/log?id=0&file=" + q(evil));
                assertEquals(400, r.statusCode(), evil + ": " + r.body());
                assertFalse(r.body().contains("not yours"), evil);
            }
            assertEquals(400, get(s, "/replay?id=0&file=" + q("game-0001/../../secret.out")).statusCode());
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/entries"))
                        .method(method, HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(405, r.statusCode(), method);
            }
            // a page served from elsewhere that resolves its own name to 127.0.0.1 (DNS rebinding) is refused
            try (Socket raw = new Socket("127.0.0.1", s.port())) {
                raw.getOutputStream().write("GET /api/entries HTTP/1.1\r\nHost: attacker.example:80\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(raw.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
            }
        }
        assertEquals("not yours\n", Files.readString(tmp.resolve("secret.out")));
    }

    @Test
    void servingBeyondLocalhostNeedsATokenAndRefusesRequestsWithoutIt(@TempDir Path tmp) throws Exception {
        BadInputException noToken = assertThrows(BadInputException.class, () -> DashboardServer.start(List.of(tmp), "0.0.0.0", 0, null));
        assertTrue(noToken.getMessage().contains("--token-file"), noToken.getMessage());
        String token = "s3cret-token-0123456789";
        try (DashboardServer s = DashboardServer.start(List.of(tmp), "0.0.0.0", 0, token)) {
            assertTrue(s.url().endsWith("/?token=" + token), s.url());
            assertEquals(401, get(s, "/api/entries").statusCode());
            assertEquals(401, get(s, "/api/entries?token=wrong-token-0123456789").statusCode());
            HttpResponse<String> first = get(s, "/?token=" + token);
            assertEquals(200, first.statusCode());
            String cookie = first.headers().firstValue("set-cookie").orElseThrow();
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            HttpResponse<String> withCookie = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/entries"))
                    .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, withCookie.statusCode());
            HttpResponse<String> bearer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/entries"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, bearer.statusCode());
        }
        Path file = tmp.resolve("token");
        Files.writeString(file, "short\n");
        assertThrows(BadInputException.class, () -> DashboardCommand.readToken(file));
        Files.writeString(file, token + "\n");
        assertEquals(token, DashboardCommand.readToken(file));
    }

    @Test
    void tournamentCrosstableAndRatingsFillGameByGame(@TempDir Path tmp) throws Exception {
        Path t = Files.createDirectories(tmp.resolve("tour"));
        Files.writeString(t.resolve("tournament.json"), """
                {"format":"tsunami-tournament/1","value":{"bots":["a","b","c"],"scenario":"m5v5","gamesPerPair":2,"seed":1},"crc32":"0"}""");
        game(t.resolve("a-vs-b/a-first/game-0001"), "a", "b", "a", "last_unit_standing");
        game(t.resolve("a-vs-b/b-first/game-0001"), "b", "a", "a", "crashed");
        game(t.resolve("a-vs-c/a-first/game-0001"), "a", "c", null, "time_limit_draw");
        Files.createDirectories(t.resolve("a-vs-c/c-first/game-0001"));   // being played: no result yet
        Files.createDirectories(t.resolve("a-vs-b/a-first/logs"));
        Files.writeString(t.resolve("a-vs-b/a-first/logs/a-session-1.err"), "a's log\n");
        try (DashboardServer s = DashboardServer.start(List.of(tmp), "127.0.0.1", 0, null)) {
            JsonNode v = json(s, "/api/entry?id=" + q("0/tour"));
            assertEquals("tournament", v.path("kind").asText());
            assertEquals(3, v.path("games_played").asInt());
            assertEquals(6, v.path("games_planned").asInt());
            assertEquals("[2,0,0]", v.path("crosstable").get(0).get(1).toString(), "a beat b twice");
            assertEquals("[0,1,0]", v.path("crosstable").get(0).get(2).toString(), "a drew c");
            assertEquals("[0,0,2]", v.path("crosstable").get(1).get(0).toString());
            assertEquals("a", v.path("ratings").get(0).path("bot").asText(), "a rates first");
            assertTrue(v.path("ratings").get(0).path("elo").asDouble() > 0);
            assertEquals("playing", v.path("games").get(3).path("state").asText());
            assertEquals("crashed", v.path("games").get(1).path("reason").asText());
            assertEquals(List.of("a-vs-b/a-first/logs/a-session-1.err"), JSON.convertValue(v.path("logs"), List.class));
            assertEquals("a's log\n", get(s, "/log?id=" + q("0/tour") + "&file=" + q("a-vs-b/a-first/logs/a-session-1.err")).body());
            HttpResponse<String> notAReplay = get(s, "/replay?id=" + q("0/tour") + "&file=" + q("a-vs-b/a-first/game-0001/replay.tsr"));
            assertEquals(422, notAReplay.statusCode(), notAReplay.body());
            assertTrue(notAReplay.body().contains("Cannot play this replay"), notAReplay.body());
        }
    }

    private static void game(Path dir, String red, String blue, String winner, String reason) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("result.json"), JSON.writeValueAsString(java.util.Map.of("red", red, "blue", blue, "reason", reason, "frames", 100,
                "winner", winner == null ? JSON.nullNode() : JSON.getNodeFactory().textNode(winner))));
        // a damaged replay: the page must say so, not fail
        Files.writeString(dir.resolve("replay.tsr"), "not a replay");
    }
}
