package tsunami.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import tsunami.actor.ActorSystem;
import tsunami.actor.Behavior;
import tsunami.actor.ExitReason;
import tsunami.actor.Pid;
import tsunami.actor.ProcessInfo;
import tsunami.actor.Ref;
import tsunami.actor.RemoteInbound;
import tsunami.actor.RemoteTransport;
import tsunami.actor.SendResult;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * A node: one {@link ActorSystem} made reachable from other JVMs over JeroMQ. It installs
 * itself as the system's {@link RemoteTransport}, so sends, links, monitors and exit signals to
 * pids of other nodes work like local ones.
 *
 * <p>Wiring: each node binds one ROUTER socket (CURVE server) on its endpoint and connects one
 * DEALER (CURVE client) to every peer's endpoint; A→B traffic always flows over A's DEALER into
 * B's ROUTER, one ordered TCP stream per direction, which keeps order per sender→receiver pair.
 * One writer thread owns the DEALERs and packs everything queued for a peer into as few frames
 * as possible (batching); one reader thread owns the ROUTER, decodes frames all-or-nothing and
 * hands their entries to the kernel. Nodes learn about each other from any frame (its header
 * names the sender, its incarnation and endpoint) and gossip the peers they know, so the cluster
 * becomes a full mesh. Heartbeats flow every interval; a peer silent for the timeout, or one
 * that reappears with a new incarnation (it restarted), is declared down and every link and
 * monitor towards it fires with {@code noconnection}.
 *
 * <p>Limitation: pids carry no incarnation, so a pid of a node's previous life may name a
 * process of its next one (Erlang's "creation" would fix that; the kernel's Pid has none).
 */
public final class Node implements RemoteTransport, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Node.class);
    private static final Map<ActorSystem, Node> NODES = new ConcurrentHashMap<>();
    private static final byte[] HEARTBEAT = encodeStatic(new NodeEntry.Heartbeat());
    private static final int MAX_PENDING_FRAMES = 1024;

    private final ActorSystem system;
    private final RemoteInbound inbound;
    private final NodeConfig config;
    private final CodecRegistry codecs;
    private final ZContext context;
    private final boolean ownsContext;
    private final long incarnation;
    private final String endpoint;
    private final boolean secure;
    private final ZMQ.Socket router;
    /** Closes connections that send no authenticated message within the deadline; null for inproc. */
    private final HandshakeGuard guard;

    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> joins = new ConcurrentHashMap<>();
    private final Map<Long, PendingRequest> requests = new ConcurrentHashMap<>();
    private final AtomicLong nextRequest = new AtomicLong();

    private final ConcurrentLinkedQueue<Object> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Thread writer;
    /** Guards the DEALER sockets and their frames ({@link #links}): whoever holds it may send. */
    private final java.util.concurrent.locks.ReentrantLock wireLock = new java.util.concurrent.locks.ReentrantLock();
    private final Map<String, Link> links = new HashMap<>();
    private static final int DIRECT_FLUSHES = 4;
    private static final long DIRECT_WINDOW_NANOS = 50_000;
    private static final long WRITER_LINGER_NANOS = 50_000;
    private static final long STALLED_WAIT_NANOS = 100_000;
    /**
     * Monitor and demonitor entries wait up to this long for a frame to ride in: a call sends monitor,
     * request and demonitor, and the monitor goes out with the request, the demonitor with the next
     * call, instead of three frames (three CURVE boxes, three wake-ups of the peer) per call.
     */
    private static final long LAZY_FLUSH_NANOS = 1_000_000;
    private final AtomicInteger eagerQueued = new AtomicInteger(); // outbox items that must go out now
    private volatile long writerWakeAt;                           // when the parked writer wakes by itself
    private long directWindowStart;   // guarded by wireLock
    private int directFlushes;        // guarded by wireLock
    private boolean blocked;          // guarded by wireLock: some peer's pending frames are at the limit
    private volatile boolean writerActive;
    private final Thread reader;
    private volatile boolean running = true;
    private final CompletableFuture<Void> readerStopped = new CompletableFuture<>();

    private final LongAdder messagesOut = new LongAdder(), messagesIn = new LongAdder(), undeliverable = new LongAdder();
    private final AtomicLong framesOut = new AtomicLong(), framesIn = new AtomicLong(), bytesOut = new AtomicLong(),
            bytesIn = new AtomicLong(), rejectedFrames = new AtomicLong(), droppedFrames = new AtomicLong();
    private final ThreadLocal<WireWriter> scratch;
    private volatile Pid kernelPid;

    /** A known peer: one incarnation of a named node. */
    private static final class Peer {
        final String name;
        final long incarnation;
        final String endpoint;
        final boolean hidden;
        volatile long lastHeard = System.nanoTime();
        volatile boolean up = true;

        Peer(String name, long incarnation, String endpoint, boolean hidden) {
            this.name = name;
            this.incarnation = incarnation;
            this.endpoint = endpoint;
            this.hidden = hidden;
        }
    }

    private record PendingRequest(String node, CompletableFuture<NodeEntry.Response> future) {
    }

    /** Queued for the writer: encoded entry bytes for the peer at {@code endpoint}. */
    private record Out(String endpoint, byte[] entry, int messages, boolean lazy) {
    }

    private record Connect(String endpoint) {
    }

    private record Disconnect(String endpoint) {
    }

    private Node(ActorSystem system, NodeConfig config) {
        this.system = system;
        this.inbound = system.remote();
        this.config = config;
        this.codecs = KernelCodecs.install(config.codecs());
        registerNetTypes(codecs);
        this.ownsContext = config.context() == null;
        this.context = ownsContext ? new ZContext(1) : config.context();
        // An Error in a JeroMQ I/O thread (OutOfMemoryError for a direct buffer) kills that thread and leaves the
        // node deaf; report it as fatal so whoever runs the node can end the process instead of living deaf.
        if (ownsContext) context.setUncaughtExceptionHandler((t, e) -> fatal("ZeroMQ I/O thread " + t.getName() + " died", e));
        this.incarnation = System.currentTimeMillis() * 1000 + (System.nanoTime() & 0x3ff);
        this.secure = config.security().encrypted() && !config.listen().startsWith("inproc://");
        this.scratch = ThreadLocal.withInitial(() -> new WireWriter(256, codecs.limits().maxFrameBytes()));
        router = SocketDefaults.apply(context.createSocket(SocketType.ROUTER));
        router.setLinger(0);
        // No receive limit under CURVE: JeroMQ 0.6.0 loses a message each time a CURVE receive queue is
        // full (see SocketDefaults). The reader drains it as fast as the kernel takes messages; the cost is
        // that a stalled reader (a full BLOCK mailbox) lets the queue grow instead of pushing back on TCP.
        router.setRcvHWM(secure ? 0 : 100_000);
        // Small: JeroMQ allocates what a message header announces before the peer is authenticated. Bigger
        // frames travel as several parts (FrameParts); the frame limit applies to the parts joined.
        router.setMaxMsgSize(SocketDefaults.MAX_MESSAGE_BYTES);
        router.setReceiveTimeOut(50);
        if (secure) config.security().configureServer(context, router);
        guard = config.listen().startsWith("inproc://") ? null : HandshakeGuard.install(router, "node " + system.node(),
                max(HandshakeGuard.DEADLINE, config.heartbeatInterval().multipliedBy(2)));
        try {
            router.bind(config.listen());
        } catch (ZMQException e) {
            if (guard != null) guard.close();
            context.destroySocket(router);
            if (ownsContext) context.close();
            throw new tsunami.BadInputException("node " + system.node() + " cannot listen on " + config.listen() + ": " + e.getMessage(), e);
        }
        String bound = router.getLastEndpoint();
        this.endpoint = bound == null || bound.isEmpty() ? config.listen() : bound;
        writer = Thread.ofPlatform().daemon().name("tsunami-node-writer-" + system.node()).unstarted(this::writeLoop);
        reader = Thread.ofPlatform().daemon().name("tsunami-node-reader-" + system.node()).unstarted(this::readLoop);
    }

    /** Starts a node for {@code system} listening on {@code config.listen()} and installs it as the system's transport. */
    public static Node start(ActorSystem system, NodeConfig config) {
        Node node = new Node(system, config);
        if (NODES.putIfAbsent(system, node) != null) {
            node.closeSockets();
            throw new IllegalStateException("actor system " + system.node() + " already has a node");
        }
        system.setRemoteTransport(node);
        node.writer.start();
        node.reader.start();
        node.kernelPid = system.spawn(node::netKernel);
        system.register("net_kernel", node.kernelPid);
        log.info("node {} listening on {} ({})", system.node(), node.endpoint, node.secure ? "CURVE" : "plaintext");
        return node;
    }

    /** The node serving {@code system}, if one was started. */
    public static Optional<Node> of(ActorSystem system) {
        return Optional.ofNullable(NODES.get(system));
    }

    public String name() {
        return system.node();
    }

    public ActorSystem system() {
        return system;
    }

    /** The endpoint this node listens on and advertises (the real port when 0 was asked for). */
    public String endpoint() {
        return endpoint;
    }

    public CodecRegistry codecs() {
        return codecs;
    }

    /** Names of the nodes currently connected (hidden ones included). */
    public Set<String> connectedNodes() {
        Set<String> names = new TreeSet<>();
        peers.values().forEach(p -> {
            if (p.up) names.add(p.name);
        });
        return names;
    }

    public boolean isConnected(String node) {
        Peer p = peers.get(node);
        return p != null && p.up;
    }

    public NodeStats stats() {
        return new NodeStats(messagesOut.sum(), messagesIn.sum(), framesOut.get(), framesIn.get(), bytesOut.get(), bytesIn.get(),
                rejectedFrames.get(), undeliverable.sum(), droppedFrames.get());
    }

    // ------------------------------------------------------------------ joining

    /**
     * Connects to the node listening at {@code peerEndpoint} and waits until it answered; returns its
     * name. Through gossip this node then connects to every (non-hidden) node that one knows.
     */
    public String join(String peerEndpoint, Duration timeout) {
        if (peerEndpoint.equals(endpoint)) throw new IllegalArgumentException("a node cannot join itself");
        CompletableFuture<String> answered = joins.computeIfAbsent(peerEndpoint, e -> new CompletableFuture<>());
        for (Peer p : peers.values()) {
            if (p.up && p.endpoint.equals(peerEndpoint)) answered.complete(p.name);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            // Say hello, and again on a fresh connection every few seconds: a connection can get stuck
            // (see SocketDefaults), and a peer that is still starting may miss the first hello.
            while (true) {
                if (!answered.isDone()) {
                    enqueueControl(new Connect(peerEndpoint));
                    enqueue(peerEndpoint, encode(hello(false)), 0);
                }
                long left = deadline - System.nanoTime();
                try {
                    return answered.get(Math.max(1, Math.min(left, 3_000_000_000L)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (System.nanoTime() >= deadline) throw e;
                    if (!isConnectedAt(peerEndpoint)) enqueueControl(new Disconnect(peerEndpoint));
                }
            }
        } catch (TimeoutException e) {
            throw new NodeUnreachableException("no answer from a node at " + peerEndpoint + " within " + timeout.toMillis()
                    + " ms (is it running, and does it share this node's cluster secret?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeUnreachableException("interrupted while joining " + peerEndpoint);
        } catch (ExecutionException e) {
            throw new NodeUnreachableException("joining " + peerEndpoint + " failed: " + e.getCause());
        } finally {
            joins.remove(peerEndpoint, answered);
        }
    }

    private boolean isConnectedAt(String peerEndpoint) {
        for (Peer p : peers.values()) if (p.up && p.endpoint.equals(peerEndpoint)) return true;
        return false;
    }

    /** Waits until {@code node} is connected (e.g. learnt through gossip); false on timeout. */
    public boolean awaitConnected(String node, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isConnected(node)) {
            if (System.nanoTime() > deadline) return false;
            LockSupport.parkNanos(2_000_000);
        }
        return true;
    }

    private NodeEntry.Hello hello(boolean reply) {
        List<String> known = new ArrayList<>();
        for (Peer p : peers.values()) if (p.up && !p.hidden) known.add(p.name + "@" + p.endpoint);
        return new NodeEntry.Hello(reply, known);
    }

    // ------------------------------------------------------------------ node-level API

    /** Sends {@code message} to the process registered as {@code name} on {@code node} (Erlang's {Name, Node} ! Msg). */
    public SendResult sendNamed(Pid from, String node, String name, Object message) {
        if (node.equals(name())) {
            return system.whereis(name).map(pid -> system.remote().deliver(from, pid, message)).orElseGet(() -> {
                undeliverable.increment();
                return SendResult.NOPROC;
            });
        }
        return sendEntry(node, new NodeEntry.SendNamed(from, name, message), 1);
    }

    /** Starts the behaviour registered as {@code behavior} on {@code node} with {@code argument}; returns its pid. */
    public Pid spawnRemote(String node, String behavior, Object argument, Duration timeout) {
        return (Pid) request(node, "spawn", behavior, argument, timeout);
    }

    /** The pid registered as {@code name} on {@code node}, if any. */
    public Optional<Pid> whereis(String node, String name, Duration timeout) {
        return Optional.ofNullable((Pid) request(node, "whereis", name, null, timeout));
    }

    /** The process list of {@code node}. */
    @SuppressWarnings("unchecked")
    public List<RemoteProcess> processes(String node, Duration timeout) {
        return (List<RemoteProcess>) request(node, "ps", "", null, timeout);
    }

    private Object request(String node, String op, String name, Object argument, Duration timeout) {
        long id = nextRequest.incrementAndGet();
        CompletableFuture<NodeEntry.Response> answer = new CompletableFuture<>();
        requests.put(id, new PendingRequest(node, answer));
        try {
            if (!sendEntry(node, new NodeEntry.Request(id, op, name, argument), 0).delivered()) {
                throw new NodeUnreachableException("node " + node + " is not connected");
            }
            NodeEntry.Response r = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!r.ok()) throw new RemoteRequestException(op + " on node " + node + " failed: " + r.value());
            return r.value();
        } catch (TimeoutException e) {
            throw new NodeUnreachableException(op + " on node " + node + " got no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeUnreachableException("interrupted during " + op + " on node " + node);
        } catch (ExecutionException e) {
            throw new NodeUnreachableException(op + " on node " + node + ": " + e.getCause().getMessage());
        } finally {
            requests.remove(id);
        }
    }

    // ------------------------------------------------------------------ RemoteTransport (called by the kernel)

    @Override
    public SendResult send(Pid from, Pid to, Object message) {
        return sendEntry(to.node(), new NodeEntry.Send(from, to.id(), message), 1);
    }

    @Override
    public void link(Pid local, Pid remote) {
        if (!sendEntry(remote.node(), new NodeEntry.Link(local, remote.id()), 0).delivered()) {
            async(() -> inbound.exit(remote, local, ExitReason.NOCONNECTION, true));
        }
    }

    @Override
    public void unlink(Pid local, Pid remote) {
        sendEntry(remote.node(), new NodeEntry.Unlink(local, remote.id()), 0);
    }

    @Override
    public void monitor(Ref ref, Pid watcher, Pid target) {
        if (!sendEntry(target.node(), new NodeEntry.Monitor(ref, watcher, target.id()), 0, true).delivered()) {
            async(() -> inbound.down(ref, target, watcher, ExitReason.NOCONNECTION));
        }
    }

    @Override
    public void demonitor(Ref ref, Pid watcher, Pid target) {
        sendEntry(target.node(), new NodeEntry.Demonitor(ref, watcher, target.id()), 0, true);
    }

    @Override
    public void exit(Pid from, Pid to, ExitReason reason, boolean viaLink) {
        sendEntry(to.node(), new NodeEntry.ExitSignal(from, to.id(), reason, viaLink), 0);
    }

    @Override
    public void down(Ref ref, Pid target, Pid watcher, ExitReason reason) {
        sendEntry(watcher.node(), new NodeEntry.DownSignal(ref, target, watcher.id(), reason), 0);
    }

    /** Kernel callbacks from inside a transport call are made on another thread, never re-entrantly. */
    private static void async(Runnable r) {
        Thread.ofVirtual().name("tsunami-node-signal").start(r);
    }

    private SendResult sendEntry(String node, NodeEntry entry, int messages) {
        return sendEntry(node, entry, messages, false);
    }

    /** A lazy entry is not flushed by itself: it goes with the next frame to its peer, or within {@link #LAZY_FLUSH_NANOS}. */
    private SendResult sendEntry(String node, NodeEntry entry, int messages, boolean lazy) {
        Peer p = peers.get(node);
        if (p == null || !p.up || !running) {
            if (messages > 0) undeliverable.increment();
            return SendResult.NOPROC;
        }
        if (queued.get() >= config.maxQueuedMessages()) return SendResult.REJECTED;
        if (lazy) enqueueLazy(p.endpoint, encode(entry));
        else enqueue(p.endpoint, encode(entry), messages);
        return SendResult.DELIVERED;
    }

    /** Encodes on the caller's thread, so an unregistered message type fails at the sender with a clear error. */
    private byte[] encode(NodeEntry entry) {
        WireWriter w = scratch.get();
        w.reset();
        NodeFrame.write(w, entry, codecs);
        return w.toByteArray();
    }

    private static byte[] encodeStatic(NodeEntry entry) {
        WireWriter w = new WireWriter(16, 64);
        NodeFrame.write(w, entry, new CodecRegistry());
        return w.toByteArray();
    }

    private void enqueue(String peerEndpoint, byte[] entry, int messages) {
        queued.incrementAndGet();
        eagerQueued.incrementAndGet();
        outbox.offer(new Out(peerEndpoint, entry, messages, false));
        flushOrLeave();
    }

    private void enqueueLazy(String peerEndpoint, byte[] entry) {
        queued.incrementAndGet();
        outbox.offer(new Out(peerEndpoint, entry, 0, true));
        // The writer is the backstop; wake it only if it would sleep for much longer than the lazy delay.
        if (writerWakeAt - System.nanoTime() > 2 * LAZY_FLUSH_NANOS) LockSupport.unpark(writer);
    }

    private void enqueueControl(Object command) {
        eagerQueued.incrementAndGet();
        outbox.offer(command);
        flushOrLeave();
    }

    // ------------------------------------------------------------------ writer thread

    /** Per peer: the frame being filled and frames ZeroMQ could not take yet. */
    private final class Link {
        final String endpoint;
        final ZMQ.Socket dealer;
        final WireWriter frame;
        final ArrayDeque<byte[]> pending = new ArrayDeque<>();
        int countAt = -1;
        int count;
        int messages;

        Link(String endpoint) {
            this.endpoint = endpoint;
            dealer = SocketDefaults.apply(context.createSocket(SocketType.DEALER));
            dealer.setLinger(0);
            dealer.setSndHWM(10_000);
            dealer.setReconnectIVL(100);
            dealer.setReconnectIVLMax(1000);
            dealer.setMaxMsgSize(SocketDefaults.MAX_MESSAGE_BYTES); // a peer's ROUTER sends nothing back; a stranger posing as one gets little
            if (secure && !endpoint.startsWith("inproc://")) config.security().configureClient(dealer);
            dealer.connect(endpoint);
            frame = new WireWriter(config.batchBytes() + 1024, codecs.limits().maxFrameBytes());
        }

        void append(byte[] entry, int msgs) {
            if (countAt >= 0 && (count >= codecs.limits().maxEntries() || frame.position() + entry.length > codecs.limits().maxFrameBytes())) {
                flush();
            }
            if (countAt < 0) {
                frame.reset();
                countAt = NodeFrame.begin(frame, name(), incarnation, endpoint(), config.hidden());
            }
            frame.writeRaw(entry, 0, entry.length);
            count++;
            messages += msgs;
            if (frame.position() >= config.batchBytes()) flush();
        }

        void flush() {
            if (countAt < 0) return;
            NodeFrame.finish(frame, countAt, count);
            byte[] bytes = frame.toByteArray();
            framesOut.incrementAndGet();
            bytesOut.addAndGet(bytes.length);
            messagesOut.add(messages);
            countAt = -1;
            count = 0;
            messages = 0;
            if (!pending.isEmpty() || !FrameParts.send(dealer, bytes)) {
                if (pending.size() >= 4 * MAX_PENDING_FRAMES) {
                    droppedFrames.incrementAndGet(); // only heartbeats and replies can get here past the limit
                } else {
                    pending.add(bytes);
                }
            }
        }

        /** Retries frames ZeroMQ refused; true if some remain. */
        boolean retryPending() {
            while (!pending.isEmpty()) {
                if (!FrameParts.send(dealer, pending.peek())) return true;
                pending.poll();
            }
            return false;
        }

        void close() {
            context.destroySocket(dealer);
        }
    }

    /**
     * Moves queued entries into per-peer frames and hands them to ZeroMQ. Called with the wire lock
     * held, by whichever thread got it: usually the sender itself (flat combining: one thread
     * flushes everything queued so far, so a lone message goes out at once and a busy node still
     * sends many messages per frame), else the writer thread. Returns true if frames wait for a peer.
     */
    private boolean drainAndFlush() {
        int drained = 0;
        Object item;
        // A peer that does not keep up holds everything back (its frames wait in `pending`): the outbox then
        // fills and sends are REJECTED, so the senders learn of the overload instead of messages being dropped.
        while (drained < 16_384 && !blocked && (item = outbox.poll()) != null) {
            drained++;
            if (!(item instanceof Out o && o.lazy())) eagerQueued.decrementAndGet();
            switch (item) {
                case Out o -> {
                    queued.decrementAndGet();
                    links.computeIfAbsent(o.endpoint(), Link::new).append(o.entry(), o.messages());
                }
                case Connect c -> links.computeIfAbsent(c.endpoint(), Link::new);
                case Disconnect d -> {
                    Link l = links.remove(d.endpoint());
                    if (l != null) l.close();
                }
                default -> throw new IllegalStateException("unknown outbox item " + item);
            }
        }
        boolean backlog = false;
        for (Link l : links.values()) {
            l.flush();
            backlog |= l.retryPending();
        }
        blocked = false;
        for (Link l : links.values()) blocked |= l.pending.size() >= MAX_PENDING_FRAMES;
        return backlog;
    }

    /**
     * After queuing: sporadic traffic (a call, a reply) is flushed at once by the sending thread, which
     * saves waking the writer (tens of microseconds on a busy machine); a burst (more than
     * {@link #DIRECT_FLUSHES} flushes within {@link #DIRECT_WINDOW_NANOS}) is left to the writer
     * thread, which packs many messages into each frame while it stays awake.
     */
    private void flushOrLeave() {
        if (writerActive || !running) return; // the writer is draining and will pick it up
        boolean direct = false;
        if (wireLock.tryLock()) {
            try {
                long now = System.nanoTime();
                if (now - directWindowStart > DIRECT_WINDOW_NANOS) {
                    directWindowStart = now;
                    directFlushes = 0;
                }
                if (directFlushes < DIRECT_FLUSHES && running) {
                    directFlushes++;
                    direct = true;
                    drainAndFlush();
                }
            } catch (RuntimeException e) {
                log.error("node {}: sending failed", name(), e);
            } finally {
                wireLock.unlock();
            }
        }
        if (!direct || !outbox.isEmpty()) LockSupport.unpark(writer);
    }

    private void writeLoop() {
        long heartbeatNanos = config.heartbeatInterval().toNanos();
        long nextHeartbeat = System.nanoTime() + heartbeatNanos;
        long idleSince = System.nanoTime();
        long lazySince = 0;
        try {
            while (running) {
                boolean backlog;
                long start = System.nanoTime();
                if (eagerQueued.get() <= 0 && start - nextHeartbeat < 0 && !outbox.isEmpty()) {
                    // Only lazy entries wait: leave them a moment to ride along with a sender's next frame.
                    if (lazySince == 0) lazySince = start;
                    long left = lazySince + LAZY_FLUSH_NANOS - start;
                    if (left > 0) {
                        writerActive = false;
                        writerWakeAt = start + left;
                        if (eagerQueued.get() <= 0 && running) LockSupport.parkNanos(left);
                        continue;
                    }
                }
                lazySince = 0;
                writerActive = true;
                boolean stalled;
                wireLock.lock();
                try {
                    backlog = drainAndFlush();
                    stalled = blocked;
                    long now = System.nanoTime();
                    if (now - nextHeartbeat >= 0) {
                        nextHeartbeat = now + heartbeatNanos;
                        for (Peer p : peers.values()) {
                            if (p.up) {
                                Link l = links.computeIfAbsent(p.endpoint, Link::new);
                                l.append(HEARTBEAT, 0);
                                l.flush();
                            }
                        }
                    }
                } finally {
                    wireLock.unlock();
                }
                if (!outbox.isEmpty()) {
                    idleSince = System.nanoTime();
                    // A peer's frames are at their limit: ZeroMQ has to take some first. Waiting instead of
                    // spinning leaves the core to the threads that move them (on 2 cores, often the receiver).
                    if (stalled) LockSupport.parkNanos(STALLED_WAIT_NANOS);
                    continue;
                }
                if (System.nanoTime() - idleSince < WRITER_LINGER_NANOS) { // a burst may go on: stay awake briefly
                    Thread.onSpinWait();
                    continue;
                }
                writerActive = false;
                if (outbox.isEmpty() && running) { // re-check after clearing the flag: no lost wake-up
                    long wait = backlog ? 1_000_000 : Math.max(1, nextHeartbeat - System.nanoTime());
                    writerWakeAt = System.nanoTime() + wait;
                    LockSupport.parkNanos(wait);
                }
                idleSince = System.nanoTime();
            }
            wireLock.lock();
            try {
                drainAndFlush();
                // Orderly close: tell every peer, so they see us down at once rather than after the timeout.
                byte[] bye = encode(new NodeEntry.Goodbye());
                for (Peer p : peers.values()) {
                    if (p.up) {
                        Link l = links.computeIfAbsent(p.endpoint, Link::new);
                        l.append(bye, 0);
                        l.flush();
                    }
                }
                long deadline = System.nanoTime() + 200_000_000;
                for (Link l : links.values()) {
                    l.dealer.setLinger(200);
                    while (l.retryPending() && System.nanoTime() < deadline) LockSupport.parkNanos(1_000_000);
                }
            } finally {
                wireLock.unlock();
            }
        } catch (RuntimeException e) {
            if (running) log.error("node {} writer failed", name(), e);
        } finally {
            wireLock.lock();
            try {
                for (Link l : links.values()) {
                    try {
                        l.close();
                    } catch (RuntimeException ignored) {
                        // context closing
                    }
                }
                links.clear();
            } finally {
                wireLock.unlock();
            }
        }
    }

    // ------------------------------------------------------------------ reader thread

    private void readLoop() {
        long checkEvery = Math.min(config.heartbeatInterval().toNanos(), 100_000_000L);
        long nextCheck = System.nanoTime() + checkEvery;
        try {
            while (running) {
                byte[] identity;
                try {
                    identity = router.recv();
                } catch (ZMQException e) {
                    if (!running) break;
                    throw e;
                }
                if (identity != null) {
                    byte[] payload = receiveFrame();
                    if (payload != null) handleFrame(payload);
                }
                long now = System.nanoTime();
                if (now - nextCheck >= 0) {
                    nextCheck = now + checkEvery;
                    checkHeartbeats(now);
                }
            }
        } catch (RuntimeException e) {
            if (running) log.error("node {} reader failed", name(), e);
        } finally {
            readerStopped.complete(null);
        }
    }

    /**
     * The parts after a ROUTER identity, joined into one frame (see {@link FrameParts}); null (rejected)
     * when there are none or together they exceed the frame limit. Tells the guard the sender proved itself.
     */
    private byte[] receiveFrame() {
        List<byte[]> parts = new ArrayList<>(1);
        long total = 0;
        while (router.hasReceiveMore()) {
            zmq.Msg part = router.recvMsg(0);
            if (part == null) break;
            if (parts.isEmpty() && guard != null && guard.anyWaiting() && part.getMetadata() != null) {
                guard.proved(part.getMetadata().get(zmq.io.Metadata.PEER_ADDRESS));
            }
            total += part.size();
            if (total <= codecs.limits().maxFrameBytes()) parts.add(part.data());
        }
        if (parts.isEmpty()) {
            reject("frame with no body");
            return null;
        }
        if (total > codecs.limits().maxFrameBytes()) {
            reject("frame of " + total + " bytes in " + parts.size() + "+ parts exceeds the limit of " + codecs.limits().maxFrameBytes());
            return null;
        }
        return FrameParts.join(parts);
    }

    private long lastRejectLog;

    private void reject(String why) {
        rejectedFrames.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastRejectLog > 1_000_000_000L) {
            lastRejectLog = now;
            log.warn("node {} rejected a frame: {} ({} rejected so far)", name(), why, rejectedFrames.get());
        }
    }

    private void handleFrame(byte[] payload) {
        framesIn.incrementAndGet();
        bytesIn.addAndGet(payload.length);
        NodeFrame frame;
        try {
            frame = NodeFrame.decode(payload, codecs);
        } catch (WireException e) {
            reject(e.getMessage());
            return;
        }
        if (frame.node().equals(name())) {
            reject("frame claims to come from this node's own name " + name());
            return;
        }
        Peer peer = peers.get(frame.node());
        if (peer == null || peer.incarnation != frame.incarnation()) {
            if (peer != null && frame.incarnation() < peer.incarnation) return; // a straggler from a previous life
            if (peer != null) nodeLost(peer, "restarted (new incarnation)");
            peer = new Peer(frame.node(), frame.incarnation(), frame.endpoint(), frame.hidden());
            peers.put(peer.name, peer);
            log.info("node {}: connected to {} at {}", name(), peer.name, peer.endpoint);
            enqueueControl(new Connect(peer.endpoint));
            boolean theyAlreadyKnowUs = frame.entries().stream().anyMatch(e -> e instanceof NodeEntry.Hello h && h.reply());
            if (!theyAlreadyKnowUs) enqueue(peer.endpoint, encode(hello(true)), 0);
        }
        peer.lastHeard = System.nanoTime();
        CompletableFuture<String> join = joins.get(peer.endpoint);
        if (join != null) join.complete(peer.name);
        int delivered = 0;
        for (NodeEntry e : frame.entries()) {
            if (!peer.up) break; // a Goodbye earlier in this frame
            delivered += apply(peer, e);
        }
        messagesIn.add(delivered);
    }

    private Pid local(long id) {
        return new Pid(name(), id);
    }

    /** Applies one entry from {@code peer}; returns 1 for an application message, else 0. */
    private int apply(Peer peer, NodeEntry e) {
        switch (e) {
            case NodeEntry.Send s -> {
                if (!inbound.deliver(s.from(), local(s.toId()), s.message()).delivered()) undeliverable.increment();
                return 1;
            }
            case NodeEntry.SendNamed s -> {
                Optional<Pid> to = system.whereis(s.name());
                if (to.isEmpty() || !inbound.deliver(s.from(), to.get(), s.message()).delivered()) undeliverable.increment();
                return 1;
            }
            case NodeEntry.Link l -> inbound.link(l.from(), local(l.toId()));
            case NodeEntry.Unlink l -> inbound.unlink(l.from(), local(l.toId()));
            case NodeEntry.Monitor m -> inbound.monitor(m.ref(), m.watcher(), local(m.targetId()));
            case NodeEntry.Demonitor m -> inbound.demonitor(m.ref(), m.watcher(), local(m.targetId()));
            case NodeEntry.ExitSignal x -> inbound.exit(x.from(), local(x.toId()), x.reason(), x.viaLink());
            case NodeEntry.DownSignal d -> inbound.down(d.ref(), d.target(), local(d.watcherId()), d.reason());
            case NodeEntry.Hello h -> {
                if (!h.reply()) enqueue(peer.endpoint, encode(hello(true)), 0);
                gossip(h.peers());
            }
            case NodeEntry.Heartbeat h -> {
                // lastHeard already updated for the whole frame
            }
            case NodeEntry.Goodbye g -> nodeLost(peer, "left");
            case NodeEntry.Request q -> Thread.ofVirtual().name("tsunami-node-request").start(() -> serve(peer, q));
            case NodeEntry.Response r -> {
                PendingRequest p = requests.get(r.requestId());
                if (p != null && p.node().equals(peer.name)) p.future().complete(r);
            }
        }
        return 0;
    }

    /** Connects to every node a peer told us about that we do not know yet. */
    private void gossip(List<String> announced) {
        if (config.hidden()) return; // a hidden node talks only to the nodes it joined
        for (String s : announced) {
            int at = s.indexOf('@');
            if (at <= 0) continue;
            String peerName = s.substring(0, at), peerEndpoint = s.substring(at + 1);
            if (peerName.equals(name()) || isConnected(peerName)) continue;
            enqueueControl(new Connect(peerEndpoint));
            enqueue(peerEndpoint, encode(hello(false)), 0);
        }
    }

    private void serve(Peer peer, NodeEntry.Request q) {
        NodeEntry.Response answer;
        try {
            answer = switch (q.op()) {
                case "spawn" -> {
                    Optional<Function<Object, Behavior>> factory = system.behaviors().lookup(q.name());
                    yield factory.isEmpty()
                            ? new NodeEntry.Response(q.requestId(), false, "no behaviour registered as '" + q.name() + "' on node " + name())
                            : new NodeEntry.Response(q.requestId(), true, system.spawn(factory.get().apply(q.argument())));
                }
                case "whereis" -> new NodeEntry.Response(q.requestId(), true, system.whereis(q.name()).orElse(null));
                case "ps" -> new NodeEntry.Response(q.requestId(), true, processRows());
                default -> new NodeEntry.Response(q.requestId(), false, "unknown request '" + q.op() + "'");
            };
        } catch (RuntimeException e) {
            answer = new NodeEntry.Response(q.requestId(), false, e.toString());
        }
        if (peer.up) enqueue(peer.endpoint, encode(answer), 0);
    }

    private List<RemoteProcess> processRows() {
        List<RemoteProcess> rows = new ArrayList<>();
        for (ProcessInfo p : system.processes()) {
            rows.add(new RemoteProcess(p.pid(), p.name() == null ? "" : p.name(), p.state().name().toLowerCase(java.util.Locale.ROOT),
                    p.mailboxLength(), p.restarts()));
        }
        return rows;
    }

    private void checkHeartbeats(long now) {
        long timeout = config.heartbeatTimeout().toNanos();
        for (Peer p : peers.values()) {
            if (p.up && now - p.lastHeard > timeout) nodeLost(p, "no heartbeat for " + config.heartbeatTimeout().toMillis() + " ms");
        }
    }

    /** {@code peer} is gone: forget it, drop its link, and make the kernel fire noconnection. */
    private void nodeLost(Peer peer, String why) {
        if (!peer.up) return;
        peer.up = false;
        peers.remove(peer.name, peer);
        log.info("node {}: lost {} ({})", name(), peer.name, why);
        enqueueControl(new Disconnect(peer.endpoint));
        for (PendingRequest r : requests.values()) {
            if (r.node().equals(peer.name)) r.future().completeExceptionally(new NodeUnreachableException("node " + peer.name + " went down"));
        }
        inbound.nodeDown(peer.name);
    }

    /**
     * The node's own process, registered as "net_kernel" (as in Erlang): answers a call "nodes" with
     * the connected node names and "stats" with the wire counters, from this node or any other.
     */
    private void netKernel(tsunami.actor.ProcessContext self) {
        self.label("net_kernel");
        while (true) {
            tsunami.actor.Call call = self.receive(tsunami.actor.Call.class);
            Object answer = switch (String.valueOf(call.request())) {
                case "nodes" -> List.copyOf(connectedNodes());
                case "stats" -> {
                    NodeStats s = stats();
                    yield Map.of("messagesOut", s.messagesOut(), "messagesIn", s.messagesIn(), "framesOut", s.framesOut(),
                            "framesIn", s.framesIn(), "rejectedFrames", s.rejectedFrames(), "undeliverable", s.undeliverable());
                }
                default -> "unknown request '" + call.request() + "' (ask \"nodes\" or \"stats\")";
            };
            self.reply(call, answer);
        }
    }

    private static void registerNetTypes(CodecRegistry codecs) {
        synchronized (codecs) {
            if (!codecs.isRegistered(RemoteProcess.class)) codecs.registerRecord(80, RemoteProcess.class);
        }
    }

    // ------------------------------------------------------------------ shutdown

    /** Leaves the cluster (peers see this node down at once) and closes the sockets; the actor system keeps running. */
    @Override
    public void close() {
        if (!running) return;
        running = false;
        NODES.remove(system, this);
        Pid k = kernelPid;
        if (k != null && !system.isShutdown()) system.exit(k, ExitReason.SHUTDOWN);
        LockSupport.unpark(writer);
        try {
            writer.join(2000);
            readerStopped.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("node {} reader did not stop in time", name());
        }
        for (Peer p : peers.values()) nodeLost(p, "this node closed");
        if (guard != null) guard.close();
        closeSockets();
    }

    /** Connections to this node's endpoint and how their handshakes ended; zeros for an inproc node. */
    public HandshakeStats handshakeStats() {
        return guard == null ? HandshakeStats.NONE : guard.stats();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** How long closing the sockets and the context may take before the node gives up on them. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private volatile java.util.function.BiConsumer<String, Throwable> onFatal =
            (what, e) -> log.error("node {}: FATAL: {}; this node is no longer reliable", name(), what, e);

    /**
     * What to do when the node cannot go on (a JeroMQ I/O thread died, its context would not close in
     * {@link #CLOSE_TIMEOUT}): by default an error is logged; a process that runs a node (the CLI) should
     * print it and halt, so that its supervisor restarts it rather than keeping a deaf node.
     */
    public void onFatal(java.util.function.BiConsumer<String, Throwable> handler) {
        this.onFatal = java.util.Objects.requireNonNull(handler);
    }

    private void fatal(String what, Throwable e) {
        try {
            onFatal.accept(what, e);
        } catch (RuntimeException ignored) {
            // the handler is the last word; nothing to fall back to
        }
    }

    /** Closes the router and (when owned) the context, bounded by {@link #CLOSE_TIMEOUT}: JeroMQ's destroy can hang. */
    private void closeSockets() {
        Thread closer = Thread.ofPlatform().daemon().name("tsunami-node-close-" + system.node()).start(() -> {
            try {
                context.destroySocket(router);
            } catch (RuntimeException ignored) {
                // already closed with the context
            }
            if (ownsContext) context.close();
        });
        try {
            if (!closer.join(CLOSE_TIMEOUT)) {
                fatal("ZeroMQ context did not close within " + CLOSE_TIMEOUT.toSeconds() + " s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
