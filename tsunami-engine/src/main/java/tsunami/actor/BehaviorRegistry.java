package tsunami.actor;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Named behaviour factories a node is willing to spawn on request from another node. Remote spawn
 * names an entry here (never a class name from the wire); the factory turns the (decoded) argument
 * into a {@link Behavior}.
 */
public final class BehaviorRegistry {
    private final Map<String, Function<Object, Behavior>> factories = new ConcurrentHashMap<>();

    /** Register {@code factory} under {@code name}; fails if the name is already taken. */
    public void register(String name, Function<Object, Behavior> factory) {
        if (factories.putIfAbsent(name, factory) != null) {
            throw new IllegalStateException("behaviour name already registered: " + name);
        }
    }

    public Optional<Function<Object, Behavior>> lookup(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    public Set<String> names() {
        return Set.copyOf(factories.keySet());
    }
}
