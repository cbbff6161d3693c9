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
    private static final Set<String> REWARD = Set.of("damage_dealt", "damage_taken", "kill", "death", "win", "loss");
    private static final Set<String> FORMATIONS = Set.of("line", "column", "grid");

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
        YamlNode root = YamlNode.parse(text, source).requireMap();
        root.allowOnly(TOP);
        String name = root.require("name").asText();
        YamlNode map = root.require("map").requireMap();
        map.allowOnly(Set.of("width", "height"));
        int w = positive(map.require("width"));
        int h = positive(map.require("height"));
        int limit = root.has("time_limit_frames") ? positive(root.require("time_limit_frames")) : 24 * 60 * 2;
        int interval = root.has("decision_interval") ? positive(root.require("decision_interval")) : 8;
        double jitter = root.doubleOr("jitter", 0);
        if (jitter < 0) throw root.get("jitter").error("must be ≥ 0");
        List<UnitGroup> red = groups(root.require("red"), w, h);
        List<UnitGroup> blue = groups(root.require("blue"), w, h);
        RewardSettings reward = RewardSettings.DEFAULT;
        YamlNode r = root.get("reward");
        if (r != null) {
            r.requireMap().allowOnly(REWARD);
            RewardSettings d = RewardSettings.DEFAULT;
            reward = new RewardSettings(r.doubleOr("damage_dealt", d.damageDealt()), r.doubleOr("damage_taken", d.damageTaken()),
                    r.doubleOr("kill", d.kill()), r.doubleOr("death", d.death()), r.doubleOr("win", d.win()), r.doubleOr("loss", d.loss()));
        }
        return new Scenario(name, root.textOr("description", ""), w, h, limit, interval, jitter, red, blue, reward, text);
    }

    private List<UnitGroup> groups(YamlNode side, int w, int h) {
        List<YamlNode> items = side.requireList();
        if (items.isEmpty()) throw side.error("a side needs at least one unit group");
        List<UnitGroup> out = new ArrayList<>();
        for (YamlNode g : items) {
            g.requireMap().allowOnly(GROUP);
            YamlNode typeNode = g.require("type");
            UnitType type = data.find(typeNode.asText());
            if (type == null) {
                throw typeNode.error("unknown unit type '" + typeNode.asText() + "'; valid types: " + String.join(", ", data.unitTypeNames()));
            }
            int count = positive(g.require("count"));
            double x = g.require("x").asDouble();
            double y = g.require("y").asDouble();
            if (x < 0 || x >= w) throw g.get("x").error("must lie on the map, 0 ≤ x < " + w);
            if (y < 0 || y >= h) throw g.get("y").error("must lie on the map, 0 ≤ y < " + h);
            String formation = g.textOr("formation", "line");
            if (!FORMATIONS.contains(formation)) throw g.get("formation").error("unknown formation '" + formation + "'; expected one of " + FORMATIONS);
            double spacing = g.has("spacing") ? g.require("spacing").asDouble() : Math.max(type.width(), type.height()) + 4;
            int columns = g.intOr("columns", 5);
            if (columns <= 0) throw g.get("columns").error("must be positive");
            out.add(new UnitGroup(type, count, x, y, formation, spacing, columns));
        }
        return out;
    }

    private static int positive(YamlNode n) {
        int v = n.asInt();
        if (v <= 0) throw n.error("must be a positive whole number, got " + v);
        return v;
    }
}
