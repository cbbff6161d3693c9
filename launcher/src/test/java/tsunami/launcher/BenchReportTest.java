package tsunami.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
