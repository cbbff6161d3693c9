package tsunami.actor;

/** The body of a process. Returning exits with {@code normal}; throwing exits with {@code crash(e)}. */
@FunctionalInterface
public interface Behavior {
    void run(ProcessContext self) throws Exception;
}
