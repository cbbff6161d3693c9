package tsunami.bots.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import tsunami.stats.WinRate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON object a command prints as its last line for scripts ({@code --json}), written by
 * Jackson so that every string is escaped. Keys keep the order they were put in. Numbers are
 * rounded here, once, so that scripts see the same digits as before Jackson wrote them.
 *
 * <p>One schema for a win rate: {@code <side>win_rate}, {@code <side>ci95_low} and
 * {@code <side>ci95_high} (Wilson 95%), with {@code <side>} empty where there is one side
 * ({@code monkey eval}) and {@code red_}/{@code blue_} where there are two ({@code monkey arena}).
 */
public final class JsonLine {
    // plain digits, never 1E+3: shell scripts read these with sed
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final int RATE_DECIMALS = 4;

    // String, Long, BigDecimal (rounded where put), a map of counts, or null, in the order put
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public JsonLine put(String key, String value) {
        fields.put(key, value);
        return this;
    }

    public JsonLine put(String key, long value) {
        fields.put(key, value);
        return this;
    }

    /** Counts by name, as a nested object (e.g. how games ended). */
    public JsonLine putCounts(String key, Map<String, Integer> counts) {
        fields.put(key, new LinkedHashMap<>(counts));
        return this;
    }

    /** {@code value} with {@code decimals} digits after the point (as {@code %.Nf} gave); null when not finite. */
    public JsonLine put(String key, double value, int decimals) {
        fields.put(key, Double.isFinite(value) ? BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP) : null);
        return this;
    }

    /** {@code value} rounded to {@code digits} significant digits, trailing zeros dropped; null when not finite. */
    public JsonLine putSignificant(String key, double value, int digits) {
        fields.put(key, Double.isFinite(value) ? new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros() : null);
        return this;
    }

    /** A win rate under the one schema (see the class comment), {@code side} being "", "red_" or "blue_". */
    public JsonLine putWinRate(String side, WinRate w) {
        return put(side + "win_rate", w.rate(), RATE_DECIMALS)
                .put(side + "ci95_low", w.low95(), RATE_DECIMALS)
                .put(side + "ci95_high", w.high95(), RATE_DECIMALS);
    }

    /** The object on one line. */
    @Override
    public String toString() {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and numbers always write", e);
        }
    }
}
