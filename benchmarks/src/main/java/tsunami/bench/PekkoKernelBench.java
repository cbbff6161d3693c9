package tsunami.bench;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;

/**
 * The peer's side of {@code monkey bench actors}: Apache Pekko classic actors as a new user gets
 * them (default dispatcher and unbounded default mailbox; only logging is turned down so that
 * stdout stays the report, and shutdown may take long enough to stop a million actors), doing the same workloads as {@link TsunamiKernelBench}.
 */
public final class PekkoKernelBench implements KernelBench {
    private static final Object MSG = new Object();
    private static final Object GO = new Object();
    private static final long ROUND_LIMIT_S = 120;
    private static final Config CONFIG = ConfigFactory.parseString("""
            pekko.loglevel = WARNING
            pekko.stdout-loglevel = WARNING
            pekko.log-dead-letters = off
            pekko.log-dead-letters-during-shutdown = off
            # stopping a million idle actors takes longer than the default 10 s on two loaded cores
            pekko.coordinated-shutdown.phases.actor-system-terminate.timeout = 120 s
            """).withFallback(ConfigFactory.defaultReference(PekkoKernelBench.class.getClassLoader()));

    private final ActorSystem sys = newSystem("bench");

    private static ActorSystem newSystem(String name) {
        return ActorSystem.create(name, CONFIG, PekkoKernelBench.class.getClassLoader());
    }

    /** Counts messages; completes with the time the last one arrived. */
    static final class Consumer extends AbstractActor {
        private final int total;
        private final CompletableFuture<Long> done;
        private int received;

        Consumer(int total, CompletableFuture<Long> done) {
            this.total = total;
            this.done = done;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().matchAny(m -> {
                if (++received == total) {
                    done.complete(System.nanoTime());
                    getContext().stop(getSelf());
                }
            }).build();
        }
    }

    /** On GO, sends its share to the consumer in one loop, then stops. */
    static final class Producer extends AbstractActor {
        private final ActorRef consumer;
        private final int messages;

        Producer(ActorRef consumer, int messages) {
            this.consumer = consumer;
            this.messages = messages;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().matchEquals(GO, g -> {
                for (int i = 0; i < messages; i++) consumer.tell(MSG, getSelf());
                getContext().stop(getSelf());
            }).build();
        }
    }

    @Override
    public double fanIn(int producers, int messages) throws Exception {
        int perProducer = messages / producers;
        int total = perProducer * producers;
        CompletableFuture<Long> done = new CompletableFuture<>();
        ActorRef consumer = sys.actorOf(Props.create(Consumer.class, () -> new Consumer(total, done)));
        ActorRef[] senders = new ActorRef[producers];
        for (int p = 0; p < producers; p++) senders[p] = sys.actorOf(Props.create(Producer.class, () -> new Producer(consumer, perProducer)));
        long t0 = System.nanoTime();
        for (ActorRef s : senders) s.tell(GO, ActorRef.noSender());
        long t1 = done.get(ROUND_LIMIT_S, TimeUnit.SECONDS);
        return total / ((t1 - t0) / 1e9);
    }

    /** Echoes every message to its sender. */
    static final class Pong extends AbstractActor {
        @Override
        public Receive createReceive() {
            return receiveBuilder().matchAny(m -> getSender().tell(MSG, getSelf())).build();
        }
    }

    /** On GO, exchanges {@code rtt.length} messages with the pong one at a time, timing each round trip. */
    static final class Ping extends AbstractActor {
        private final ActorRef pong;
        private final long[] rtt;
        private final CompletableFuture<long[]> done;
        private int i;
        private long t0;

        Ping(ActorRef pong, int roundTrips, CompletableFuture<long[]> done) {
            this.pong = pong;
            this.rtt = new long[roundTrips];
            this.done = done;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .matchEquals(GO, g -> {
                        t0 = System.nanoTime();
                        pong.tell(MSG, getSelf());
                    })
                    .matchAny(m -> {
                        rtt[i++] = System.nanoTime() - t0;
                        if (i < rtt.length) {
                            t0 = System.nanoTime();
                            pong.tell(MSG, getSelf());
                        } else {
                            getContext().stop(pong);
                            getContext().stop(getSelf());
                            done.complete(rtt);
                        }
                    }).build();
        }
    }

    @Override
    public double pingPong(int roundTrips) throws Exception {
        CompletableFuture<long[]> done = new CompletableFuture<>();
        ActorRef pong = sys.actorOf(Props.create(Pong.class, Pong::new));
        ActorRef ping = sys.actorOf(Props.create(Ping.class, () -> new Ping(pong, roundTrips, done)));
        ping.tell(GO, ActorRef.noSender());
        long[] rtt = done.get(ROUND_LIMIT_S, TimeUnit.SECONDS);
        Arrays.sort(rtt);
        return rtt[rtt.length / 2] / 1e3;
    }

    /** Stops itself as soon as it has started; counts down when it is gone. */
    static final class Ephemeral extends AbstractActor {
        private final CountDownLatch gone;

        Ephemeral(CountDownLatch gone) {
            this.gone = gone;
        }

        @Override
        public void preStart() {
            getContext().stop(getSelf());
        }

        @Override
        public void postStop() {
            gone.countDown();
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().build();
        }
    }

    /** On GO, starts {@code count} children made from {@code child}. */
    static final class Spawner extends AbstractActor {
        private final Props child;
        private final int count;

        Spawner(Props child, int count) {
            this.child = child;
            this.count = count;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().matchEquals(GO, g -> {
                for (int i = 0; i < count; i++) getContext().actorOf(child);
            }).build();
        }
    }

    @Override
    public double spawnExit(int actors) throws Exception {
        CountDownLatch gone = new CountDownLatch(actors);
        Props child = Props.create(Ephemeral.class, () -> new Ephemeral(gone));
        long t0 = System.nanoTime();
        ActorRef spawner = sys.actorOf(Props.create(Spawner.class, () -> new Spawner(child, actors)));
        spawner.tell(GO, ActorRef.noSender());
        if (!gone.await(ROUND_LIMIT_S, TimeUnit.SECONDS)) throw new IllegalStateException("spawned actors did not stop");
        double rate = actors / ((System.nanoTime() - t0) / 1e9);
        sys.stop(spawner);
        return rate;
    }

    /** Counts itself in when started, then waits for a message that never comes. */
    static final class Idler extends AbstractActor {
        private final LongAdder started;

        Idler(LongAdder started) {
            this.started = started;
        }

        @Override
        public void preStart() {
            started.increment();
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().build();
        }
    }

    /** In a fresh actor system, so that its heap and its shutdown are this figure's alone. */
    @Override
    public Idle idle(int actors) throws Exception {
        long heap0 = HeapProbe.liveHeap(2);
        ActorSystem idleSys = newSystem("idle");
        try {
            LongAdder started = new LongAdder();
            Props idler = Props.create(Idler.class, () -> new Idler(started));
            long t0 = System.nanoTime();
            idleSys.actorOf(Props.create(Spawner.class, () -> new Spawner(idler, actors))).tell(GO, ActorRef.noSender());
            while (started.sum() < actors) Thread.sleep(1);
            double start = (System.nanoTime() - t0) / 1e9;
            long heap1 = HeapProbe.liveHeap(1);
            return new Idle(start, (heap1 - heap0) / (double) actors);
        } finally {
            terminate(idleSys);
        }
    }

    private static void terminate(ActorSystem s) {
        s.terminate();
        try {
            s.getWhenTerminated().toCompletableFuture().get(ROUND_LIMIT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("pekko actor system " + s.name() + " did not terminate", e);
        }
    }

    @Override
    public void close() {
        terminate(sys);
    }
}
