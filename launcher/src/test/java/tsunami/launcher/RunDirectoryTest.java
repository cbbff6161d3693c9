package tsunami.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tsunami.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunDirectoryTest {
    @Test
    void aSecondTrainingOnAHeldRunDirectoryIsRefusedNamingTheHolder(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        try (RunDirectory held = RunDirectory.create(dir, Map.of("scenario", "m5v5"))) {
            String pid = Long.toString(ProcessHandle.current().pid());
            TrainCommandTest.Outcome o = TrainCommandTest.monkey("train", "--resume", "--run-dir", dir.toString(), "--frames", "100");
            assertEquals(2, o.code(), o.err());
            assertTrue(o.err().contains("in use by another training (pid " + pid + ")"), o.err());
            BadInputException e = assertThrows(BadInputException.class, () -> RunDirectory.open(dir));
            assertTrue(e.getMessage().contains("pid " + pid), e.getMessage());
            assertEquals("scenario=m5v5", Files.readAllLines(dir.resolve(RunDirectory.CONFIG)).get(1), "nothing was changed");
        }
        // released: the run can be taken again
        RunDirectory.open(dir).close();
    }

    @Test
    void takingARunDirectoryRemovesStaleTemporaries(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        RunDirectory.create(dir, Map.of("scenario", "m5v5")).close();
        Path stale = dir.resolve(".summary.txt.tmp");
        Path staleCkpt = dir.resolve("checkpoints").resolve(".ckpt-000000000007.tsck.123.tmp");
        Files.writeString(stale, "x");
        Files.writeString(staleCkpt, "x");
        RunDirectory.open(dir).close();
        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(staleCkpt));
    }

    @Test
    void logsAreTrimmedToTheCheckpointsVersion(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        try (RunDirectory run = RunDirectory.create(dir, Map.of("scenario", "m5v5"))) {
            Files.writeString(run.metrics(), TrainCommand.METRICS_HEADER + "\n1,10\n2,20\n3,30\n4,40\n5,5");   // 5 is torn
            Files.writeString(dir.resolve("timing.csv"), TrainCommand.TIMING_HEADER + "\n1,0.1\n3,0.3\n4,0.4\n");
            assertEquals(3 + 2, run.trimLogsTo(2));   // metrics 3, 4, torn 5; timing 3, 4
            assertEquals(TrainCommand.METRICS_HEADER + "\n1,10\n2,20\n", Files.readString(run.metrics()));
            assertEquals(TrainCommand.TIMING_HEADER + "\n1,0.1\n", Files.readString(dir.resolve("timing.csv")));
            assertEquals(0, run.trimLogsTo(2));
        }
    }
}
