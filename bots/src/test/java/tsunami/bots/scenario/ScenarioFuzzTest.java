package tsunami.bots.scenario;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tsunami.BadInputException;
import tsunami.bots.replay.Replay;
import tsunami.bots.replay.ReplayFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Property-based fuzzing of the scenario loader (issue 17): random mutations of valid scenario
 * text either load or are refused with {@link BadInputException}; nothing else escapes, nothing hangs.
 */
class ScenarioFuzzTest {
    private static final ScenarioLoader LOADER = new ScenarioLoader();
    private static final List<String> SEEDS = seeds();
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final List<String> HOSTILE_NUMBERS = List.of("NaN", "Infinity", "-Infinity", "-5", "0", "-0", "1e300", "-1e300",
            "2147483647", "2147483648", "-2147483648", "99999999999999999999999999", "1000000", "0x10", ".5", "1e-320", "4.9e-324",
            "\"12\"", "[1, 2]", "{a: 1}", "~", "");

    private static List<String> seeds() {
        List<String> out = new ArrayList<>();
        for (String name : ScenarioLoader.BUILT_IN) {
            try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream("tsunami/bots/scenarios/" + name + ".yaml")) {
                out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Parses; only BadInputException may escape, and a hang fails after a generous deadline. */
    private static void parseOrRefuse(String text) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                LOADER.parse(text, "fuzz.yaml");
            } catch (BadInputException expected) {
                // a clear refusal is the other allowed outcome
            }
        });
    }

    @Property(tries = 400)
    void hostileNumbers(@ForAll("numberMutations") String text) {
        parseOrRefuse(text);
    }

    @Property(tries = 300)
    void truncatedText(@ForAll("seed") String seed, @ForAll("fraction") double at) {
        parseOrRefuse(seed.substring(0, (int) (seed.length() * at)));
    }

    @Property(tries = 400)
    void randomBytes(@ForAll("seed") String seed, @ForAll("fraction") double at, @ForAll("noise") String noise) {
        int i = (int) (seed.length() * at);
        parseOrRefuse(seed.substring(0, i) + noise + seed.substring(Math.min(seed.length(), i + noise.length() / 2)));
    }

    @Property(tries = 100)
    void replaysCarryingMutatedScenarios(@ForAll("numberMutations") String text) {
        Replay r = new Replay("fuzz.yaml", text, 1, "a", "b", new int[0], new long[0], 0, 0);
        byte[] bytes = ReplayFile.encode(r);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                ReplayFile.decode(bytes, "fuzz.tsr");
            } catch (BadInputException expected) {
                // refused clearly
            }
        });
    }

    @Provide
    Arbitrary<String> seed() {
        return Arbitraries.of(SEEDS);
    }

    @Provide
    Arbitrary<Double> fraction() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<String> noise() {
        // raw bytes decoded as text (invalid UTF-8 becomes U+FFFD), as a damaged file would be
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64)
                .map(b -> new String(b, StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> numberMutations() {
        return Combinators.combine(seed(), Arbitraries.integers().between(0, 1000), Arbitraries.of(HOSTILE_NUMBERS),
                Arbitraries.integers().between(1, 3)).as((s, which, value, times) -> {
            String out = s;
            for (int t = 0; t < times; t++) out = replaceNumber(out, which * (t + 1), value);
            return out;
        });
    }

    /** Replaces the {@code which}-th number (modulo how many there are) with {@code value}. */
    private static String replaceNumber(String text, int which, String value) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) spans.add(new int[]{m.start(), m.end()});
        if (spans.isEmpty()) return text;
        int[] s = spans.get(which % spans.size());
        return text.substring(0, s[0]) + value + text.substring(s[1]);
    }
}
