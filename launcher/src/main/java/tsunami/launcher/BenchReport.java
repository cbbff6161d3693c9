package tsunami.launcher;

import tsunami.bots.json.JsonLine;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one benchmark run, in the order they were added. Printed either as an aligned
 * table for people or as one JSON object on the last line for scripts ({@code --json}).
 */
public final class BenchReport {
    private final String title;
    private final Map<String, Number> figures = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();

    public BenchReport(String title) {
        this.title = title;
    }

    public BenchReport put(String key, Number value, String unit) {
        figures.put(key, value);
        units.put(key, unit);
        return this;
    }

    /**
     * Adds figures measured beside a peer ({@code tsunami.bench.PairedRounds}): each base figure with
     * {@code units}' unit, and its {@code _peer}, {@code _ratio}, {@code _ratio_min} and
     * {@code _ratio_max} companions with units that name the peer and which way is better.
     */
    public BenchReport putCompared(Map<String, Number> compared, Map<String, String> units, String peer) {
        compared.forEach((key, value) -> {
            String base = key.replaceFirst("_(peer|ratio|ratio_min|ratio_max)$", "");
            String suffix = key.substring(base.length());
            String better = lowerIsBetter(base) ? "lower is better" : "higher is better";
            String unit = switch (suffix) {
                case "" -> units.getOrDefault(base, "");
                case "_peer" -> peer + ": " + units.getOrDefault(base, "");
                case "_ratio" -> "ours / " + peer + " (median of same-run pairs; " + better + ")";
                case "_ratio_min" -> "lowest pair ratio";
                case "_ratio_max" -> "highest pair ratio";
                default -> throw new IllegalStateException("unexpected figure " + key);
            };
            put(key, value, unit);
        });
        return this;
    }

    /** Times, latencies and footprints: figures where a smaller value is the better one. */
    static boolean lowerIsBetter(String key) {
        return key.contains("_us") || key.endsWith("_s") && !key.endsWith("_per_s") || key.contains("bytes") || key.endsWith("_ms");
    }

    public Map<String, Number> figures() {
        return Map.copyOf(figures);
    }

    public void print(PrintStream out, boolean json) {
        if (json) {
            out.println(toJson());
            return;
        }
        out.println(title);
        int width = figures.keySet().stream().mapToInt(String::length).max().orElse(10);
        figures.forEach((k, v) -> out.printf(Locale.ROOT, "  %-" + width + "s  %16s  %s%n", k, format(v), units.get(k)));
    }

    /** The figures as one JSON object; fractional ones to 6 significant digits, NaN and infinities as null. */
    public String toJson() {
        JsonLine line = new JsonLine();
        figures.forEach((k, v) -> {
            if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) line.put(k, v.longValue());
            else line.putSignificant(k, v.doubleValue(), 6);
        });
        return line.toString();
    }

    private static String format(Number v) {
        if (v instanceof Double || v instanceof Float) {
            double d = v.doubleValue();
            return Math.abs(d) >= 1000 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.3f", d);
        }
        return String.format(Locale.ROOT, "%,d", v.longValue());
    }
}
