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

    @Test
    void aLogWhoseColumnsCannotBeMappedIsSetAsideWhole(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        try (RunDirectory run = RunDirectory.create(dir, Map.of("scenario", "m5v5"))) {
            String dropped = "version,frames,old_column\n1,10,7\n2,20,8\n";   // a column this build does not write
            Files.writeString(run.metrics(), dropped);
            String done = run.alignLogHeader(RunDirectory.METRICS, "version,frames,win_rate");
            assertTrue(done.contains("kept as metrics-1.csv"), done);
            assertEquals(dropped, Files.readString(dir.resolve("metrics-1.csv")));
            assertFalse(Files.exists(run.metrics()), "a new metrics.csv starts with the next row");

            String torn = "version,frames\n1,10\n2,20,0.5,9\n";   // a row of neither width
            Files.writeString(run.metrics(), torn);
            assertTrue(run.alignLogHeader(RunDirectory.METRICS, "version,frames,win_rate").contains("metrics-2.csv"));
            assertEquals(torn, Files.readString(dir.resolve("metrics-2.csv")));

            // mapped by name, whatever the order; rows already at the new width are kept as written
            Files.writeString(run.metrics(), "frames,version\n10,1\n2,20,0.5\n");
            assertTrue(run.alignLogHeader(RunDirectory.METRICS, "version,frames,win_rate").contains("2 rows are kept"));
            assertEquals("version,frames,win_rate\n1,10,\n2,20,0.5\n", Files.readString(run.metrics()));
            assertEquals(null, run.alignLogHeader(RunDirectory.METRICS, "version,frames,win_rate"), "already aligned");
        }
    }
}
