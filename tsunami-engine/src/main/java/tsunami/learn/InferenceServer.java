package tsunami.learn;

import tsunami.actor.Behavior;
import tsunami.actor.Call;
import tsunami.actor.ProcessContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The inference server process: answers the action requests of all env workers, gathering
 * every request waiting in its mailbox into one network call (DL4J costs a few hundred
 * microseconds per call whatever the batch, so batching is what makes acting fast). Before each
 * call it loads the newest published parameters if the version moved.
 */
public final class InferenceServer implements Behavior {
    public static final String NAME = "inference";

    private final PolicyConfig config;
    private final ParameterFeed parameters;
    private final TrainingMetrics metrics;
    private final int maxAgents;

    public InferenceServer(PolicyConfig config, ParameterFeed parameters, TrainingMetrics metrics, int maxAgents) {
        this.config = config;
        this.parameters = parameters;
        this.metrics = metrics;
        this.maxAgents = maxAgents;
    }

    @Override
    public void run(ProcessContext self) {
        self.label("inference");
        PolicyNetwork net = new PolicyNetwork(config);
        long loaded = -1;
        int o = config.observationSize(), a = config.numActions();
        float[] obs = new float[0];
        byte[] mask = new byte[0];
        float[] probs = new float[0];
        List<Call> batch = new ArrayList<>();
        while (true) {
            batch.clear();
            Call first = self.receive(Call.class, c -> c.request() instanceof ActRequest, Duration.ofDays(365)).orElseThrow();
            batch.add(first);
            int agents = ((ActRequest) first.request()).agents();
            while (agents < maxAgents) {
                Optional<Call> more = self.receive(Call.class, c -> c.request() instanceof ActRequest, Duration.ZERO);
                if (more.isEmpty()) break;
                batch.add(more.get());
                agents += ((ActRequest) more.get().request()).agents();
            }
            ParameterSnapshot snap = parameters.latest();
            if (snap.version() != loaded) {
                net.setParams(snap.params());
                loaded = snap.version();
            }
            if (obs.length < agents * o) {
                obs = new float[agents * o];
                mask = new byte[agents * a];
                probs = new float[agents * a];
            }
            int at = 0;
            for (Call c : batch) {
                ActRequest r = (ActRequest) c.request();
                System.arraycopy(r.observations(), 0, obs, at * o, r.agents() * o);
                System.arraycopy(r.masks(), 0, mask, at * a, r.agents() * a);
                at += r.agents();
            }
            long t0 = System.nanoTime();
            net.forward(obs, mask, agents, probs, null, null);
            metrics.recordInference(agents, System.nanoTime() - t0);
            at = 0;
            for (Call c : batch) {
                ActRequest r = (ActRequest) c.request();
                float[] mine = new float[r.agents() * a];
                System.arraycopy(probs, at * a, mine, 0, mine.length);
                at += r.agents();
                self.reply(c, new ActReply(mine, loaded));
            }
        }
    }
}
