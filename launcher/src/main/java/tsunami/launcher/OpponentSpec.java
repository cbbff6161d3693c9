package tsunami.launcher;

import tsunami.BadInputException;
import tsunami.bots.arena.ArenaEnvConfig;
import tsunami.bots.arena.ObservationLayout;
import tsunami.bots.arena.OpponentPool;
import tsunami.bots.arena.PolicyOpponent;
import tsunami.bots.heuristic.Heuristic;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.learn.Checkpoint;
import tsunami.learn.CheckpointStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What {@code --opponent} names: one opponent or a weighted pool, comma-separated, each member
 * optionally followed by {@code :WEIGHT} (default 1; weights need not sum to 1):
 * <ul>
 *   <li>a heuristic's name ({@code attack-move});</li>
 *   <li>{@code policy:RUN} (a run directory, its checkpoints folder or a checkpoint file): that
 *       checkpoint's greedy policy; {@code policy-sampled:RUN} samples its actions;</li>
 *   <li>{@code league}: the training run's own past checkpoints ({@link CheckpointLeague}), sampled.</li>
 * </ul>
 * Example: {@code attack-move:0.5,attack-closest:0.25,policy:runs/x:0.25}. Every game draws one
 * member by weight ({@link OpponentPool}).
 */
record OpponentSpec(String text, List<Member> members) {
    static final String POLICY = "policy", POLICY_SAMPLED = "policy-sampled", LEAGUE = "league";

    enum Kind { HEURISTIC, POLICY, POLICY_SAMPLED, LEAGUE }

    /** One member: its kind, its argument (heuristic name or checkpoint path; empty for the league), its weight, as written. */
    record Member(Kind kind, String argument, double weight, String written) {
    }

    /** Parses the syntax; names and checkpoints are checked by {@link #supplier}. */
    static OpponentSpec parse(String text) {
        if (text == null || text.isBlank()) throw new BadInputException("--opponent is empty");
        List<Member> members = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String item = raw.strip();
            if (item.isEmpty()) throw new BadInputException("--opponent '" + text + "': an empty member (two commas, or one at an end)");
            members.add(member(text, item));
        }
        return new OpponentSpec(text, List.copyOf(members));
    }

    private static Member member(String text, String item) {
        String body = item;
        double weight = 1;
        int colon = item.lastIndexOf(':');
        if (colon > 0) {
            String head = item.substring(0, colon), tail = item.substring(colon + 1);
            // "policy:5" names a run called 5, not a policy of weight 5
            if (!head.equals(POLICY) && !head.equals(POLICY_SAMPLED) && looksNumeric(tail)) {
                try {
                    weight = Double.parseDouble(tail);
                } catch (NumberFormatException e) {
                    throw new BadInputException("--opponent '" + text + "': weight '" + tail + "' of '" + item + "' is not a number");
                }
                if (!(weight > 0) || Double.isInfinite(weight)) {
                    throw new BadInputException("--opponent '" + text + "': weight of '" + item + "' must be a positive number, got " + tail);
                }
                body = head;
            }
        }
        if (body.equals(LEAGUE)) return new Member(Kind.LEAGUE, "", weight, item);
        for (String prefix : List.of(POLICY_SAMPLED, POLICY)) {
            if (body.startsWith(prefix + ":")) {
                String path = body.substring(prefix.length() + 1);
                if (path.isBlank()) throw new BadInputException("--opponent '" + text + "': '" + item + "' names no checkpoint (" + prefix + ":RUN)");
                return new Member(prefix.equals(POLICY) ? Kind.POLICY : Kind.POLICY_SAMPLED, path, weight, item);
            }
        }
        if (body.equals(POLICY) || body.equals(POLICY_SAMPLED)) {
            throw new BadInputException("--opponent '" + text + "': '" + item + "' names no checkpoint (" + body + ":RUN)");
        }
        return new Member(Kind.HEURISTIC, body, weight, item);
    }

    private static boolean looksNumeric(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')
                && s.chars().anyMatch(Character::isDigit);
    }

    boolean usesLeague() {
        return members.stream().anyMatch(m -> m.kind() == Kind.LEAGUE);
    }

    /**
     * Makes one opponent per call (one per environment): the member itself when the pool has one,
     * else an {@link OpponentPool}. Checks every member now: unknown heuristics, unreadable
     * checkpoints or ones that do not fit the scenario's other side fail here with the member named.
     *
     * @param league the run's league; null where there is none (a {@code league} member is then refused)
     * @param seed   seeds the pools' draws and the sampled policies (each opponent made gets its own stream)
     */
    Supplier<Heuristic> supplier(ArenaEnvConfig env, HeuristicRegistry registry, CheckpointLeague league, long seed) {
        int side = 1 - env.learnerSide();
        ObservationLayout layout = PolicyOpponent.layoutOfSide(env, side);
        List<Supplier<Heuristic>> makers = new ArrayList<>();
        AtomicLong made = new AtomicLong();
        for (Member m : members) {
            makers.add(switch (m.kind()) {
                case HEURISTIC -> {
                    try {
                        registry.create(m.argument());   // an unknown name fails now, with the list of valid ones
                    } catch (BadInputException e) {
                        throw new BadInputException("--opponent '" + text + "': " + e.getMessage());
                    }
                    yield () -> registry.create(m.argument());
                }
                case POLICY, POLICY_SAMPLED -> {
                    PolicyOpponent.Policy p = loadPolicy(m, layout);
                    boolean greedy = m.kind() == Kind.POLICY;
                    yield () -> new PolicyOpponent(m.written(), layout, env.scenario().unitTypes(), env.moveDistance(), () -> p, greedy,
                            tsunami.learn.EnvWorker.mix(seed, 7, made.incrementAndGet()));
                }
                case LEAGUE -> {
                    if (league == null) throw new BadInputException("--opponent '" + text + "': 'league' plays a training run's own past checkpoints; there is no run here");
                    yield () -> new PolicyOpponent(LEAGUE, layout, env.scenario().unitTypes(), env.moveDistance(), league::next, false,
                            tsunami.learn.EnvWorker.mix(seed, 7, made.incrementAndGet()));
                }
            });
        }
        if (makers.size() == 1) return makers.get(0);
        return () -> {
            List<OpponentPool.Member> pool = new ArrayList<>();
            for (int i = 0; i < makers.size(); i++) pool.add(new OpponentPool.Member(makers.get(i).get(), members.get(i).weight()));
            return new OpponentPool("pool", pool, tsunami.learn.EnvWorker.mix(seed, 11, made.incrementAndGet()));
        };
    }

    private PolicyOpponent.Policy loadPolicy(Member m, ObservationLayout layout) {
        String where = "--opponent '" + text + "': '" + m.written() + "': ";
        Path p = Path.of(m.argument());
        if (!Files.exists(p)) throw new BadInputException(where + "no such run, folder or checkpoint file '" + m.argument() + "'");
        Path folder = Files.isDirectory(p.resolve(RunDirectory.CHECKPOINTS)) ? p.resolve(RunDirectory.CHECKPOINTS) : p;
        Checkpoint c;
        try {
            c = Files.isRegularFile(p) ? CheckpointStore.read(p) : new CheckpointStore(folder, Integer.MAX_VALUE).bestOrLatest()
                    .orElseThrow(() -> new BadInputException("no intact checkpoint in " + folder + " (a run that has not saved one yet?)")).checkpoint();
        } catch (BadInputException e) {
            throw new BadInputException(where + e.getMessage());
        }
        String why = PolicyOpponent.misfit(c.config(), layout);
        if (why != null) throw new BadInputException("--opponent '" + text + "': the checkpoint of '" + m.written() + "' cannot play the other side: " + why);
        // it plays with the attack actions it was trained with
        boolean inRange = ArenaSetup.ATTACKS_IN_RANGE.equals(c.metadata().get(ArenaSetup.ATTACKS_KEY));
        return new PolicyOpponent.Policy(c.config(), c.snapshot().params(), inRange);
    }

    /** Each member's share of the games, e.g. {@code attack-move 67%, league 33%}: weights are relative, so users see what they add up to. */
    String shares() {
        double sum = members.stream().mapToDouble(Member::weight).sum();
        StringBuilder sb = new StringBuilder();
        for (Member m : members) {
            if (!sb.isEmpty()) sb.append(", ");
            String name = m.kind() == Kind.HEURISTIC ? m.argument() : m.kind() == Kind.LEAGUE ? LEAGUE
                    : (m.kind() == Kind.POLICY ? POLICY : POLICY_SAMPLED) + ":" + m.argument();
            sb.append(name).append(' ').append(String.format(java.util.Locale.ROOT, "%.0f%%", 100 * m.weight() / sum));
        }
        return sb.toString();
    }
}
