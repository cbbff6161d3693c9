package tsunami.actor;

import java.util.ArrayDeque;

/**
 * Field layout of a process's mailbox, split over a class chain so that the fields the receiving
 * thread writes on every message (head) and those every sender writes (tail, count) sit on different
 * cache lines. Without the padding, a producer and a consumer on two cores invalidate each other's
 * line on every message (false sharing). The JVM keeps superclass fields before subclass fields,
 * which is what makes the padding hold.
 */
abstract class MailboxFields {
    /** A queue node; {@code next} is written by the producer that appended after it. */
    static final class Node {
        Object value;
        volatile Node next;

        Node(Object value) { this.value = value; }
    }

    // written by the receiving thread only
    Node head;
    int pendingDecrement;
    ArrayDeque<Object> saved;
}

abstract class MailboxPadding extends MailboxFields {
    long p0, p1, p2, p3, p4, p5, p6, p7;
}

abstract class MailboxTail extends MailboxPadding {
    // written by senders
    volatile Node tail;
    volatile int count; // queued + saved; over-estimates by at most the receiver's decrement batch
}
