package tsunami.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchReportTest {
    @Test
    void jsonKeepsWholeNumbersRoundsFractionsAndEscapesKeys() throws Exception {
        BenchReport r = new BenchReport("t").put("frames", 123_456_789L, "frames").put("rate", 1234.56789123, "/s")
                .put("tiny", 1.0e-9, "s").put("broken", Double.NaN, "?").put("odd \"key\"", 1, "x");
        String json = r.toJson();
        JsonNode j = new ObjectMapper().readTree(json);
        assertEquals(123_456_789L, j.get("frames").asLong());
        assertTrue(json.contains("\"rate\":1234.57"), json);          // six significant digits
        assertTrue(json.contains("\"tiny\":0.000000001,"), json);   // plain digits for sed, never 1E-9
        assertTrue(j.get("broken").isNull(), json);
        assertEquals(1, j.get("odd \"key\"").asInt());
    }

    @Test
    void comparedFiguresKeepTheirKeysAndNameThePeerAndWhichWayIsBetter() throws Exception {
        Map<String, Number> compared = new LinkedHashMap<>();
        compared.put("rtt_us_median", 0.5);
        compared.put("rtt_us_median_peer", 0.25);
        compared.put("rtt_us_median_ratio", 2.0);
        compared.put("rtt_us_median_ratio_min", 1.5);
        compared.put("rtt_us_median_ratio_max", 2.5);
        compared.put("msgs_per_s", 100L);
        BenchReport r = new BenchReport("t").putCompared(compared, Map.of("rtt_us_median", "us round trip", "msgs_per_s", "msgs/s"), "Pekko");
        JsonNode j = new ObjectMapper().readTree(r.toJson());
        assertEquals(0.25, j.get("rtt_us_median_peer").asDouble());
        assertEquals(2.0, j.get("rtt_us_median_ratio").asDouble());
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        r.print(new PrintStream(table, true, StandardCharsets.UTF_8), false);
        String text = table.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Pekko: us round trip"), text);
        assertTrue(text.contains("ours / Pekko (median of same-run pairs; lower is better)"), text);
        assertTrue(BenchReport.lowerIsBetter("idle_1m_start_s"));
        assertTrue(BenchReport.lowerIsBetter("idle_1m_bytes_per_process"));
        assertFalse(BenchReport.lowerIsBetter("spawn_exit_per_s"));
    }
}
