package tsunami.actor;

/**
 * A reference unique across nodes (node name + a per-system counter): tags monitors, calls and
 * timers so that a Down, Reply or timer message can be matched to what created it.
 */
public record Ref(String node, long id) {
    @Override
    public String toString() {
        return "#Ref<" + node + "." + id + ">";
    }
}
