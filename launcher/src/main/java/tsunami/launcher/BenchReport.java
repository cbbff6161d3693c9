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
