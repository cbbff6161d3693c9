package tsunami.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProcessTableTest {
    private static ActorProcess proc(long id) {
        return new ActorProcess(null, new Pid("t", id), self -> { }, SpawnOptions.DEFAULT);
    }

    @Test
    void entriesAreFoundRemovedOnceAndFinishedRangesReleased() {
        ProcessTable t = new ProcessTable();
        int n = 3 * 4096 + 10; // ids 1..n span four chunks
        List<ActorProcess> ps = new ArrayList<>();
        for (long id = 1; id <= n; id++) {
            ActorProcess p = proc(id);
            ps.add(p);
            t.put(id, p);
        }
        assertEquals(n, t.size());
        assertEquals(4, t.chunks());
        assertSame(ps.get(4095), t.get(4096));
        assertNull(t.get(n + 1));
        assertNull(t.get(1L << 40));
        List<ActorProcess> seen = new ArrayList<>();
        t.forEach(seen::add);
        assertEquals(n, seen.size());

        assertFalse(t.remove(5, ps.get(6)), "only the entry's own process may remove it");
        for (long id = 1; id < 2 * 4096; id++) assertTrue(t.remove(id, ps.get((int) id - 1)));
        assertFalse(t.remove(1, ps.get(0)), "removed once only");
        assertNull(t.get(1));
        assertEquals(2, t.chunks(), "the two fully finished ranges are released");
        assertEquals(n - (2 * 4096 - 1), t.size());
        assertSame(ps.get(n - 1), t.get(n));
    }
}
