package tsunami.bots.scenario;

import tsunami.BadInputException;
import tsunami.bots.data.GameData;
import tsunami.bots.data.UnitType;
import tsunami.bots.yaml.YamlNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads scenario files (YAML, see docs/scenarios.md). A name without a path separator or
 * extension is looked up among the built-in scenarios first ({@code m5v5}), then as a file.
 */
public final class ScenarioLoader {
    public static final List<String> BUILT_IN = List.of("3m", "5m", "m5v5", "m15v16", "5w", "w15v17", "2d_3z", "10m_13zg", "20m_30zg");
    private static final Set<String> TOP = Set.of("name", "description", "map", "time_limit_frames", "decision_interval", "jitter", "red", "blue", "reward");
    private static final Set<String> GROUP = Set.of("type", "count", "x", "y", "formation", "spacing", "columns");
    private static final Set<String> REWARD = Set.of("damage_dealt", "damage_taken", "kill", "death", "win", "loss", "credit");
    private static final Set<String> FORMATIONS = Set.of("line", "column", "grid");

    // Limits (docs/scenarios.md): every value finite and bounded, so that a hostile or mistyped
    // file is refused with its range instead of crashing, hanging or silently training on NaN.
    /** Largest scenario file (and scenario text inside a replay), in bytes. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** Largest map side in pixels: BWAPI's 256 tiles of 32 px. */
    public static final int MAX_MAP_PX = 256 * 32;
    /** Most units on one side. */
    public static final int MAX_UNITS_PER_SIDE = 1000;
    /** Most units in all: Brood War's unit table holds 1700. */
    public static final int MAX_UNITS = 1700;
    /** Longest time limit: about an hour of game time (23.81 frames/s). */
    public static final int MAX_TIME_LIMIT_FRAMES = 24 * 60 * 60;
    /** Largest start jitter, in pixels. */
    public static final double MAX_JITTER = 1024;
    /** Largest magnitude of a reward weight. */
    public static final double MAX_REWARD = 1000;

    private final GameData data;

    public ScenarioLoader(GameData data) {
        this.data = data;
    }

    public ScenarioLoader() {
        this(GameData.standard());
    }

    /** A built-in scenario by name or a scenario file by path. */
    public Scenario load(String nameOrPath) {
        if (BUILT_IN.contains(nameOrPath)) return builtIn(nameOrPath);
        Path p = Path.of(nameOrPath);
        if (!Files.isRegularFile(p)) {
            throw new BadInputException("scenario '" + nameOrPath + "' is neither a built-in scenario " + BUILT_IN + " nor a readable file");
        }
        try {
            long size = Files.size(p); // before reading, so that a huge file is never loaded
            if (size > MAX_FILE_BYTES) throw tooLarge(p.toString(), size);
            return parse(Files.readString(p, StandardCharsets.UTF_8), p.toString());
        } catch (IOException e) {
            throw new BadInputException("cannot read scenario file " + p + ": " + e.getMessage(), e);
        }
    }

    public Scenario builtIn(String name) {
        String res = "tsunami/bots/scenarios/" + name + ".yaml";
        try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(res)) {
            if (in == null) throw new BadInputException("no built-in scenario '" + name + "'; built-in: " + BUILT_IN);
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".yaml");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + res, e);
        }
    }

    /** Parses scenario text; {@code source} names the file in error messages. */
    public Scenario parse(String text, String source) {
        // a char is 1 to 3 UTF-8 bytes: count the bytes exactly only near the limit
        if (text.length() > MAX_FILE_BYTES) throw tooLarge(source, text.length()); // at least as many bytes as chars
        if (text.length() * 3L > MAX_FILE_BYTES) {
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_FILE_BYTES) throw tooLarge(source, bytes);
        }
        YamlNode root = YamlNode.parse(text, source).requireMap();
        root.allowOnly(TOP);
        String name = root.require("name").asText();
        YamlNode map = root.require("map").requireMap();
        map.allowOnly(Set.of("width", "height"));
        int w = map.require("width").asIntIn(1, MAX_MAP_PX, " px");
        int h = map.require("height").asIntIn(1, MAX_MAP_PX, " px");
        int limit = root.has("time_limit_frames") ? root.require("time_limit_frames").asIntIn(1, MAX_TIME_LIMIT_FRAMES, " frames") : 24 * 60 * 2;
        int interval = root.has("decision_interval") ? root.require("decision_interval").asIntIn(1, limit, " frames (the time limit)") : 8;
        double jitter = root.has("jitter") ? root.require("jitter").asDoubleIn(0, MAX_JITTER, " px") : 0;
        YamlNode redNode = root.require("red"), blueNode = root.require("blue");
        List<UnitGroup> red = groups(redNode, 0, w, h);
        List<UnitGroup> blue = groups(blueNode, 1, w, h);
        int total = red.stream().mapToInt(UnitGroup::count).sum() + blue.stream().mapToInt(UnitGroup::count).sum();
        if (total > MAX_UNITS) throw blueNode.error("too many units: " + total + " in all; at most " + MAX_UNITS);
        RewardSettings reward = RewardSettings.DEFAULT;
        YamlNode r = root.get("reward");
        if (r != null) {
            r.requireMap().allowOnly(REWARD);
            RewardSettings d = RewardSettings.DEFAULT;
            reward = new RewardSettings(weight(r, "damage_dealt", d.damageDealt()), weight(r, "damage_taken", d.damageTaken()),
                    weight(r, "kill", d.kill()), weight(r, "death", d.death()), weight(r, "win", d.win()), weight(r, "loss", d.loss()));
            YamlNode credit = r.get("credit");
            if (credit != null) {
                String c = credit.asText();
                if (!c.equals("team") && !c.equals("unit")) throw credit.error("reward credit must be 'team' or 'unit', got '" + c + "'");
                reward = reward.withUnitCredit(c.equals("unit"));
            }
        }
        return new Scenario(name, root.textOr("description", ""), w, h, limit, interval, jitter, red, blue, reward, text);
    }

    private static double weight(YamlNode reward, String field, double dflt) {
        YamlNode n = reward.get(field);
        return n == null ? dflt : n.asDoubleIn(-MAX_REWARD, MAX_REWARD, "");
    }

    private static BadInputException tooLarge(String source, long size) {
        return new BadInputException(source + ": scenario too large (" + size + " bytes or more; at most " + MAX_FILE_BYTES + ")");
    }

    private List<UnitGroup> groups(YamlNode side, int player, int w, int h) {
        List<YamlNode> items = side.requireList();
        if (items.isEmpty()) throw side.error("a side needs at least one unit group");
        List<UnitGroup> out = new ArrayList<>();
        int units = 0;
        for (YamlNode g : items) {
            g.requireMap().allowOnly(GROUP);
            YamlNode typeNode = g.require("type");
            UnitType type = data.find(typeNode.asText());
            if (type == null) {
                throw typeNode.error("unknown unit type '" + typeNode.asText() + "'; valid types: " + String.join(", ", data.unitTypeNames()));
            }
            YamlNode countNode = g.require("count");
            int count = countNode.asIntIn(1, MAX_UNITS_PER_SIDE, " units");
            units += count;
            if (units > MAX_UNITS_PER_SIDE) throw countNode.error("too many units on this side: " + units + "; at most " + MAX_UNITS_PER_SIDE);
            double x = g.require("x").asDoubleIn(0, w - 1, " px (on the map)");
            double y = g.require("y").asDoubleIn(0, h - 1, " px (on the map)");
            String formation = g.textOr("formation", "line");
            if (!FORMATIONS.contains(formation)) throw g.get("formation").error("unknown formation '" + formation + "'; expected one of " + FORMATIONS);
            double spacing = g.has("spacing") ? g.require("spacing").asDoubleIn(0, MAX_MAP_PX, " px") : Math.max(type.width(), type.height()) + 4;
            int columns = g.has("columns") ? g.require("columns").asIntIn(1, MAX_UNITS_PER_SIDE, "") : 5;
            UnitGroup group = new UnitGroup(type, count, x, y, formation, spacing, columns);
            requireOnMap(g, group, player, w, h);
            out.add(group);
        }
        return out;
    }

    /** Every unit of the formation, body included, must lie on the map (the arena would otherwise move it). */
    private static void requireOnMap(YamlNode node, UnitGroup g, int player, int w, int h) {
        double[] pos = new double[2 * g.count()];
        Scenario.groupPositions(g, player, pos, 0);
        UnitType t = g.type();
        double minX = t.dimLeft(), maxX = w - 1 - t.dimRight(), minY = t.dimUp(), maxY = h - 1 - t.dimDown();
        for (int i = 0; i < g.count(); i++) {
            double ux = pos[2 * i], uy = pos[2 * i + 1];
            if (!(ux >= minX && ux <= maxX && uy >= minY && uy <= maxY)) {
                throw node.error("the formation spills off the map: unit " + (i + 1) + " of " + g.count() + " would stand at ("
                        + Math.round(ux) + ", " + Math.round(uy) + "), but a " + t.name() + "'s centre must lie within x "
                        + (int) minX + ".." + (int) maxX + ", y " + (int) minY + ".." + (int) maxY
                        + " on this " + w + " x " + h + " px map; move the group or reduce its count or spacing");
            }
        }
    }
}
