package tsunami.launcher;

import org.junit.jupiter.api.Test;
import tsunami.learn.Checkpoint;
import tsunami.learn.ParameterSnapshot;
import tsunami.learn.PolicyConfig;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A checkpoint played on another scenario than its own is allowed, and said out loud. */
class CheckpointScenarioWarningTest {
    private static String stderrOf(Runnable r) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anotherScenarioIsNamedBesideTheOneTrainedOn() {
        PolicyConfig config = PolicyConfig.defaults(4, 3).withHidden(2);
        float[] p = new float[config.numParams()];
        Checkpoint c = new Checkpoint(config, new ParameterSnapshot(1, p, p, p, 0), Map.of(), Map.of("scenario", "m5v5"));
        String warned = stderrOf(() -> EvalCommand.warnIfOtherScenario(c, "5m"));
        assertTrue(warned.contains("'m5v5'") && warned.contains("'5m'"), warned);
        assertEquals("", stderrOf(() -> EvalCommand.warnIfOtherScenario(c, "m5v5")));
    }
}
