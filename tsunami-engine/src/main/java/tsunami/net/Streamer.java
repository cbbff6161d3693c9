package tsunami.net;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.function.BooleanSupplier;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The task pipeline (the PULL/PUSH pattern: many feeders fan in, tasks are shared out among
 * workers) with credit-based flow control, so a slow consumer throttles producers instead of
 * tasks being dropped or queued without bound. Plain PUSH/PULL has no way back to the producer,
 * so both sides are ROUTER sockets speaking {@link StreamProtocol}; use {@link StreamFeeder} and
 * {@link StreamWorker} as the ends.
 *
 * <p>Credit: a worker grants the streamer a window of tasks and re-grants as it takes them; the
 * streamer only sends tasks to workers with credit. The streamer buffers at most
 * {@code capacity} tasks and gives each feeder up to {@code feederWindow} credits out of that
 * room; a task taken by a worker returns its credit to the feeder that sent it. A feeder without
 * credit waits in {@link StreamFeeder#send}. Tasks sent without credit (a broken feeder) are
 * rejected and counted. Delivery is at most once: tasks already handed to a worker that dies
 * are lost (trajectories are data, not orders).
 */
public final class Streamer extends Device {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Streamer.class);
    private final String frontend;
    private final String backend;
    private final int capacity;
    private final int feederWindow;
    /** Largest task accepted, all parts together (from an admitted peer: strangers never get this far). */
    static final long MAX_TASK_BYTES = 64L << 20;

    public Streamer(String name, String frontend, String backend, NetSecurity security, int capacity, int feederWindow) {
        this(name, frontend, backend, security, capacity, feederWindow, null);
    }

    /**
     * A streamer whose backend may be an {@code inproc://} endpoint of {@code shared}: the workers are
     * then sockets of this JVM (e.g. a learner taking segments from remote actor nodes), reached
     * without TCP and without CURVE, which would only encrypt what never leaves the process (the
     * frontend keeps {@code security}). With a tcp backend, both ends use {@code security}.
     */
    public Streamer(String name, String frontend, String backend, NetSecurity security, int capacity, int feederWindow, ZContext shared) {
        super(name, security, shared);
        if (backend.startsWith("inproc://") && shared == null) throw new IllegalArgumentException("an inproc backend needs a shared context");
        if (capacity < 1 || feederWindow < 1) throw new IllegalArgumentException("capacity and feeder window must be positive");
        this.frontend = frontend;
        this.backend = backend;
        this.capacity = capacity;
        this.feederWindow = feederWindow;
    }

    public Streamer(String name, String frontend, String backend, NetSecurity security) {
        this(name, frontend, backend, security, 8192, 1024);
    }

    /**
     * A task as it came from its feeder: the parts of its TASK frame (one, or several of at most
     * {@link SocketDefaults#MAX_PART_BYTES} for a big task), handed on to a worker unchanged.
     */
    private record Task(ByteBuffer feeder, byte[][] parts, long bytes) {
    }

    /** A message from a peer: its ROUTER identity and its parts (null when it brought more bytes than a task may have). */
    private record Received(byte[] id, byte[][] parts) {
        byte[] single() {
            return parts != null && parts.length == 1 ? parts[0] : null;
        }
    }

    private static final class Feeder {
        final String name;
        final long helloAt; // System.nanoTime() of its HELLO
        int granted;  // credit the feeder holds (tasks it may still send)
        int owed;     // credit earned back, not yet sent

        Feeder(String name, long helloAt) {
            this.name = name;
            this.helloAt = helloAt;
        }
    }

    private record Forget(String name, long requestedAt) {
    }

    private final java.util.concurrent.ConcurrentLinkedQueue<Forget> forgets = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * Takes back the credit of the feeders named {@code name} that said HELLO before this call: their
     * owner is gone (a dead actor node), and the credit it held would otherwise stay lost, until
     * the buffer had no room left for anyone. Tasks of theirs already buffered are still handed on.
     */
    public void forgetFeeders(String name) {
        forgets.add(new Forget(name, System.nanoTime()));
    }

    private int queuedOrGranted(ArrayDeque<Task> queue, Map<ByteBuffer, Feeder> feeders) {
        int n = queue.size();
        for (Feeder f : feeders.values()) n += f.granted + f.owed;
        return n;
    }

    @Override
    protected void loop(ZContext context, BooleanSupplier running) throws Exception {
        ZMQ.Socket front = SocketDefaults.apply(context.createSocket(SocketType.ROUTER));
        ZMQ.Socket back = SocketDefaults.apply(context.createSocket(SocketType.ROUTER));
        // Receive queues sized above what credit lets a correct peer have in flight (per connection): with
        // CURVE, JeroMQ 0.6.0 drops a message and hands on its undecrypted frame each time a receive
        // queue reaches its high-water mark (see SocketDefaults), so ours must never get there.
        front.setRcvHWM(2 * feederWindow + 1024); // a feeder: one hello and at most its window of tasks
        back.setRcvHWM(10_000);             // a worker: one hello and a few credit messages per window
        for (ZMQ.Socket s : new ZMQ.Socket[]{front, back}) {
            s.setLinger(0);
            s.setRouterMandatory(true);
            s.setSndHWM(0); // no ZeroMQ limit: credit bounds what is in flight to each peer
            s.setRouterHandover(true); // a client that reconnects (same identity) takes over its old route
            if (s == front || !backend.startsWith("inproc://")) security.configureServer(context, s);
        }
        // Feeders and workers say HELLO as soon as they are admitted, so the node's deadline fits both.
        HandshakeGuard frontGuard = guard(front, "frontend", HandshakeGuard.DEADLINE);
        HandshakeGuard backGuard = guard(back, "backend", HandshakeGuard.DEADLINE);
        try {
            bind(front, frontend);
            bind(back, backend);
            moveTasks(context, front, back, frontGuard, backGuard, running);
        } finally {
            frontGuard.close();
            backGuard.close();
        }
    }

    private void moveTasks(ZContext context, ZMQ.Socket front, ZMQ.Socket back, HandshakeGuard frontGuard, HandshakeGuard backGuard,
                           BooleanSupplier running) throws InterruptedException {
        markBound();
        ZMQ.Poller poller = context.createPoller(2);
        int fromFeeders = poller.register(front, ZMQ.Poller.POLLIN);
        int fromWorkers = poller.register(back, ZMQ.Poller.POLLIN);
        ArrayDeque<Task> queue = new ArrayDeque<>();
        Map<ByteBuffer, Feeder> feeders = new HashMap<>();
        Map<ByteBuffer, int[]> workerCredit = new HashMap<>();
        ArrayDeque<ByteBuffer> ready = new ArrayDeque<>(); // workers with credit, round robin
        ArrayDeque<ByteBuffer> hungry = new ArrayDeque<>(); // feeders waiting for room

        while (running.getAsBoolean()) {
            if (paused()) {
                Thread.sleep(10);
                continue;
            }
            if (poller.poll(queue.isEmpty() || ready.isEmpty() ? 100 : 0) < 0) break;
            for (Forget f; (f = forgets.poll()) != null; ) forget(f, feeders);
            if (poller.pollin(fromWorkers)) {
                Received m;
                while ((m = recv(back, backGuard)) != null) {
                    ByteBuffer id = ByteBuffer.wrap(m.id());
                    byte[] frame = m.single();
                    int kind = StreamProtocol.kind(frame);
                    if (kind == StreamProtocol.HELLO && frame.length == 1) {
                        workerCredit.putIfAbsent(id, new int[1]);
                    } else if (kind == StreamProtocol.CREDIT && StreamProtocol.readCredit(frame) >= 0) {
                        int[] c = workerCredit.computeIfAbsent(id, k -> new int[1]);
                        boolean wasIdle = c[0] == 0;
                        c[0] = (int) Math.min(1 << 24, (long) c[0] + StreamProtocol.readCredit(frame));
                        if (wasIdle && c[0] > 0) ready.add(id);
                    } else {
                        reject("from a worker", m);
                    }
                }
            }
            if (poller.pollin(fromFeeders)) {
                Received m;
                int burst = 0;
                while (burst++ < 4096 && (m = recv(front, frontGuard)) != null) {
                    ByteBuffer id = ByteBuffer.wrap(m.id());
                    int kind = m.parts() == null ? -1 : StreamProtocol.kind(m.parts()[0]);
                    String name = StreamProtocol.helloName(m.single());
                    if (name != null) {
                        Feeder f = feeders.computeIfAbsent(id, k -> new Feeder(name, System.nanoTime()));
                        int room = capacity - queuedOrGranted(queue, feeders);
                        int grant = Math.max(0, Math.min(feederWindow - f.granted, room));
                        if (grant > 0 && sendCredit(front, m.id(), grant)) f.granted += grant;
                        else if (grant == 0) hungry.add(id);
                    } else if (kind == StreamProtocol.TASK) {
                        Feeder f = feeders.get(id);
                        if (f == null || f.granted <= 0) {
                            reject(f == null ? "task from an unknown feeder" : "task sent without credit", m); // never buffered
                            continue;
                        }
                        f.granted--;
                        long bytes = StreamProtocol.bodyBytes(m.parts());
                        queue.add(new Task(id, m.parts(), bytes));
                        messagesIn.incrementAndGet();
                        bytesIn.addAndGet(bytes);
                    } else {
                        reject("from a feeder", m);
                    }
                }
            }
            // Hand tasks to workers that have credit; each hand-over earns its feeder one credit back.
            while (!queue.isEmpty() && !ready.isEmpty()) {
                ByteBuffer w = ready.peek();
                int[] c = workerCredit.get(w);
                Task t = queue.peek();
                if (c == null || c[0] <= 0) {
                    ready.poll();
                    continue;
                }
                Boolean sent = sendTask(back, w.array(), t.parts());
                if (sent == null) { // worker gone
                    ready.poll();
                    workerCredit.remove(w);
                    continue;
                }
                if (!sent) break; // its pipe is full for now: try again next round
                queue.poll();
                messagesOut.incrementAndGet();
                bytesOut.addAndGet(t.bytes());
                if (--c[0] == 0) ready.poll();
                else if (ready.size() > 1) ready.add(ready.poll()); // round robin
                Feeder f = feeders.get(t.feeder());
                if (f != null) f.owed++;
            }
            // Return earned credit in batches (or at once when nothing is left to hand out).
            for (Map.Entry<ByteBuffer, Feeder> e : feeders.entrySet()) {
                Feeder f = e.getValue();
                if (f.owed > 0 && (f.owed >= Math.max(1, feederWindow / 4) || queue.isEmpty())) {
                    if (sendCredit(front, e.getKey().array(), f.owed)) {
                        f.granted += f.owed;
                        f.owed = 0;
                    }
                }
            }
            // Feeders that got nothing because the buffer was full get a share once there is room.
            while (!hungry.isEmpty()) {
                int room = capacity - queuedOrGranted(queue, feeders);
                if (room <= 0) break;
                ByteBuffer id = hungry.poll();
                Feeder f = feeders.get(id);
                if (f == null) continue;
                int grant = Math.min(feederWindow - f.granted, room);
                if (grant > 0 && sendCredit(front, id.array(), grant)) f.granted += grant;
            }
        }
        poller.close();
    }

    private void forget(Forget request, Map<ByteBuffer, Feeder> feeders) {
        int credit = 0, n = 0;
        for (var it = feeders.values().iterator(); it.hasNext(); ) {
            Feeder f = it.next();
            if (!f.name.equals(request.name()) || f.helloAt - request.requestedAt() > 0) continue;
            credit += f.granted + f.owed;
            n++;
            it.remove();
        }
        if (n > 0) log.info("streamer {}: took back {} credit of {} feeder(s) named {}", name, credit, n, request.name());
    }

    private void reject(String what, Received m) {
        rejected.incrementAndGet();
        if (log.isDebugEnabled()) {
            log.debug("streamer {} rejected a message {}: {}", name, what, m.parts() == null ? "over " + MAX_TASK_BYTES + " bytes"
                    : "kind " + StreamProtocol.kind(m.parts()[0]) + ", " + m.parts().length + " part(s)");
        }
    }

    /**
     * Receives one [identity][part...] message without blocking; null when none is waiting. Its parts are
     * null when it has none or they add up to more than a task may have (the message is read and dropped).
     */
    private static Received recv(ZMQ.Socket s, HandshakeGuard guard) {
        byte[] id = s.recv(ZMQ.DONTWAIT);
        if (id == null) return null;
        List<byte[]> parts = new ArrayList<>(1);
        long total = 0;
        while (s.hasReceiveMore()) {
            zmq.Msg part = s.recvMsg(0);
            if (part == null) break;
            if (parts.isEmpty()) proved(guard, part);
            total += part.size();
            if (total <= MAX_TASK_BYTES) parts.add(part.data());
        }
        return new Received(id, parts.isEmpty() || total > MAX_TASK_BYTES ? null : parts.toArray(byte[][]::new));
    }

    private static boolean sendCredit(ZMQ.Socket s, byte[] to, int n) {
        try {
            return s.send(to, ZMQ.SNDMORE | ZMQ.DONTWAIT) && s.send(StreamProtocol.credit(n), 0);
        } catch (org.zeromq.ZMQException e) {
            return false; // peer gone (router mandatory)
        }
    }

    /** True if sent, false if the worker's pipe is full for now, null if the worker is gone. */
    private static Boolean sendTask(ZMQ.Socket s, byte[] to, byte[][] parts) {
        try {
            if (!s.send(to, ZMQ.SNDMORE | ZMQ.DONTWAIT)) return false;
            for (int i = 0; i < parts.length; i++) s.send(parts[i], i + 1 < parts.length ? ZMQ.SNDMORE : 0);
            return true;
        } catch (org.zeromq.ZMQException e) {
            return null;
        }
    }
}
