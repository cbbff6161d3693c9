package tsunami.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tsunami.actor.Behavior;
import tsunami.actor.Call;
import tsunami.actor.ChildSpec;
import tsunami.actor.ProcessContext;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A ZeroMQ device run as a supervised process. The process owns a platform thread that runs the
 * socket loop (JeroMQ's poller blocks in a selector, which must not hold one of the few virtual
 * thread carriers); the process waits for control requests and exits when the loop fails, so
 * its supervisor restarts it with fresh sockets. When the process stops for any reason, its loop
 * is stopped and its sockets closed before it is gone.
 *
 * <p>Control: {@link #pause()}, {@link #resume()}, {@link #stats()} from this JVM, or a
 * {@link Call} with request "pause", "resume", "stats" or "stop" (also from another node).
 * Counters survive restarts.
 */
public abstract class Device {
    private static final Logger log = LoggerFactory.getLogger(Device.class);

    protected final String name;
    protected final NetSecurity security;
    protected final AtomicLong messagesIn = new AtomicLong(), messagesOut = new AtomicLong(), bytesIn = new AtomicLong(),
            bytesOut = new AtomicLong(), rejected = new AtomicLong();
    private final AtomicLong starts = new AtomicLong();
    private volatile boolean paused;
    private volatile CompletableFuture<Void> pauseSeen = new CompletableFuture<>(); // completed by the loop
    private volatile Object currentRun; // each start gets its own token: a killed run's loop stops even if a restart is already up
    private volatile CompletableFuture<Void> bound = new CompletableFuture<>();
    private final List<HandshakeGuard> guards = new CopyOnWriteArrayList<>(); // of every start, so counts survive restarts

    protected Device(String name, NetSecurity security) {
        this.name = name;
        this.security = security;
    }

    public String name() {
        return name;
    }

    /**
     * Stops moving messages; producers then meet the device's back-pressure (or drop, for PUB).
     * Returns once the loop has seen the pause, so nothing moves after this returns (or after 5 s if
     * no loop answers, e.g. while the device restarts).
     */
    public void pause() {
        paused = true;
        if (currentRun == null) return;
        try {
            pauseSeen.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("device {}: loop did not confirm the pause: {}", name, e.toString());
        }
    }

    public void resume() {
        pauseSeen = new CompletableFuture<>();
        paused = false;
    }

    public boolean isPaused() {
        return paused;
    }

    /** Waits until the device's sockets are bound (after a start or restart). */
    public boolean awaitBound(Duration timeout) {
        try {
            bound.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public DeviceStats stats() {
        String state = currentRun == null ? "stopped" : paused ? "paused" : "running";
        return new DeviceStats(name, state, messagesIn.get(), messagesOut.get(), bytesIn.get(), bytesOut.get(), rejected.get(),
                Math.max(0, starts.get() - 1));
    }

    /** The process body: run under a supervisor with {@link #childSpec(String)}, or spawn it directly. */
    public Behavior behavior() {
        return this::run;
    }

    public ChildSpec childSpec(String id) {
        return ChildSpec.worker(id, behavior());
    }

    /** Binds the sockets and moves messages while {@code running} says so; throws on failure. */
    protected abstract void loop(ZContext context, BooleanSupplier running) throws Exception;

    protected final boolean paused() {
        if (!paused) return false;
        pauseSeen.complete(null); // the loop is between bursts: nothing moves until resume
        return true;
    }

    /**
     * Readies a socket the device binds for strangers to reach (call before binding): the node's small
     * receive limit, so a frame header announcing megabytes is refused before anything is allocated,
     * and a {@link HandshakeGuard} that closes connections which send no authenticated message within
     * {@code deadline}. The loop reports each connection's first message with {@link #proved}, and closes
     * the guard when it ends. Bigger messages travel as parts of at most {@link SocketDefaults#MAX_PART_BYTES}
     * ({@link FrameParts}).
     */
    protected final HandshakeGuard guard(ZMQ.Socket server, String role, Duration deadline) {
        server.setMaxMsgSize(SocketDefaults.MAX_MESSAGE_BYTES);
        HandshakeGuard g = HandshakeGuard.install(server, "device " + name + " " + role, deadline);
        guards.add(g);
        return g;
    }

    /** Tells {@code guard} that the connection {@code part} came over has proved itself (the part's Peer-Address). */
    protected static void proved(HandshakeGuard guard, zmq.Msg part) {
        if (part != null && guard.anyWaiting() && part.getMetadata() != null) {
            guard.proved(part.getMetadata().get(zmq.io.Metadata.PEER_ADDRESS));
        }
    }

    /** Connections accepted on the device's endpoints and how they fared before authenticating, since it was made. */
    public HandshakeStats handshakeStats() {
        HandshakeStats total = HandshakeStats.NONE;
        for (HandshakeGuard g : guards) total = total.plus(g.stats());
        return total;
    }

    /** Called by {@link #loop} once its sockets are bound. */
    protected final void markBound() {
        bound.complete(null);
    }

    private void run(ProcessContext self) throws Exception {
        self.label("device " + name);
        starts.incrementAndGet();
        if (bound.isDone()) bound = new CompletableFuture<>();
        CompletableFuture<Void> loopDone = new CompletableFuture<>();
        Object run = new Object();
        currentRun = run;
        BooleanSupplier running = () -> currentRun == run;
        Thread thread = Thread.ofPlatform().daemon().name("tsunami-device-" + name).start(() -> {
            try (ZContext context = new ZContext(1)) {
                loop(context, running);
                loopDone.complete(null);
            } catch (Throwable t) {
                loopDone.completeExceptionally(t);
            }
        });
        try {
            while (true) {
                if (loopDone.isDone()) {
                    loopDone.join(); // rethrows the loop's failure: the process crashes, the supervisor restarts it
                    return;
                }
                Optional<Object> m = self.receive(Duration.ofMillis(100));
                if (m.isPresent() && m.get() instanceof Call call) {
                    switch (String.valueOf(call.request())) {
                        case "pause" -> { pause(); self.reply(call, "paused"); }
                        case "resume" -> { resume(); self.reply(call, "running"); }
                        case "stats" -> self.reply(call, statsAsMap());
                        case "stop" -> { self.reply(call, "stopped"); return; }
                        default -> self.reply(call, "unknown device command '" + call.request() + "'");
                    }
                }
            }
        } finally {
            if (currentRun == run) currentRun = null;
            // The loop sees its token gone within one poll interval (100 ms) and closes its sockets.
            thread.join(5_000);
            if (thread.isAlive()) log.warn("device {} loop did not stop within 5 s", name);
        }
    }

    /** Stats as a plain map, so they cross the wire without a registered codec. */
    public java.util.Map<String, Object> statsAsMap() {
        DeviceStats s = stats();
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("device", s.device());
        m.put("state", s.state());
        m.put("messagesIn", s.messagesIn());
        m.put("messagesOut", s.messagesOut());
        m.put("bytesIn", s.bytesIn());
        m.put("bytesOut", s.bytesOut());
        m.put("rejected", s.rejected());
        m.put("restarts", s.restarts());
        return m;
    }

    /** Binds, retrying briefly: a restarted device may find its previous socket still closing. */
    protected static void bind(ZMQ.Socket socket, String endpoint) throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (true) {
            try {
                socket.bind(endpoint);
                return;
            } catch (org.zeromq.ZMQException e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(50);
            }
        }
    }
}
