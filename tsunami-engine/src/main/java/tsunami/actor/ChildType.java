package tsunami.actor;

/** Whether a child is a worker or itself a supervisor (changes the default shutdown). */
public enum ChildType { WORKER, SUPERVISOR }
