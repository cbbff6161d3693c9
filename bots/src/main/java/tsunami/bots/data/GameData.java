package tsunami.bots.data;

import tsunami.BadInputException;
import tsunami.bots.yaml.YamlNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The BW unit and weapon table the arena plays with, read from {@code tsunami/bots/data/units.yaml}
 * (sourced from BWAPI 4.4.0). Immutable; {@link #standard()} is loaded once.
 */
public final class GameData {
    public static final String RESOURCE = "tsunami/bots/data/units.yaml";

    private static volatile GameData standard;

    private final List<UnitType> unitTypes;
    private final Map<String, UnitType> byName;
    private final Map<String, WeaponType> weapons;
    /** [DamageType.ordinal()][UnitSize.ordinal()] → ratio ×256. */
    private final int[][] damageRatio;

    private GameData(List<UnitType> unitTypes, Map<String, WeaponType> weapons, int[][] damageRatio) {
        this.unitTypes = List.copyOf(unitTypes);
        this.weapons = Map.copyOf(weapons);
        this.damageRatio = damageRatio;
        Map<String, UnitType> m = new LinkedHashMap<>();
        for (UnitType t : unitTypes) m.put(t.name(), t);
        this.byName = m;
    }

    public static GameData standard() {
        GameData d = standard;
        if (d == null) {
            synchronized (GameData.class) {
                d = standard;
                if (d == null) standard = d = load();
            }
        }
        return d;
    }

    private static GameData load() {
        try (InputStream in = GameData.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a unit data file in the format of {@link #RESOURCE}. */
    public static GameData parse(String text, String source) {
        YamlNode root = YamlNode.parse(text, source).requireMap();
        int[][] ratio = new int[DamageType.values().length][UnitSize.values().length];
        YamlNode dr = root.require("damage_ratio");
        for (DamageType dt : DamageType.values()) {
            YamlNode row = dr.require(dt.name().toLowerCase(Locale.ROOT));
            for (UnitSize s : UnitSize.values()) ratio[dt.ordinal()][s.ordinal()] = row.require(s.name().toLowerCase(Locale.ROOT)).asInt();
        }
        Map<String, WeaponType> weapons = new LinkedHashMap<>();
        YamlNode ws = root.require("weapons");
        for (String name : ws.keys()) {
            YamlNode w = ws.get(name);
            SplashKind splash = enumOf(SplashKind.class, w.get("splash"), SplashKind.NONE);
            int[] radii = new int[0];
            if (splash == SplashKind.ENEMY) {
                List<YamlNode> r = w.require("splash_radii").requireList();
                if (r.size() != 3) throw w.require("splash_radii").error("expected [inner, median, outer]");
                radii = new int[]{r.get(0).asInt(), r.get(1).asInt(), r.get(2).asInt()};
            }
            weapons.put(name, new WeaponType(name, w.require("damage").asInt(), w.require("factor").asInt(),
                    w.require("cooldown").asInt(), enumOf(DamageType.class, w.require("type"), null),
                    w.require("min_range").asInt(), w.require("max_range").asInt(),
                    w.require("ground").asBoolean(), w.require("air").asBoolean(), splash, radii,
                    w.intOr("bounces", 0), w.intOr("bounce_range", 0), w.intOr("hit_delay", 0),
                    w.intOr("hit_gap", 0), enumOf(WeaponType.Bullet.class, w.get("bullet"), WeaponType.Bullet.INSTANT),
                    w.intOr("bullet_speed_256", 0), w.intOr("bullet_accel_256", 0)));
            WeaponType made = weapons.get(name);
            if (made.bullet() != WeaponType.Bullet.INSTANT && (made.bulletSpeed256() <= 0 || made.bulletAccel256() <= 0)) {
                throw w.error("a flying bullet needs bullet_speed_256 and bullet_accel_256 > 0");
            }
        }
        List<UnitType> types = new ArrayList<>();
        YamlNode us = root.require("units");
        for (String name : us.keys()) {
            YamlNode u = us.get(name);
            List<YamlNode> dims = u.require("dimensions").requireList();
            if (dims.size() != 4) throw u.require("dimensions").error("expected [left, up, right, down]");
            types.add(new UnitType(types.size(), name, u.require("hp").asInt(), u.require("shields").asInt(),
                    u.require("armor").asInt(), enumOf(UnitSize.class, u.require("size"), null),
                    u.require("flyer").asBoolean(), u.require("organic").asBoolean(),
                    dims.get(0).asInt(), dims.get(1).asInt(), dims.get(2).asInt(), dims.get(3).asInt(),
                    u.require("seek_range").asInt(), u.require("sight").asInt(), u.require("top_speed").asDouble(),
                    u.require("acceleration").asInt(), u.require("halt_distance").asInt(), u.require("turn_rate").asInt(),
                    weapon(weapons, u.get("ground_weapon")), u.intOr("ground_hits", 0),
                    weapon(weapons, u.get("air_weapon")), u.intOr("air_hits", 0),
                    u.intOr("max_energy", 0), u.intOr("start_energy", 0),
                    u.intOr("heal_per_frame_256", 0), u.intOr("heal_range", 0),
                    u.boolOr("regenerates_hp", false)));
        }
        return new GameData(types, weapons, ratio);
    }

    private static WeaponType weapon(Map<String, WeaponType> weapons, YamlNode n) {
        if (n == null) return null;
        WeaponType w = weapons.get(n.asText());
        if (w == null) throw n.error("unknown weapon '" + n.asText() + "'; known: " + weapons.keySet());
        return w;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> cls, YamlNode n, E dflt) {
        if (n == null) return dflt;
        try {
            return Enum.valueOf(cls, n.asText().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw n.error("unknown value '" + n.asText() + "'");
        }
    }

    public List<UnitType> unitTypes() { return unitTypes; }

    public Set<String> unitTypeNames() { return byName.keySet(); }

    public Map<String, WeaponType> weapons() { return weapons; }

    /** The type named exactly as in BWAPI ("Terran_Marine"), or null. */
    public UnitType find(String name) { return byName.get(name); }

    /** The type named {@code name}; throws a {@link BadInputException} listing the valid names. */
    public UnitType require(String name) {
        UnitType t = byName.get(name);
        if (t == null) throw new BadInputException("unknown unit type '" + name + "'; valid types: " + String.join(", ", byName.keySet()));
        return t;
    }

    /** Damage ratio ×256 of a damage type against a size (explosive vs small = 128). */
    public int damageRatio(DamageType type, UnitSize size) {
        return damageRatio[type.ordinal()][size.ordinal()];
    }
}
