package tsunami.bots.heuristic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Replays store order codes: a code keeps its meaning whatever the enum's declaration order. */
class OrderTest {
    @Test
    void codesAreTheOnesReplaysWereWrittenWith() {
        assertEquals(0, Order.STOP.code());
        assertEquals(1, Order.MOVE.code());
        assertEquals(2, Order.ATTACK_UNIT.code());
        assertEquals(3, Order.ATTACK_MOVE.code());
        assertEquals(4, Order.HOLD_POSITION.code());
        for (Order o : Order.values()) assertSame(o, Order.of(o.code()));
    }

    @Test
    void anUnknownCodeIsRefused() {
        assertFalse(Order.isCode(-1));
        assertFalse(Order.isCode(Order.values().length));
        assertThrows(IllegalArgumentException.class, () -> Order.of(99));
    }
}
