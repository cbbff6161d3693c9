package tsunami.bots.bwapi;

import tsunami.BadInputException;
import tsunami.bots.arena.ArenaEnvConfig;
import tsunami.bots.arena.ObservationEncoder;
import tsunami.bots.arena.ObservationLayout;
import tsunami.learn.Evaluator;
import tsunami.learn.PolicyConfig;
import tsunami.learn.PolicyNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * A trained policy playing as a BWAPI bot: every decision interval it reads each of its units'
 * observation from the BWAPI game ({@link ObservationEncoder}, the encoding it was trained on),
 * runs the network once for all of them and takes the most probable legal action. Like the
 * arena's environment, it sees every unit: it asks for complete map information at the start.
 */
public final class PolicyBot implements BwapiBot {
    private final PolicyNetwork net;
    private final ArenaEnvConfig env;
    private final ObservationEncoder encoder;
    private final ObservationLayout layout;
    private final boolean attacksInRange;
    private BwapiGameView view;
    private int[] agents = new int[0];
    private float[] obs, probs;
    private byte[] mask;
    private int[] slotEnemy;

    /** @param attacksInRange the policy was trained with attack actions legal only on enemies in range */
    public PolicyBot(PolicyConfig config, float[] params, ArenaEnvConfig env, boolean attacksInRange) {
        this.env = env;
        this.layout = env.layout();
        if (config.observationSize() != layout.size() || config.numActions() != layout.numActions()) {
            throw new BadInputException("the checkpoint's network takes " + config.observationSize() + " observations and "
                    + config.numActions() + " actions; scenario " + env.scenario().name() + " gives " + layout.size() + " and " + layout.numActions());
        }
        this.encoder = new ObservationEncoder(layout, env.scenario().unitTypes());
        this.attacksInRange = attacksInRange;
        this.net = new PolicyNetwork(config);
        net.setParams(params);
    }

    @Override
    public void onStart(BwapiGame game) {
        game.enableFlag(Bwapi.FLAG_COMPLETE_MAP_INFORMATION);
        view = new BwapiGameView(game, env.data());
        List<Integer> mine = new ArrayList<>();
        for (int u = 0; u < view.getUnitCount(); u++) if (view.exists(u) && view.getPlayer(u) == game.self()) mine.add(u);
        agents = mine.stream().mapToInt(Integer::intValue).toArray();
        obs = new float[agents.length * layout.size()];
        probs = new float[agents.length * layout.numActions()];
        mask = new byte[agents.length * layout.numActions()];
        slotEnemy = new int[agents.length * layout.nearestEnemies()];
    }

    @Override
    public void onFrame(BwapiGame game) {
        if (agents.length == 0 || game.frameCount() % env.frameSkip() != 0) return;
        int o = layout.size(), a = layout.numActions(), ke = layout.nearestEnemies();
        for (int i = 0; i < agents.length; i++) {
            encoder.encode(view, agents[i], obs, i * o, mask, i * a, slotEnemy, i * ke);
            if (attacksInRange) layout.restrictAttacksToRange(obs, i * o, mask, i * a);
        }
        net.forward(obs, mask, agents.length, probs, null, null);
        for (int i = 0; i < agents.length; i++) {
            int act = Evaluator.argmax(probs, i * a, a, mask);
            encoder.act(view, view, agents[i], act, slotEnemy, i * ke, env.moveDistance());
        }
    }
}
