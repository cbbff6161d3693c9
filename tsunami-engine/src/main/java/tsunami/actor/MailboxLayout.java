package tsunami.actor;

import java.util.ArrayDeque;

/**
 * Field layout of a process's mailbox, split over a class chain so that the fields the receiving
 * thread writes on every message ({@code head}) and those every sender writes ({@code tail},
 * {@code count}) sit on different cache lines. Without the padding, a producer and a consumer on two
 * cores invalidate each other's line on every message (false sharing). The JVM lays out superclass
 * fields before subclass fields, which is what makes the padding hold.
 */
final class MailboxLayout {
    private MailboxLayout() {
    }

    /** A queue node; {@code next} is written by the sender that appended after it. */
    static final class Node {
        Object value;
        volatile Node next;

        Node(Object value) { this.value = value; }
    }

    /** Written by the receiving thread only. */
    abstract static class Head {
        Node head;
        int pendingDecrement;
        ArrayDeque<Object> saved;
    }

    abstract static class Padding extends Head {
        long p0, p1, p2, p3, p4, p5, p6, p7;
    }

    /** Written by senders. */
    abstract static class Tail extends Padding {
        volatile Node tail;
        volatile int count; // queued + saved; over-estimates by at most the receiver's decrement batch
    }
}
