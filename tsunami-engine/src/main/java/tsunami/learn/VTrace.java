package tsunami.learn;

/**
 * V-trace off-policy targets (Espeholt et al. 2018, IMPALA, eq. 1 and section 4.2), in plain Java.
 *
 * <p>Arrays are time-major: entry {@code t * n + i} is step {@code t} of sequence {@code i}.
 * With importance ratios {@code r_t = pi(a_t|x_t) / mu(a_t|x_t)}, {@code rho_t = min(rhoBar, r_t)},
 * {@code c_t = min(cBar, r_t)} and {@code delta_t = rho_t (r_t + gamma_t V(x_{t+1}) - V(x_t))}:
 * <pre>
 *   v_s - V(x_s) = delta_s + gamma_s c_s (v_{s+1} - V(x_{s+1}))      (backwards from v_T = V(x_T))
 *   A_s          = rho_s (r_s + gamma_s v_{s+1} - V(x_s))             (policy-gradient advantage)
 * </pre>
 * where {@code gamma_t} is the per-step discount (0 where the sequence ends, which cuts both the
 * bootstrap and the trace).
 */
public final class VTrace {
    private VTrace() {
    }

    /**
     * v_s targets and policy-gradient advantages for T steps of n sequences; {@code unweighted} is
     * {@code r_s + gamma_s v_{s+1} - V(x_s)}, the advantage before the importance weight rho_s, for
     * a loss that weighs by the ratio itself (PPO's clipped surrogate).
     */
    public record Result(float[] vs, float[] advantages, float[] unweighted) {
    }

    /**
     * @param behaviourLogp log mu(a_t|x_t), the acting policy's log-probability of the taken action
     * @param targetLogp    log pi(a_t|x_t) under the parameters being learned
     * @param rewards       r_t
     * @param discounts     gamma_t (0 at the end of a sequence)
     * @param values        V(x_t) under the learned parameters
     * @param bootstrap     V(x_T) for each sequence
     */
    public static Result compute(int steps, int n, float[] behaviourLogp, float[] targetLogp, float[] rewards,
                                 float[] discounts, float[] values, float[] bootstrap, double rhoBar, double cBar) {
        int len = steps * n;
        if (behaviourLogp.length < len || targetLogp.length < len || rewards.length < len || discounts.length < len
                || values.length < len || bootstrap.length < n) {
            throw new IllegalArgumentException("V-trace inputs shorter than steps × sequences = " + len);
        }
        float[] vs = new float[len];
        float[] adv = new float[len];
        float[] unweighted = new float[len];
        for (int i = 0; i < n; i++) {
            double nextValue = bootstrap[i];     // V(x_{t+1})
            double nextVs = bootstrap[i];        // v_{t+1}
            double acc = 0;                      // v_{t+1} - V(x_{t+1})
            for (int t = steps - 1; t >= 0; t--) {
                int k = t * n + i;
                double ratio = Math.exp(Math.min(targetLogp[k] - behaviourLogp[k], 30.0));  // cap: no overflow to infinity
                double rho = Math.min(rhoBar, ratio);
                double c = Math.min(cBar, ratio);
                double gamma = discounts[k];
                double v = values[k];
                double delta = rho * (rewards[k] + gamma * nextValue - v);
                acc = delta + gamma * c * acc;
                double vsT = v + acc;
                vs[k] = (float) vsT;
                double q = rewards[k] + gamma * nextVs - v;
                unweighted[k] = (float) q;
                adv[k] = (float) (rho * q);
                nextValue = v;
                nextVs = vsT;
            }
        }
        return new Result(vs, adv, unweighted);
    }
}
