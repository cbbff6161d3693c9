package tsunami.bots.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;
import tsunami.BadInputException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML (or JSON) document as a tree that remembers the source line of every node, so that a
 * bad value is reported as {@code file:line: field 'x': ...}. Jackson's own tree drops locations.
 */
public final class YamlNode {
    public enum Kind { MAP, LIST, SCALAR, NULL }

    /** Longest document read, in characters; callers that read files check the size first. */
    public static final int MAX_DOCUMENT_CHARS = 4 << 20;
    /** Longest single value (a name, a description), in characters. */
    public static final int MAX_SCALAR_CHARS = 64 << 10;
    private static final int MAX_NESTING = 64;

    private static final YAMLFactory FACTORY = factory();

    private static YAMLFactory factory() {
        // Bounded so that a hostile document fails fast instead of growing without limit.
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_DOCUMENT_CHARS);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        return YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(MAX_SCALAR_CHARS).maxNestingDepth(MAX_NESTING).maxNumberLength(1000).build())
                .build();
    }

    private final String source;
    private final int line;
    private final String path;
    private final Kind kind;
    private final String scalar;
    private final Map<String, YamlNode> fields;
    private final List<YamlNode> items;

    private YamlNode(String source, int line, String path, Kind kind, String scalar,
                     Map<String, YamlNode> fields, List<YamlNode> items) {
        this.source = source;
        this.line = line;
        this.path = path;
        this.kind = kind;
        this.scalar = scalar;
        this.fields = fields;
        this.items = items;
    }

    /** Parses {@code text}; {@code source} names it in error messages (usually the file name). */
    public static YamlNode parse(String text, String source) {
        if (text.length() > MAX_DOCUMENT_CHARS) {
            throw new BadInputException(source + ": too large (" + text.length() + " characters; at most " + MAX_DOCUMENT_CHARS + ")");
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) throw new BadInputException(source + ": the file is empty");
            YamlNode root = read(p, source, "");
            return root;
        } catch (IOException e) {
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                    ? ":" + jpe.getLocation().getLineNr() : "";
            throw new BadInputException(source + where + ": not valid YAML: " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            if (e instanceof BadInputException) throw e;
            // SnakeYAML reports its own limits (code points, nesting, aliases) as unchecked exceptions
            throw new BadInputException(source + ": not valid YAML: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static YamlNode read(JsonParser p, String source, String path) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    int nameLine = p.currentTokenLocation().getLineNr();
                    if (m.containsKey(name)) {
                        throw new BadInputException(source + ":" + nameLine + ": field '" + join(path, name) + "' appears twice");
                    }
                    p.nextToken();
                    m.put(name, read(p, source, join(path, name)));
                }
                return new YamlNode(source, line, path, Kind.MAP, null, Collections.unmodifiableMap(m), List.of());
            }
            case START_ARRAY -> {
                List<YamlNode> l = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(read(p, source, path + "[" + i++ + "]"));
                }
                return new YamlNode(source, line, path, Kind.LIST, null, Map.of(), Collections.unmodifiableList(l));
            }
            case VALUE_NULL -> {
                return new YamlNode(source, line, path, Kind.NULL, null, Map.of(), List.of());
            }
            default -> {
                String text = p.getText();
                if (text != null && text.length() > MAX_SCALAR_CHARS) {
                    throw new BadInputException(source + ":" + line + ":" + (path.isEmpty() ? "" : " field '" + path + "':")
                            + " value too long (" + text.length() + " characters; at most " + MAX_SCALAR_CHARS + ")");
                }
                return new YamlNode(source, line, path, Kind.SCALAR, text, Map.of(), List.of());
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public Kind kind() { return kind; }
    public int line() { return line; }
    public String path() { return path; }
    public String source() { return source; }

    /** An error about this node: {@code file:line: field 'path': message}. */
    public BadInputException error(String message) {
        String field = path.isEmpty() ? "" : " field '" + path + "':";
        return new BadInputException(source + ":" + line + ":" + field + " " + message);
    }

    public YamlNode requireMap() {
        if (kind != Kind.MAP) throw error("expected a mapping (key: value lines)");
        return this;
    }

    public List<YamlNode> requireList() {
        if (kind != Kind.LIST) throw error("expected a list");
        return items;
    }

    public Set<String> keys() { return requireMap().fields.keySet(); }

    public boolean has(String name) { return kind == Kind.MAP && fields.containsKey(name); }

    /** The field, or null when absent. */
    public YamlNode get(String name) {
        requireMap();
        return fields.get(name);
    }

    public YamlNode require(String name) {
        YamlNode n = get(name);
        if (n == null || n.kind == Kind.NULL) {
            throw new BadInputException(source + ":" + line + ": field '" + join(path, name) + "' is missing");
        }
        return n;
    }

    /** Rejects fields not in {@code allowed} (catches typos such as 'cuont'). */
    public void allowOnly(Set<String> allowed) {
        for (String k : keys()) {
            if (!allowed.contains(k)) throw fields.get(k).error("unknown field; expected one of " + new java.util.TreeSet<>(allowed));
        }
    }

    public String asText() {
        if (kind != Kind.SCALAR) throw error("expected a single value");
        return scalar;
    }

    public double asDouble() {
        try {
            return Double.parseDouble(asText().trim());
        } catch (NumberFormatException e) {
            throw error("expected a number, got '" + scalar + "'");
        }
    }

    /** A finite number in [min, max]; NaN, infinities and values outside are refused with the range. */
    public double asDoubleIn(double min, double max, String unit) {
        double v = asDouble();
        if (!(v >= min && v <= max)) { // also false for NaN
            throw error("must be a finite number from " + fmt(min) + " to " + fmt(max) + unit + ", got " + scalar.trim());
        }
        return v;
    }

    /** A whole number in [min, max], refused with the range otherwise. */
    public int asIntIn(int min, int max, String unit) {
        long v;
        try {
            v = Long.parseLong(asText().trim());
        } catch (NumberFormatException e) {
            throw error("expected a whole number from " + min + " to " + max + unit + ", got '" + scalar + "'");
        }
        if (v < min || v > max) throw error("must be a whole number from " + min + " to " + max + unit + ", got " + v);
        return (int) v;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    public int asInt() {
        try {
            return Integer.parseInt(asText().trim());
        } catch (NumberFormatException e) {
            throw error("expected a whole number, got '" + scalar + "'");
        }
    }

    public long asLong() {
        try {
            return Long.parseLong(asText().trim());
        } catch (NumberFormatException e) {
            throw error("expected a whole number, got '" + scalar + "'");
        }
    }

    public boolean asBoolean() {
        String s = asText().trim();
        if (s.equalsIgnoreCase("true")) return true;
        if (s.equalsIgnoreCase("false")) return false;
        throw error("expected true or false, got '" + s + "'");
    }

    public int intOr(String name, int dflt) { YamlNode n = get(name); return n == null ? dflt : n.asInt(); }
    public double doubleOr(String name, double dflt) { YamlNode n = get(name); return n == null ? dflt : n.asDouble(); }
    public boolean boolOr(String name, boolean dflt) { YamlNode n = get(name); return n == null ? dflt : n.asBoolean(); }
    public String textOr(String name, String dflt) { YamlNode n = get(name); return n == null ? dflt : n.asText(); }
}
