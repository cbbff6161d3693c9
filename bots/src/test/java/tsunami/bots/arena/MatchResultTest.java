package tsunami.bots.arena;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MatchResultTest {
    @Test
    void wilsonIntervalMatchesTheTextbookValues() {
        MatchResult r = new MatchResult("m5v5", "a", "b", 100, 50, 45, 5, 200, 1);
        double[] ci = r.wilson95(50);
        assertEquals(0.4038, ci[0], 1e-3);
        assertEquals(0.5962, ci[1], 1e-3);
        double[] none = r.wilson95(0); // 0 of 100: [0, 0.037]
        assertEquals(0.0, none[0], 1e-9);
        assertEquals(0.0370, none[1], 1e-3);
        assertEquals(0.5, r.redWinRate(), 1e-12);
    }

    @Test
    void jsonCarriesTheAgreedKeys() {
        String j = new MatchResult("m15v16", "attack-closest", "attack-move", 10, 6, 3, 1, 250.5, 7).toJson();
        assertTrue(j.startsWith("{\"scenario\":\"m15v16\""), j);
        for (String k : new String[]{"\"games\":10", "\"red_wins\":6", "\"blue_wins\":3", "\"draws\":1", "\"red_win_rate\":0.6000"}) {
            assertTrue(j.contains(k), k + " in " + j);
        }
        assertTrue(j.endsWith("}"));
    }

    @Test
    void jsonEscapesEveryNameAndGivesBothSidesTheOneWinRateSchema() throws Exception {
        String odd = "quote\" back\\slash\nnew line\ttab\u0001bell";
        MatchResult r = new MatchResult(odd, "red \"one\"", "blue\\two", 10, 6, 3, 1, 250.5, 7);
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.toJson());
        assertEquals(odd, j.get("scenario").asText());
        assertEquals("red \"one\"", j.get("red").asText());
        assertEquals("blue\\two", j.get("blue").asText());
        double[] red = r.wilson95(6), blue = r.wilson95(3);
        assertEquals(red[0], j.get("red_ci95_low").asDouble(), 1e-4);
        assertEquals(red[1], j.get("red_ci95_high").asDouble(), 1e-4);
        assertEquals(blue[0], j.get("blue_ci95_low").asDouble(), 1e-4);
        assertEquals(blue[1], j.get("blue_ci95_high").asDouble(), 1e-4);
        assertEquals(0.3, j.get("blue_win_rate").asDouble(), 1e-12);
        assertEquals(250.5, j.get("mean_frames").asDouble(), 1e-12);
        assertEquals(7, j.get("seed").asLong());
        assertTrue(r.toJson().indexOf('\n') < 0, "one line");
    }
}
