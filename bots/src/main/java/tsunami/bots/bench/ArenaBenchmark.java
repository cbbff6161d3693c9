package tsunami.bots.bench;

import tsunami.bots.arena.Arena;
import tsunami.bots.arena.ArenaEnvConfig;
import tsunami.bots.arena.ArenaEnvFactory;
import tsunami.bots.arena.ObservationLayout;
import tsunami.bots.data.GameData;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;
import tsunami.env.StepBatch;
import tsunami.env.VectorEnv;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The arena's speed on one core: game frames per second with both sides fighting under heuristic
 * control (red attack-closest, blue attack-move), and environment steps per second through the
 * {@link VectorEnv} contract (m5v5, frame-skip 8, observations and masks built, blue attack-move).
 * Rates are per second of the benchmark thread's CPU time.
 */
public final class ArenaBenchmark {
    public static final String RED = "attack-closest";
    public static final String BLUE = "attack-move";

    private final HeuristicRegistry registry = HeuristicRegistry.load();
    private final ScenarioLoader loader = new ScenarioLoader();
    private final double warmupSeconds, measureSeconds;

    public ArenaBenchmark(double warmupSeconds, double measureSeconds) {
        this.warmupSeconds = warmupSeconds;
        this.measureSeconds = measureSeconds;
    }

    /** Runs every figure; {@code progress} hears one line per figure. Keys are stable (scripts read them). */
    public Map<String, Double> run(Consumer<String> progress) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String sc : new String[]{"m5v5", "m15v16", "20m_30zg"}) {
            double fps = framesPerSecond(loader.load(sc));
            out.put(sc + "_frames_per_s", fps);
            progress.accept(String.format(java.util.Locale.ROOT, "%s: %,.0f frames/s", sc, fps));
        }
        double eps = envStepsPerSecond(loader.load("m5v5"), 64);
        out.put("m5v5_env_steps_per_s", eps);
        progress.accept(String.format(java.util.Locale.ROOT, "m5v5 env: %,.0f env steps/s", eps));
        return out;
    }

    public double framesPerSecond(Scenario s) {
        Arena a = new Arena(s, GameData.standard());
        a.setController(0, registry.create(RED));
        a.setController(1, registry.create(BLUE));
        long[] seed = {0};
        timed(warmupSeconds, () -> playOne(a, seed[0]++));
        return timed(measureSeconds, () -> playOne(a, seed[0]++));
    }

    private static long playOne(Arena a, long seed) {
        a.reset(seed);
        a.playOut();
        return a.getFrameCount();
    }

    public double envStepsPerSecond(Scenario s, int numEnvs) {
        var cfg = ArenaEnvConfig.of(s, () -> registry.create(BLUE));
        try (VectorEnv env = new ArenaEnvFactory(cfg).create(numEnvs, 1)) {
            StepBatch out = new StepBatch(env.spec());
            env.reset(1, out);
            int[] actions = new int[env.spec().agents()];
            int na = env.spec().numActions();
            long[] t = {0};
            // a fixed, cheap action pattern: mostly attack the nearest enemies, sometimes move
            Runnable step = () -> {
                long k = t[0]++;
                for (int i = 0; i < actions.length; i++) {
                    int r = (int) ((k * 31 + i * 17) % 16);
                    int a = r < 12 ? ObservationLayout.FIRST_ATTACK + (r % 2) : ObservationLayout.FIRST_MOVE + (r % 8);
                    actions[i] = a < na && out.actionMask[i * na + a] == 1 ? a : ObservationLayout.NO_OP;
                }
                env.step(actions, out);
            };
            timed(warmupSeconds, () -> { step.run(); return numEnvs; });
            return timed(measureSeconds, () -> { step.run(); return numEnvs; });
        }
    }

    /**
     * Repeats {@code work} (returning units done) for about {@code seconds} of this thread's CPU
     * time; units per CPU second. CPU time rather than wall time, so that other processes on a
     * shared machine do not halve the figure (on a quiet machine the two agree).
     */
    private static double timed(double seconds, java.util.function.LongSupplier work) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        boolean cpu = mx.isCurrentThreadCpuTimeSupported();
        java.util.function.LongSupplier clock = cpu ? mx::getCurrentThreadCpuTime : System::nanoTime;
        long budget = (long) (seconds * 1e9);
        long wallStart = System.nanoTime();
        long start = clock.getAsLong(), units = 0, now;
        do {
            for (int i = 0; i < 16; i++) units += work.getAsLong();
            now = clock.getAsLong();
            // on a very busy machine, give up after 3x the budget in wall time (the run must end within a minute)
        } while (now - start < budget && System.nanoTime() - wallStart < 3 * budget);
        return units / ((now - start) / 1e9);
    }
}
