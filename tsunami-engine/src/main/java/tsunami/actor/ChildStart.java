package tsunami.actor;

/**
 * Starts one child from inside its supervisor: must spawn it linked to the supervisor (spawnLink)
 * and return its pid. {@code arg} is the argument of a simple_one_for_one startChild, null otherwise.
 */
@FunctionalInterface
public interface ChildStart {
    Pid start(ProcessContext supervisor, Object arg) throws Exception;
}
