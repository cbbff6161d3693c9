package tsunami.learn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TeacherScheduleTest {
    @Test
    void theWeightMovesLinearlyToItsFinalValueAndStays() {
        TeacherSchedule s = new TeacherSchedule(1.0, 0.2, 1_000);
        assertEquals(1.0, s.weightAt(0), 1e-12);
        assertEquals(0.6, s.weightAt(500), 1e-12);
        assertEquals(0.2, s.weightAt(1_000), 1e-12);
        assertEquals(0.2, s.weightAt(50_000), 1e-12);
        assertEquals(0.0, TeacherSchedule.NONE.weightAt(0));
        assertEquals(0.0, TeacherSchedule.NONE.weightAt(10_000));
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TeacherSchedule(-1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new TeacherSchedule(1, Double.NaN, 10));
        assertThrows(IllegalArgumentException.class, () -> new TeacherSchedule(Double.POSITIVE_INFINITY, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new TeacherSchedule(1, 0, 0));
    }
}
