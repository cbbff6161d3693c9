package tsunami.actor;

/** Kernel-internal: the callee of the pending call {@code ref} exited before replying. Never seen by behaviours. */
record CallDown(Ref ref, ExitReason reason) {
}
