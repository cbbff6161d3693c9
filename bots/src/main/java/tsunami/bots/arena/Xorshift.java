package tsunami.bots.arena;

/**
 * The arena's only source of randomness (start jitter, update order, BW's cooldown variation...):
 * xorshift64* seeded through splitmix64, so that a seed gives the same game on every JVM.
 */
final class Xorshift {
    private long state;

    void seed(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        state = z == 0 ? 0x2545F4914F6CDD1DL : z;
    }

    long nextLong() {
        long s = state;
        s ^= s >>> 12;
        s ^= s << 25;
        s ^= s >>> 27;
        state = s;
        return s * 0x2545F4914F6CDD1DL;
    }

    /** Uniform in [0, 1). */
    float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in 0..3. */
    int nextInt4() {
        return (int) (nextLong() >>> 62);
    }

    /** The generator's state, folded into {@link Arena#stateHash}. */
    long state() {
        return state;
    }
}
