package tsunami.actor;

/** countChildren: child specs, running children, and how many of the specs are supervisors / workers. */
public record ChildCounts(int specs, int active, int supervisors, int workers) {
}
