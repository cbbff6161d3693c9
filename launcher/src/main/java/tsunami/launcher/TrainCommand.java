package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tsunami.BadInputException;
import tsunami.bots.arena.ObservationLayout;
import tsunami.bots.arena.PolicyOpponent;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.env.EnvSpec;
import tsunami.launcher.cluster.SlurmOptions;
import tsunami.launcher.dashboard.DashboardOption;
import tsunami.launcher.dashboard.DashboardServer;
import tsunami.launcher.dashboard.ProcessTreeJson;
import tsunami.launcher.dashboard.StatusFile;
import tsunami.learn.Checkpoint;
import tsunami.learn.CheckpointStore;
import tsunami.learn.EnvWorker;
import tsunami.learn.MetricsSink;
import tsunami.learn.PolicyConfig;
import tsunami.learn.PolicyNetwork;
import tsunami.learn.TeacherSchedule;
import tsunami.learn.TrainingConfig;
import tsunami.learn.TrainingMetrics;
import tsunami.learn.TrainingRun;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code monkey train}: asynchronous actor-learner training on an arena scenario, into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a micro-management policy on an arena scenario with asynchronous actor-learner RL (IMPALA-style, V-trace).")
public final class TrainCommand implements Callable<Integer> {
    static final String METRICS_HEADER = "version,frames,agent_steps,episodes,wins,losses,draws,win_rate,mean_return,"
            + "policy_loss,value_loss,entropy,grad_norm,policy_lag_median,teacher_loss,p_default_action,default_action_taken";
    private static final String INTERRUPTED = "interrupted";
    static final long DEFAULT_SEED = 1;
    static final String TIMING_HEADER = "version,elapsed_s,frames_simulated,frames_per_s,inference_batch_ms,inference_batch_agents,env_worker_restarts";


    @Option(names = "--scenario", description = "built-in scenario name or YAML file (required unless --resume)")
    String scenario;

    @Option(names = "--opponent", description = "who plays the other side: a heuristic, policy:RUN (a checkpoint's greedy policy, "
            + "MLP or entity network), policy-sampled:RUN, league (this run's past checkpoints), or a pool of them with relative weights, "
            + "e.g. attack-move:2,attack-closest:1,league:1; one drawn per game (default: attack-move)")
    String opponent;

    @Option(names = "--minutes", description = "train for this many minutes (default 10 when --frames is not given)")
    Double minutes;

    @Option(names = "--frames", description = "train until this many game frames have been learned from (in total, when resuming)")
    Long frames;

    /*
     * Options that have a default hold null when not given, so that --resume can tell a flag given
     * (applied, or refused where it cannot apply) from one left out (the run keeps its saved value).
     * The defaults themselves live in PolicyConfig and TrainingConfig; the descriptions name them.
     */
    @Option(names = "--env-workers", description = "env worker processes (default: " + TrainingConfig.DEFAULT_ENV_WORKERS
            + "); 0 with --listen or --actor-nodes: only actor nodes act")
    Integer envWorkers;

    @Option(names = "--listen", description = "listen for actor nodes ('monkey actor --join HOST:PORT') on tcp://HOST:PORT; they may join "
            + "at any time; the next two ports carry their experience and the parameter broadcast (see docs/scaling.md)")
    String listen;

    @Option(names = "--actor-nodes", defaultValue = "0",
            description = "also start this many local actor JVMs (1 env worker × --envs-per-worker each), restarted if they die (default: 0)")
    int actorNodes;

    @Option(names = "--secret", description = "cluster secret file that actor nodes must share (default: ~/.tsunami/cluster.secret)")
    Path secret;

    @Option(names = "--envs-per-worker",
            description = "environments stepped together by one worker (default: " + TrainingConfig.DEFAULT_ENVS_PER_WORKER + ")")
    Integer envsPerWorker;

    @Option(names = "--learners", description = "learner processes (default: " + TrainingConfig.DEFAULT_LEARNERS + ")")
    Integer learners;

    @Option(names = "--seed", description = "seed of the run (default: " + DEFAULT_SEED + ")")
    Long seed;

    @Option(names = "--run-dir", description = "run directory (default: runs/<scenario>-<opponent>-<time>)")
    Path runDir;

    @Option(names = "--resume", description = "continue the run in --run-dir from its latest intact checkpoint; flags left out keep "
            + "the run's values (--plugin included), those given apply from now on (the network's shape, scenario, opponent, attacks and teacher cannot change)")
    boolean resume;

    @Option(names = "--lr", description = "Adam learning rate (default: " + PolicyConfig.DEFAULT_LEARNING_RATE + ")")
    Double learningRate;

    /*
     * Why a strong prior on arena action 0 ("keep the current order", i.e. the game's own unit
     * AI): a move lasts a whole decision (8 frames) and cancels the unit's attack, so on m5v5 a
     * uniform policy loses every game, and even 10% random moves win about 1%; per-agent returns
     * then barely depend on the action taken and learning drifts (we saw it settle on fleeing).
     * Starting at 97% no-op (about a quarter of games won) gives the learner a signal.
     */
    static final double DEFAULT_ACTION_PRIOR = 0.97;

    @Option(names = "--default-action-prior",
            description = "probability the fresh policy gives action 0, keep the current order (default: " + DEFAULT_ACTION_PRIOR + ")")
    Double defaultActionPrior;

    /*
     * Why the rest of the fresh policy goes mostly to attacks: an attack order is sticky (kept
     * until the target dies) and only changes whom the unit shoots, so trying it costs little,
     * while a move cancels the attack for a whole decision. Focus fire lives among the attacks.
     */
    @Option(names = "--attack-prior",
            description = "probability the fresh policy gives the attack actions together, spread evenly; the rest of "
                    + "1 - default prior goes to stop and moves (default: 0)")
    Double attackPrior;

    @Option(names = "--attacks",
            description = "which attack actions are legal: any (the arena's), in-range (only enemies in weapon range, as in SMAC) (default: "
                    + ArenaSetup.ATTACKS_ANY + ")")
    String attacks;

    @Option(names = "--damage-taken", description = "reward weight of damage taken (subtracted), replacing the scenario's")
    Double damageTaken;

    static final String CRITIC_LOCAL = "local", CRITIC_CENTRAL = "central";
    static final String DEFAULT_CRITIC = CRITIC_LOCAL;

    @Option(names = "--critic", description = "what the value head sees: local (the agent's own observation, on the actor's trunk) or "
            + "central (a separate critic fed the global state of the fight; the actors keep their own observations) (default: "
            + DEFAULT_CRITIC + ")")
    String critic;

    static final boolean DEFAULT_VALUE_NORM = false;

    @Option(names = "--value-norm", arity = "0..1", fallbackValue = "true",
            description = "the value head learns V-trace targets normalised by their running mean and deviation (default: " + DEFAULT_VALUE_NORM + ")")
    Boolean valueNorm;

    @Option(names = "--hidden", description = "width of the two hidden layers (default: " + PolicyConfig.DEFAULT_HIDDEN + ")")
    Integer hidden;

    static final String NETWORK_MLP = "mlp", NETWORK_ENTITY = "entity";
    static final String DEFAULT_NETWORK = NETWORK_MLP;

    @Option(names = "--network", description = "the actor: mlp (two layers over the flat observation, one output per enemy slot) or "
            + "entity (per-unit embeddings pooled over allies and enemies; each attack scored against its enemy's embedding) (default: "
            + DEFAULT_NETWORK + ")")
    String network;

    static final String ALGO_VTRACE = "vtrace", ALGO_PPO = "ppo";
    static final String DEFAULT_ALGO = ALGO_VTRACE;
    static final double DEFAULT_PPO_CLIP = 0.2;
    static final int DEFAULT_PPO_EPOCHS = 4;

    @Option(names = "--algo", description = "policy update: vtrace (IMPALA's V-trace policy gradient, one step per batch) or ppo "
            + "(clipped surrogate against the acting policy, --epochs steps per batch) (default: " + DEFAULT_ALGO + ")")
    String algo;

    @Option(names = "--epochs", description = "gradient steps per batch (default: " + DEFAULT_PPO_EPOCHS + " with ppo, 1 with vtrace)")
    Integer epochs;

    @Option(names = "--clip", description = "PPO's clip on the probability ratio, in (0, 1) (default: " + DEFAULT_PPO_CLIP + "; ppo only)")
    Double clip;

    @Option(names = "--unroll", description = "environment steps per trajectory segment (default: " + TrainingConfig.DEFAULT_UNROLL_LENGTH + ")")
    Integer unroll;

    @Option(names = "--segments-per-batch",
            description = "segments in one learner batch (default: " + TrainingConfig.DEFAULT_SEGMENTS_PER_BATCH + ")")
    Integer segmentsPerBatch;

    @Option(names = "--gamma", description = "discount per decision (default: " + PolicyConfig.DEFAULT_GAMMA + ")")
    Double gamma;

    @Option(names = "--c-bar",
            description = "V-trace trace clip; below 1 it acts like TD(lambda) with lambda = c-bar (default: " + PolicyConfig.DEFAULT_C_BAR + ")")
    Double cBar;

    @Option(names = "--entropy",
            description = "entropy bonus weight; arena returns are about 1 per episode, so it is small (default: "
                    + PolicyConfig.DEFAULT_ENTROPY_COEF + ")")
    Double entropyCoef;

    @Option(names = "--value-coef",
            description = "weight of the value loss beside the policy loss; with the local critic both shape the actor's "
                    + "trunk (default: " + PolicyConfig.DEFAULT_VALUE_COEF + ")")
    Double valueCoef;

    @Option(names = "--teacher", description = "heuristic whose orders for our units are distilled into the policy early on "
            + "(kickstarting; e.g. hold-focus); the policy always acts itself")
    String teacher;

    // the teacher's schedule: null means "not given", so a resumed run can tell given from default
    @Option(names = "--teacher-weight",
            description = "initial weight of the distillation term, beside the actor-critic loss (default: " + TeacherSchedule.DEFAULT_WEIGHT + ")")
    Double teacherWeight;

    @Option(names = "--teacher-frames",
            description = "game frames learned over which the teacher's weight moves to --teacher-final-weight (default: "
                    + TeacherSchedule.DEFAULT_FRAMES + ")")
    Long teacherFrames;

    @Mixin
    PluginOptions plugins;

    @Mixin
    DashboardOption dashboard;

    static final int DEFAULT_BEST_GAMES = 100;
    static final String LR_DECAY_NONE = "none", LR_DECAY_LINEAR = "linear";
    static final String DEFAULT_LR_DECAY = LR_DECAY_LINEAR;

    @Option(names = "--lr-decay", defaultValue = DEFAULT_LR_DECAY,
            description = "learning-rate schedule: none (constant) or linear (down to 0 at the run's frame or time limit, "
                    + "as IMPALA) (default: ${DEFAULT-VALUE})")
    String lrDecay;

    @Option(names = "--best-games", defaultValue = "" + DEFAULT_BEST_GAMES,
            description = "choose best.tsck by playing each checkpoint greedily for this many games (0: by the recent "
                    + "training win rate of the sampling policy, which can favour a checkpoint whose greedy play only ever "
                    + "keeps its order) (default: ${DEFAULT-VALUE})")
    int bestGames;

    @Option(names = "--teacher-final-weight",
            description = "weight of the distillation term after --teacher-frames; 0 leaves reinforcement alone (default: "
                    + TeacherSchedule.DEFAULT_FINAL_WEIGHT + ")")
    Double teacherFinalWeight;

    @picocli.CommandLine.Mixin
    ModelBasedOptions modelBased = new ModelBasedOptions();

    @Mixin
    SlurmOptions slurm = new SlurmOptions();

    /** The run directory this command holds locked, released when it returns. */
    private RunDirectory held;

    @Override
    public Integer call() throws Exception {
        try {
            return train();
        } finally {
            if (held != null) held.close();
        }
    }

    private Integer train() throws Exception {
        if (minutes != null && frames != null) throw new BadInputException("give either --minutes or --frames, not both");
        if (minutes != null && !(minutes > 0 && minutes <= 7 * 24 * 60)) throw new BadInputException("--minutes must be in (0, 10080], got " + minutes);
        if (frames != null && frames <= 0) throw new BadInputException("--frames must be positive, got " + frames);
        if (actorNodes < 0 || actorNodes > 64) throw new BadInputException("--actor-nodes must be 0..64, got " + actorNodes);
        if (listen != null && !listen.matches("tcp://[^:/]+:\\d{1,5}")) {
            throw new BadInputException("--listen '" + listen + "' must be tcp://HOST:PORT, e.g. tcp://0.0.0.0:7400 or tcp://10.0.0.5:7400");
        }
        // a --slurm job's learner task listens (see SlurmJob): its flags are checked as a listening learner's, before submission
        boolean distributed = listen != null || actorNodes > 0 || slurm.requested();
        if (envWorkers != null && (envWorkers < (distributed ? 0 : 1) || envWorkers > 64)) {
            throw new BadInputException("--env-workers must be " + (distributed ? "0" : "1") + "..64, got " + envWorkers
                    + (distributed ? "" : " (0 only with --listen or --actor-nodes, when actor nodes act)"));
        }
        // --slurm creates a missing secret at submission, before any task reads it
        if (secret != null && !slurm.requested() && !java.nio.file.Files.isRegularFile(secret)) {
            throw new BadInputException("--secret " + secret + ": no such file");
        }
        if (envsPerWorker != null && (envsPerWorker < 1 || envsPerWorker > 4096)) {
            throw new BadInputException("--envs-per-worker must be 1..4096, got " + envsPerWorker);
        }
        if (learners != null && (learners < 1 || learners > 16)) throw new BadInputException("--learners must be 1..16, got " + learners);
        if (learningRate != null && !(learningRate > 0 && learningRate < 1)) throw new BadInputException("--lr must be in (0, 1), got " + learningRate);
        if (entropyCoef != null && !(entropyCoef >= 0 && entropyCoef < 1)) throw new BadInputException("--entropy must be in [0, 1), got " + entropyCoef);
        if (valueCoef != null && !(valueCoef > 0 && valueCoef <= 100)) throw new BadInputException("--value-coef must be in (0, 100], got " + valueCoef);
        if (defaultActionPrior != null && !(defaultActionPrior >= 0 && defaultActionPrior < 1)) {
            throw new BadInputException("--default-action-prior must be in [0, 1), got " + defaultActionPrior);
        }
        if (attackPrior != null && !(attackPrior >= 0 && attackPrior + (defaultActionPrior != null ? defaultActionPrior : DEFAULT_ACTION_PRIOR) < 1)) {
            throw new BadInputException("--attack-prior must be >= 0 and leave room beside --default-action-prior, got " + attackPrior);
        }
        if (damageTaken != null && !(damageTaken >= 0 && damageTaken <= 100)) throw new BadInputException("--damage-taken must be in [0, 100], got " + damageTaken);
        if (bestGames < 0 || bestGames > 100_000) throw new BadInputException("--best-games must be 0..100000, got " + bestGames);
        if (!LR_DECAY_NONE.equals(lrDecay) && !LR_DECAY_LINEAR.equals(lrDecay)) {
            throw new BadInputException("--lr-decay must be '" + LR_DECAY_NONE + "' or '" + LR_DECAY_LINEAR + "', got '" + lrDecay + "'");
        }
        if (critic != null && !CRITIC_LOCAL.equals(critic) && !CRITIC_CENTRAL.equals(critic)) {
            throw new BadInputException("--critic must be '" + CRITIC_LOCAL + "' or '" + CRITIC_CENTRAL + "', got '" + critic + "'");
        }
        if (hidden != null && (hidden < 1 || hidden > 4096)) throw new BadInputException("--hidden must be 1..4096, got " + hidden);
        if (network != null && !NETWORK_MLP.equals(network) && !NETWORK_ENTITY.equals(network)) {
            throw new BadInputException("--network must be '" + NETWORK_MLP + "' or '" + NETWORK_ENTITY + "', got '" + network + "'");
        }
        if (algo != null && !ALGO_VTRACE.equals(algo) && !ALGO_PPO.equals(algo)) {
            throw new BadInputException("--algo must be '" + ALGO_VTRACE + "' or '" + ALGO_PPO + "', got '" + algo + "'");
        }
        if (epochs != null && (epochs < 1 || epochs > 64)) throw new BadInputException("--epochs must be 1..64, got " + epochs);
        if (clip != null && !(clip > 0 && clip < 1)) throw new BadInputException("--clip must be in (0, 1), got " + clip);
        if (unroll != null && (unroll < 1 || unroll > 1000)) throw new BadInputException("--unroll must be 1..1000, got " + unroll);
        if (segmentsPerBatch != null && (segmentsPerBatch < 1 || segmentsPerBatch > 256)) {
            throw new BadInputException("--segments-per-batch must be 1..256, got " + segmentsPerBatch);
        }
        if (cBar != null && !(cBar > 0 && cBar <= 1)) throw new BadInputException("--c-bar must be in (0, 1], got " + cBar);
        if (gamma != null && !(gamma > 0 && gamma <= 1)) throw new BadInputException("--gamma must be in (0, 1], got " + gamma);
        if (teacherWeight != null && !(teacherWeight >= 0 && teacherWeight <= 1000)) {
            throw new BadInputException("--teacher-weight must be in [0, 1000], got " + teacherWeight);
        }
        if (teacherFinalWeight != null && !(teacherFinalWeight >= 0 && teacherFinalWeight <= 1000)) {
            throw new BadInputException("--teacher-final-weight must be in [0, 1000], got " + teacherFinalWeight);
        }
        if (teacherFrames != null && teacherFrames <= 0) throw new BadInputException("--teacher-frames must be positive, got " + teacherFrames);
        if (slurm.requested()) return submitToSlurm();
        double maxSeconds = frames != null ? 0 : (minutes != null ? minutes : 10.0) * 60;
        long maxFrames = frames != null ? frames : 0;

        RunDirectory dir = null;
        Checkpoint resumeFrom = null;
        Map<String, String> config;
        if (resume) {
            if (runDir == null) throw new BadInputException("--resume needs --run-dir (the run to continue)");
            RunDirectory existing = RunDirectory.open(runDir);
            held = existing;
            dir = existing;
            config = new LinkedHashMap<>(existing.config());
            scenario = sameOrSaved("--scenario", scenario, config.get("scenario"));
            opponent = sameOrSaved("--opponent", opponent, config.get("opponent"));
            // the policy learned with these actions legal
            attacks = sameOrSaved("--attacks", attacks, config.getOrDefault("attacks", ArenaSetup.ATTACKS_ANY));
            if (teacher != null && config.get("teacher") == null) {
                // its schedule counts the run's frames learned, so it would start part-faded
                throw new BadInputException("--resume: the run was trained without a teacher; start a new run to use --teacher");
            }
            teacher = sameOrSaved("--teacher", teacher, config.get("teacher"));
            if (teacher != null) {
                teacherWeight = sameOrSaved("--teacher-weight", teacherWeight, savedNumber(config, "teacher_weight", TeacherSchedule.DEFAULT_WEIGHT));
                teacherFrames = sameOrSaved("--teacher-frames", teacherFrames,
                        (long) savedNumber(config, "teacher_frames", TeacherSchedule.DEFAULT_FRAMES));
                // runs from before the final weight existed faded to zero
                teacherFinalWeight = sameOrSaved("--teacher-final-weight", teacherFinalWeight, savedNumber(config, "teacher_final_weight", 0));
            }
            plugins.plugins = pluginsOnResume(plugins.plugins, config.get(PLUGINS_KEY));
            String savedTaken = config.get("damage_taken");
            if (damageTaken == null && savedTaken != null) damageTaken = Double.parseDouble(savedTaken);
            // unusable newer checkpoints are set aside, so they take none of the 5 slots kept
            CheckpointStore.Loaded loaded = new CheckpointStore(existing.checkpoints(), 5).latestSettingAsideCorrupt().orElseThrow(() ->
                    new BadInputException("--resume: no intact checkpoint in " + existing.checkpoints()));
            for (String s : loaded.skipped()) System.err.println("monkey: warning: unusable checkpoint skipped: " + s);
            resumeFrom = loaded.checkpoint();
            ArenaSetup.requireObservationLayout(resumeFrom, "--resume " + loaded.path());
            resolveOnResume(resumeFrom.config(), config);
            System.err.println("monkey: resuming from " + loaded.path() + " (version " + resumeFrom.snapshot().version()
                    + ", " + resumeFrom.counter("frames") + " frames)");
        } else {
            if (scenario == null) throw new BadInputException("--scenario is required (e.g. --scenario m5v5)");
            if (opponent == null) opponent = "attack-move";
            config = new LinkedHashMap<>();
        }
        resolveDefaults();
        if (teacher == null && (teacherWeight != null || teacherFrames != null || teacherFinalWeight != null)) {
            throw new BadInputException("--teacher-weight, --teacher-frames and --teacher-final-weight need --teacher");
        }
        TeacherSchedule schedule = teacher == null ? TeacherSchedule.NONE : new TeacherSchedule(
                teacherWeight != null ? teacherWeight : TeacherSchedule.DEFAULT_WEIGHT,
                teacherFinalWeight != null ? teacherFinalWeight : TeacherSchedule.DEFAULT_FINAL_WEIGHT,
                teacherFrames != null ? teacherFrames : TeacherSchedule.DEFAULT_FRAMES);
        if (!resume && runDir == null) runDir = defaultRunDir(scenario, opponent);
        // the league plays the run's own checkpoints, which it finds in the run directory
        CheckpointLeague league = OpponentSpec.parse(opponent).usesLeague()
                ? new CheckpointLeague(runDir.resolve(RunDirectory.CHECKPOINTS), ArenaSetup.ATTACKS_IN_RANGE.equals(attacks), EnvWorker.mix(seed, 13, 0))
                : null;
        if (distributed && league != null) {
            throw new BadInputException("--opponent " + opponent + ": the league plays this run's checkpoints, which actor nodes do not have yet; "
                    + "use heuristic or policy: opponents with --listen / --actor-nodes");
        }
        ArenaSetup arena;
        HeuristicRegistry registry = plugins.registry();
        try {
            arena = ArenaSetup.of(scenario, opponent, damageTaken, attacks, teacher, registry, league, seed);
        } catch (BadInputException e) {
            // a run from before plug-ins were recorded, or given none: say which flag finds the heuristic
            if (!resume || !plugins.plugins.isEmpty() || !e.getMessage().contains("unknown heuristic")) throw e;
            throw new BadInputException("--resume: " + e.getMessage() + "; if it is a plug-in heuristic, give --plugin PATH (its jar or folder): "
                    + runDir.resolve(RunDirectory.CONFIG) + " names no plug-ins", e);
        }
        EnvSpec spec = TrainingRun.probeSpec(arena.factory(), seed);
        PolicyConfig base = resumeFrom != null ? resumeFrom.config()
                : PolicyConfig.defaults(spec.observationSize(), spec.numActions()).withDefaultActionPrior(defaultActionPrior).withHidden(hidden)
                        .withStateSize(CRITIC_CENTRAL.equals(critic) ? spec.stateSize() : 0).withValueNorm(valueNorm)
                        .withEntities(NETWORK_ENTITY.equals(network) ? arena.layout().entityLayout() : null);
        // on resume these are the saved values unless a flag gave new ones (see resolveOnResume)
        PolicyConfig policy = base.withLearningRate(learningRate).withEntropyCoef(entropyCoef).withValueCoef(valueCoef).withGamma(gamma).withCBar(cBar)
                .withPpoClip(ALGO_PPO.equals(algo) ? clip : 0);
        if (policy.observationSize() != spec.observationSize() || policy.numActions() != spec.numActions()
                || (policy.centralCritic() && policy.stateSize() != spec.stateSize())) {
            throw new BadInputException("the checkpoint's network does not fit scenario " + scenario);
        }
        if (league != null) {
            String why = PolicyOpponent.misfit(policy, arena.opponentLayout());
            if (why != null) {
                throw new BadInputException("--opponent " + opponent + ": the league's policies (this run's own) cannot play the other side of scenario "
                        + scenario + ": " + why);
            }
        }
        TrainingConfig training = TrainingConfig.defaults(seed, maxFrames, maxSeconds).withWorkers(envWorkers, learners)
                .withBatch(envsPerWorker, unroll, segmentsPerBatch)
                .withCheckpointSeconds(maxSeconds > 0 ? Math.min(TrainingConfig.DEFAULT_CHECKPOINT_SECONDS, Math.max(5, maxSeconds / 10))
                        : TrainingConfig.DEFAULT_CHECKPOINT_SECONDS)
                .withTeacher(schedule).withEpochs(epochs);

        config.put("scenario", scenario);
        config.put("opponent", opponent);
        config.put("seed", Long.toString(seed));
        config.put("env_workers", Integer.toString(envWorkers));
        config.put("envs_per_worker", Integer.toString(envsPerWorker));
        config.put("learners", Integer.toString(learners));
        config.put("unroll_length", Integer.toString(training.unrollLength()));
        config.put("segments_per_batch", Integer.toString(training.segmentsPerBatch()));
        config.put("frame_skip", Integer.toString(spec.frameSkip()));
        config.put("limit", frames != null ? frames + " frames" : maxSeconds / 60 + " minutes");
        config.put("hidden", Integer.toString(policy.hidden()));
        config.put("network", network);
        config.put("algo", algo);
        config.put("epochs", Integer.toString(epochs));
        if (ALGO_PPO.equals(algo)) config.put("clip", Double.toString(clip));
        config.put("critic", critic);
        config.put("value_norm", Boolean.toString(policy.valueNorm()));
        config.put("learning_rate", Double.toString(policy.learningRate()));
        config.put("gamma", Double.toString(policy.gamma()));
        config.put("entropy_coef", Double.toString(policy.entropyCoef()));
        config.put("value_coef", Double.toString(policy.valueCoef()));
        config.put("default_action_prior", Double.toString(policy.defaultActionPrior()));
        if (resumeFrom == null) config.put("attack_prior", Double.toString(attackPrior));
        if (damageTaken != null) config.put("damage_taken", Double.toString(damageTaken));
        config.put("attacks", attacks);
        // absolute, so a resume from another folder finds them; they serve as opponent or teacher
        if (plugins.plugins.isEmpty()) config.remove(PLUGINS_KEY);
        else config.put(PLUGINS_KEY, String.join(java.io.File.pathSeparator, plugins.plugins.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList()));
        if (teacher != null) {
            config.put("teacher", teacher);
            config.put("teacher_weight", Double.toString(schedule.weight()));
            config.put("teacher_frames", Long.toString(schedule.frames()));
            config.put("teacher_final_weight", Double.toString(schedule.finalWeight()));
        }
        config.put("rho_bar", Double.toString(policy.rhoBar()));
        config.put("c_bar", Double.toString(policy.cBar()));
        config.put("lockstep", Boolean.toString(training.lockstep() && !distributed));
        modelBased.resolve(config, resume);
        if (distributed && modelBased.on()) throw new BadInputException("--model-based does not work with --listen / --actor-nodes yet");
        if (modelBased.on() && policy.centralCritic()) {
            throw new BadInputException("--model-based does not work with --critic central yet: imagined segments carry no global state");
        }
        String now = DateTimeFormatter.ISO_INSTANT.format(Instant.now());
        if (resume) {
            config.merge("resumes", "1", (a, b) -> Integer.toString(Integer.parseInt(a) + 1));
            config.put("resumed_at", now);
            dir.writeConfig(config);
        } else {
            config.put("started_at", now);
            dir = RunDirectory.create(runDir, config);
            held = dir;
        }
        if (resumeFrom != null) {
            long v = resumeFrom.snapshot().version();
            int dropped = dir.trimLogsTo(v);
            if (dropped > 0) {
                System.err.println("monkey: dropped " + dropped + " log rows past the checkpoint's version " + v
                        + " (logged after it by the session that was stopped; they are logged again from there)");
            }
            for (String[] log : new String[][]{{RunDirectory.METRICS, METRICS_HEADER}, {RunDirectory.TIMING, TIMING_HEADER}, {MemoryLog.NAME, MemoryLog.HEADER}}) {
                String done = dir.alignLogHeader(log[0], log[1]);
                if (done != null) System.err.println("monkey: " + done);
            }
            // the previous session's summary no longer describes the run; the final one replaces this
            dir.writeSummary("running: resumed at " + now + " from version " + v + "; this file is rewritten when the run stops\n");
        }

        long t0 = System.nanoTime();
        RunDirectory out = dir;
        MetricsSink sink = (version, f) -> {
            out.appendMetrics(METRICS_HEADER, String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%d,%.4f,%.5f,%.6g,%.6g,%.6g,%.6g,%.1f,%.6g,%.4f,%.4f",
                    version, f.frames(), f.agentSteps(), f.episodes(), f.wins(), f.losses(), f.draws(), f.winRate(), f.meanReturn(),
                    f.policyLoss(), f.valueLoss(), f.entropy(), f.gradNorm(), f.policyLagMedian(), f.teacherLoss(),
                    f.defaultActionProb(), f.defaultActionTaken()));
            double el = (System.nanoTime() - t0) / 1e9;
            appendTiming(out, String.format(Locale.ROOT, "%d,%.2f,%d,%.0f,%.3f,%.1f,%d", version, el, f.framesSimulated(),
                    f.framesSimulated() / Math.max(1e-9, el), f.inferenceBatchMs(), f.inferenceBatchAgents(), f.workerRestarts()));
        };
        Map<String, String> metadata = Map.of("scenario", scenario, "opponent", opponent, "seed", Long.toString(seed),
                ArenaSetup.ATTACKS_KEY, attacks, ArenaSetup.OBSERVATION_KEY, Integer.toString(ObservationLayout.VERSION));
        CheckpointStore store = new CheckpointStore(dir.checkpoints(), 5);
        float[] fresh = resumeFrom != null ? null : attackPrior == 0 ? PolicyNetwork.initialParams(policy, seed)
                : PolicyNetwork.initialParams(policy, seed, ObservationLayout.actionPrior(policy.numActions(), defaultActionPrior, attackPrior));
        if (league != null) {
            if (resumeFrom != null) league.startWith(resumeFrom.config(), resumeFrom.snapshot().params(), resumeFrom.snapshot().version());
            else league.startWith(policy, fresh, 0);
        }
        TrainingRun run = new TrainingRun(policy, training, arena.factory(), resumeFrom, store, sink, metadata, fresh);
        if (distributed) run.acceptRemoteSegments();
        if (bestGames > 0) run.judgeBestByGreedyPlay(arena.factory(), bestGames);
        if (LR_DECAY_LINEAR.equals(lrDecay)) run.decayLearningRateLinearly();
        System.err.printf(Locale.ROOT, "monkey: training %s vs %s in %s (%d env workers × %d envs, %d learner%s%s)%n", scenario, opponent,
                dir.dir(), envWorkers, envsPerWorker, learners, learners == 1 ? "" : "s", training.lockstep() && !distributed ? ", lock-step: deterministic" : "");
        OpponentSpec opponents = OpponentSpec.parse(opponent);
        if (opponents.members().size() > 1) System.err.println("monkey: each game's opponent is drawn: " + opponents.shares());
        modelBased.attach(run, arena.factory(), dir.dir(), resume, seed);
        ProgressBar bar = new ProgressBar(System.err, maxFrames, maxSeconds, resumeFrom == null ? 0 : resumeFrom.counter("frames"));
        // Ctrl-C stops the run the way a limit does, so the final checkpoint and summary are written
        CountDownLatch finished = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            run.stop(INTERRUPTED);
            try {
                finished.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // the JVM is going down anyway
            }
        }, "train-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        // the process tree, for dashboards (this run's --dashboard, or 'monkey dashboard' started anywhere)
        StatusFile status = StatusFile.start(dir.dir(), "train", () -> ProcessTreeJson.of(run.system()));
        MemoryLog memory = MemoryLog.start(dir.dir(), () -> run.metrics().snapshot(false).framesSimulated());
        DashboardServer page = null;
        ActorCluster cluster = null;
        try {
            page = dashboard.startIfAsked(dir.dir());
            if (distributed) {
                cluster = ActorCluster.start(listen != null ? listen : "tcp://127.0.0.1:0", secret != null ? secret : tsunami.net.ClusterSecret.defaultFile(),
                        actorWelcome(policy, training, seed, registry.pluginJars()), run, dir.dir(), actorNodes,
                        List.of("--env-workers", "1", "--envs-per-worker", Integer.toString(envsPerWorker)));
            }
            return trainAndReport(run, bar, dir, store, scenario, opponent, cluster);
        } finally {
            if (cluster != null) cluster.close();
            if (page != null) page.close();
            memory.close();
            status.close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running (or has run): nothing to remove
            }
        }
    }

    private static Path defaultRunDir(String scenario, String opponent) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        return Path.of("runs", (scenario + "-" + opponent).replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + stamp);
    }

    /** {@code --slurm}: the run directory's checks as here, then the job (see {@link SlurmOptions}); the tasks train. */
    private int submitToSlurm() {
        if (opponent != null && OpponentSpec.parse(opponent).usesLeague()) {
            throw new BadInputException("--opponent " + opponent + ": the league plays this run's checkpoints, which actor nodes do not have yet; "
                    + "use heuristic or policy: opponents with --slurm");
        }
        if (modelBased.on()) throw new BadInputException("--model-based does not work with --slurm (actor nodes) yet");
        if (resume) {
            if (runDir == null) throw new BadInputException("--resume needs --run-dir (the run to continue)");
            if (!java.nio.file.Files.isRegularFile(runDir.resolve(RunDirectory.CONFIG))) {
                throw new BadInputException("--resume: " + runDir + " holds no training run (no " + RunDirectory.CONFIG + ")");
            }
        } else {
            if (scenario == null) throw new BadInputException("--scenario is required (e.g. --scenario m5v5)");
            if (runDir == null) runDir = defaultRunDir(scenario, opponent != null ? opponent : "attack-move");
            if (java.nio.file.Files.exists(runDir.resolve(RunDirectory.CONFIG))) {
                throw new BadInputException("--run-dir " + runDir + " already holds a training run (" + RunDirectory.CONFIG
                        + "); add --resume to continue it, or choose another --run-dir. Nothing was submitted.");
            }
        }
        return slurm.submit(runDir);
    }

    /**
     * What an actor node needs to make this run's environments and act (the engine carries it; {@link ActorCommand} reads it),
     * the plug-in jars this JVM read included (the plugins folder's and {@code --plugin}'s), so actor nodes play the same heuristics.
     */
    private tsunami.cluster.ClusterMessages.Welcome actorWelcome(PolicyConfig policy, TrainingConfig training, long seed, List<Path> pluginJars) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("scenario", scenario);
        settings.put("opponent", opponent);
        settings.put("attacks", attacks);
        if (damageTaken != null) settings.put("damage_taken", Double.toString(damageTaken));
        if (teacher != null) settings.put("teacher", teacher);
        String jars = RunPlugins.setting(pluginJars);
        if (jars != null) settings.put(RunPlugins.KEY, jars);
        return new tsunami.cluster.ClusterMessages.Welcome(settings, seed, policy, training.unrollLength(), training.maxInferenceAgents(), 0, 0, 0);
    }

    private int trainAndReport(TrainingRun run, ProgressBar bar, RunDirectory dir, CheckpointStore store, String scenario,
                               String opponent, ActorCluster cluster) throws InterruptedException {
        TrainingRun.Result r = run.run(bar::update);
        bar.finish();
        if (cluster != null) cluster.finish(r.stopReason());
        LearningCurve.draw(dir.metrics(), dir.dir().resolve(RunDirectory.CURVE), "Tsunami: " + scenario + " vs " + opponent);
        MemoryCurve.draw(dir.dir().resolve(MemoryLog.NAME), dir.dir().resolve(MemoryCurve.PNG), "Tsunami: memory of " + scenario + " training");
        TrainingMetrics.Snapshot f = r.figures();
        String summary = String.format(Locale.ROOT, """
                        scenario            %s
                        opponent            %s
                        stopped by          %s
                        wall time           %.1f s
                        parameter version   %d
                        game frames learned %d
                        agent steps learned %d
                        episodes            %d (won %d, lost %d, draw %d)
                        recent win rate     %.1f%% (last %d training episodes, sampling policy)
                        %s
                        policy lag median   %.1f versions
                        frames simulated/s  %.0f (this session)
                        env worker restarts %d
                        checkpoints         %s
                        %s""", scenario, opponent, r.stopReason().equals(INTERRUPTED) || failed(r) ? r.stopReason() : r.stopReason() + " limit", r.seconds(), r.finalParameters().version(), f.frames(), f.agentSteps(),
                f.episodes(), f.wins(), f.losses(), f.draws(), f.winRate() * 100, f.recentEpisodes(), bestLine(store),
                f.policyLagMedian(), f.framesSimulated() / Math.max(1e-9, r.seconds()), f.workerRestarts(), dir.checkpoints(),
                cluster == null ? "" : cluster.summary());
        dir.writeSummary(summary);
        System.out.print(summary);
        modelBased.report(System.out);
        System.out.println("run directory       " + dir.dir());
        if (failed(r)) {
            // the last checkpoint holds the finite parameters from before the failure
            System.err.println("monkey: training failed: " + r.stopReason());
            return 1;
        }
        return 0;
    }

    private static boolean failed(TrainingRun.Result r) {
        return r.stopReason().startsWith(tsunami.learn.ParameterServer.NON_FINITE) || r.stopReason().startsWith(ActorCluster.LOCAL_ACTOR_CANNOT_ACT);
    }

    /** The summary's line on best.tsck: its greedy win rate when chosen by greedy play, else the sampled one it was chosen by. */
    private static String bestLine(CheckpointStore store) {
        var best = store.bestOrLatest().filter(l -> l.path().getFileName().toString().equals(CheckpointStore.BEST));
        if (best.isEmpty()) return "best checkpoint     none yet";
        Checkpoint c = best.get().checkpoint();
        String greedy = c.metadata().get("best_greedy_win_rate");
        if (greedy != null) {
            return String.format(Locale.ROOT, "best checkpoint     version %d, %.1f%% of its greedy games won", c.snapshot().version(),
                    100 * Double.parseDouble(greedy));
        }
        return String.format(Locale.ROOT, "best recent win rate %.1f%%", 100 * Double.parseDouble(c.metadata().getOrDefault("best_win_rate", "0")));
    }

    private static void appendTiming(RunDirectory dir, String line) {
        Path p = dir.dir().resolve(RunDirectory.TIMING);
        try {
            if (!java.nio.file.Files.exists(p)) java.nio.file.Files.writeString(p, TIMING_HEADER + "\n");
            java.nio.file.Files.writeString(p, line + "\n", java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /*
     * What --resume does with each flag that has a default. Left out, a flag keeps the run's value
     * (from the checkpoint's network settings or run.properties), not the default. Given:
     * - the network's shape (--hidden) and what only shapes a fresh network (--default-action-prior,
     *   --attack-prior) cannot apply to trained parameters: refused unless equal to the run's;
     * - the loss settings (--lr, --gamma, --entropy, --value-coef, --c-bar) apply from the next update: Adam's
     *   moments stay valid at another step size, and the value head follows a new discount as it
     *   follows any moving target (the run's own V-trace targets already move);
     * - how experience is cut and processed (--unroll, --segments-per-batch, --env-workers,
     *   --envs-per-worker, --learners, --seed) applies as well: V-trace takes segments of any
     *   length, and none of these is part of the parameters.
     * Every value that applies is recorded in run.properties, and a change is announced.
     */
    private void resolveOnResume(PolicyConfig trained, Map<String, String> saved) {
        String why = " (the trained network keeps its shape; start a new run to change it)";
        hidden = sameOrSaved("--hidden", hidden, trained.hidden(), why);
        critic = sameOrSaved("--critic", critic, trained.centralCritic() ? CRITIC_CENTRAL : CRITIC_LOCAL, why);
        network = sameOrSaved("--network", network, trained.entityNetwork() ? NETWORK_ENTITY : NETWORK_MLP, why);
        algo = appliedOrSaved("--algo", algo, trained.ppoClip() > 0 ? ALGO_PPO : ALGO_VTRACE);
        if (trained.ppoClip() > 0) clip = appliedOrSaved("--clip", clip, trained.ppoClip());
        epochs = appliedOrSaved("--epochs", epochs, savedInt(saved, "epochs", ALGO_PPO.equals(algo) ? DEFAULT_PPO_EPOCHS : 1));
        valueNorm = sameOrSaved("--value-norm", valueNorm, trained.valueNorm(), why);
        String fresh = " (it only shapes a fresh policy)";
        defaultActionPrior = sameOrSaved("--default-action-prior", defaultActionPrior, trained.defaultActionPrior(), fresh);
        // runs from before the attack prior existed started without one
        attackPrior = sameOrSaved("--attack-prior", attackPrior, savedNumber(saved, "attack_prior", 0), fresh);
        learningRate = appliedOrSaved("--lr", learningRate, trained.learningRate());
        gamma = appliedOrSaved("--gamma", gamma, trained.gamma());
        entropyCoef = appliedOrSaved("--entropy", entropyCoef, trained.entropyCoef());
        valueCoef = appliedOrSaved("--value-coef", valueCoef, trained.valueCoef());
        cBar = appliedOrSaved("--c-bar", cBar, trained.cBar());
        unroll = appliedOrSaved("--unroll", unroll, savedInt(saved, "unroll_length", TrainingConfig.DEFAULT_UNROLL_LENGTH));
        segmentsPerBatch = appliedOrSaved("--segments-per-batch", segmentsPerBatch,
                savedInt(saved, "segments_per_batch", TrainingConfig.DEFAULT_SEGMENTS_PER_BATCH));
        envWorkers = appliedOrSaved("--env-workers", envWorkers, (int) savedLong(saved, "env_workers", TrainingConfig.DEFAULT_ENV_WORKERS));
        if (envWorkers < 0 || envWorkers > 64) throw new BadInputException(RunDirectory.CONFIG + ": env_workers must be 0..64, got " + envWorkers);
        if (envWorkers == 0 && listen == null && actorNodes == 0) {
            throw new BadInputException("--resume: the run had no env workers of its own; give --listen or --actor-nodes (or --env-workers N)");
        }
        envsPerWorker = appliedOrSaved("--envs-per-worker", envsPerWorker, savedInt(saved, "envs_per_worker", TrainingConfig.DEFAULT_ENVS_PER_WORKER));
        learners = appliedOrSaved("--learners", learners, savedInt(saved, "learners", TrainingConfig.DEFAULT_LEARNERS));
        seed = appliedOrSaved("--seed", seed, savedLong(saved, "seed", DEFAULT_SEED));
    }

    /** Flags neither given nor saved take the defaults, which live in PolicyConfig and TrainingConfig. */
    private void resolveDefaults() {
        if (attacks == null) attacks = ArenaSetup.ATTACKS_ANY;
        if (defaultActionPrior == null) defaultActionPrior = DEFAULT_ACTION_PRIOR;
        if (attackPrior == null) attackPrior = 0.0;
        if (hidden == null) hidden = PolicyConfig.DEFAULT_HIDDEN;
        if (critic == null) critic = DEFAULT_CRITIC;
        if (network == null) network = DEFAULT_NETWORK;
        if (algo == null) algo = DEFAULT_ALGO;
        if (clip == null) clip = DEFAULT_PPO_CLIP;
        if (epochs == null) epochs = ALGO_PPO.equals(algo) ? DEFAULT_PPO_EPOCHS : 1;
        if (valueNorm == null) valueNorm = DEFAULT_VALUE_NORM;
        if (learningRate == null) learningRate = PolicyConfig.DEFAULT_LEARNING_RATE;
        if (gamma == null) gamma = PolicyConfig.DEFAULT_GAMMA;
        if (entropyCoef == null) entropyCoef = PolicyConfig.DEFAULT_ENTROPY_COEF;
        if (valueCoef == null) valueCoef = PolicyConfig.DEFAULT_VALUE_COEF;
        if (cBar == null) cBar = PolicyConfig.DEFAULT_C_BAR;
        if (unroll == null) unroll = TrainingConfig.DEFAULT_UNROLL_LENGTH;
        if (segmentsPerBatch == null) segmentsPerBatch = TrainingConfig.DEFAULT_SEGMENTS_PER_BATCH;
        if (envWorkers == null) envWorkers = TrainingConfig.DEFAULT_ENV_WORKERS;
        if (envsPerWorker == null) envsPerWorker = TrainingConfig.DEFAULT_ENVS_PER_WORKER;
        if (learners == null) learners = TrainingConfig.DEFAULT_LEARNERS;
        if (seed == null) seed = DEFAULT_SEED;
    }

    /** Where {@link RunDirectory#CONFIG} records the {@code --plugin} paths, joined by the platform's path separator. */
    static final String PLUGINS_KEY = "plugins";

    /**
     * {@code --plugin} on resume: the paths given (announced when they differ from the run's), else
     * the run's, each of which must still be there.
     */
    private List<Path> pluginsOnResume(List<Path> given, String saved) {
        List<Path> savedPaths = saved == null || saved.isBlank() ? List.of()
                : java.util.Arrays.stream(saved.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator))).map(Path::of).toList();
        if (!given.isEmpty()) {
            if (!savedPaths.isEmpty() && !given.stream().map(p -> p.toAbsolutePath().normalize()).toList().equals(savedPaths)) {
                System.err.println("monkey: resuming with --plugin " + given + " (the run had " + savedPaths + ")");
            }
            return given;
        }
        for (Path p : savedPaths) {
            if (!java.nio.file.Files.exists(p)) {
                throw new BadInputException("--resume: the run's plug-in " + p + " (" + runDir.resolve(RunDirectory.CONFIG) + ", " + PLUGINS_KEY
                        + ") is gone; give --plugin PATH where its jar is now");
            }
        }
        if (!savedPaths.isEmpty()) System.err.println("monkey: resuming with the run's plug-ins " + savedPaths);
        return new java.util.ArrayList<>(savedPaths);
    }

    /** The given value (announced when it differs from the run's), else the run's. */
    private static <T> T appliedOrSaved(String flag, T given, T saved) {
        if (given == null) return saved;
        if (!given.equals(saved)) System.err.println("monkey: resuming with " + flag + " " + given + " (the run had " + saved + ")");
        return given;
    }

    /** A whole number the run directory's configuration holds under {@code key}, or {@code otherwise} when absent. */
    private static long savedLong(Map<String, String> config, String key, long otherwise) {
        String v = config.get(key);
        if (v == null) return otherwise;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadInputException(RunDirectory.CONFIG + ": " + key + " is not a whole number: '" + v + "'");
        }
    }

    private static int savedInt(Map<String, String> config, String key, int otherwise) {
        long v = savedLong(config, key, otherwise);
        if (v < 1 || v > Integer.MAX_VALUE) throw new BadInputException(RunDirectory.CONFIG + ": " + key + " must be a positive count, got " + v);
        return (int) v;
    }

    /** A number the run directory's configuration holds under {@code key}, or {@code otherwise} when absent. */
    private static double savedNumber(Map<String, String> config, String key, double otherwise) {
        String v = config.get(key);
        if (v == null) return otherwise;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new BadInputException(RunDirectory.CONFIG + ": " + key + " is not a number: '" + v + "'");
        }
    }

    /** The saved value, unless the flag gives a different one (an error: a run keeps its settings). */
    private static <T> T sameOrSaved(String flag, T given, T saved) {
        return sameOrSaved(flag, given, saved, "");
    }

    private static <T> T sameOrSaved(String flag, T given, T saved, String why) {
        if (given != null && saved != null && !given.equals(saved)) {
            throw new BadInputException("--resume: the run was trained with " + flag + " " + saved + ", not " + given + why);
        }
        return given != null ? given : saved;
    }
}
