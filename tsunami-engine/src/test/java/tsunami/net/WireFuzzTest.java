package tsunami.net;

import org.junit.jupiter.api.Test;
import tsunami.actor.Call;
import tsunami.actor.Down;
import tsunami.actor.ExitReason;
import tsunami.actor.Pid;
import tsunami.actor.Ref;
import tsunami.actor.Reply;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Throws 1,200,000 random and mutated frames at the node frame decoder: each must either decode
 * or be rejected with a WireException (never another exception, never an allocation out of
 * proportion to the frame's own size).
 */
class WireFuzzTest {
    record Step(int frame, float reward, float[] obs, List<Object> extra) {
    }

    private static final int FRAMES = 1_200_000;

    @Test
    void randomAndMutatedFramesAreDecodedOrRejectedNeverCrash() {
        CodecRegistry registry = KernelCodecs.install(new CodecRegistry(new WireLimits(1 << 20, 4096, 1 << 16, 16, 1024)))
                .registerRecord(300, Step.class);
        List<byte[]> corpus = corpus(registry);
        SplittableRandom rnd = new SplittableRandom(20261122);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long accepted = 0, rejected = 0;
        double worstRatio = 0;
        for (int i = 0; i < FRAMES; i++) {
            byte[] frame = (i % 10 == 0) ? randomFrame(rnd) : mutate(corpus.get(rnd.nextInt(corpus.size())), rnd);
            boolean measure = (i & 63) == 0;
            long before = measure ? threads.getThreadAllocatedBytes(tid) : 0;
            try {
                NodeFrame decoded = NodeFrame.decode(frame, registry);
                assertNotNull(decoded.node());
                accepted++;
            } catch (WireException e) {
                assertNotNull(e.getMessage());
                rejected++;
            } catch (RuntimeException | Error e) {
                fail("frame " + i + " (" + frame.length + " bytes) made the decoder throw " + e, e);
            }
            if (measure) {
                long allocated = threads.getThreadAllocatedBytes(tid) - before;
                // (after warm-up: class loading and JIT allocate too)
                if (i > 20_000) worstRatio = Math.max(worstRatio, (allocated - 4096.0) / Math.max(1, frame.length));
            }
        }
        assertEquals(FRAMES, accepted + rejected);
        assertTrue(rejected > FRAMES / 2, "most mutations must be caught: rejected " + rejected);
        assertTrue(accepted > 1000, "some mutations stay valid (e.g. changed payload bytes): accepted " + accepted);
        // Forged lengths must not allocate: the decoder never allocates much more than the frame holds.
        assertTrue(worstRatio < 64, "bytes allocated per frame byte beyond 4 KiB: " + worstRatio);
    }

    @Test
    void everyCorpusFrameDecodesToWhatWasEncoded() {
        CodecRegistry registry = KernelCodecs.install(new CodecRegistry()).registerRecord(300, Step.class);
        for (byte[] frame : corpus(registry)) {
            NodeFrame f = NodeFrame.decode(frame, registry);
            assertEquals("alpha", f.node());
            assertFalse(f.entries().isEmpty());
        }
    }

    @Test
    void truncatedFramesAreAllRejected() {
        CodecRegistry registry = KernelCodecs.install(new CodecRegistry()).registerRecord(300, Step.class);
        for (byte[] frame : corpus(registry)) {
            for (int len = 0; len < frame.length; len++) {
                byte[] cut = java.util.Arrays.copyOf(frame, len);
                assertThrows(WireException.class, () -> NodeFrame.decode(cut, registry), "prefix of " + cut.length + " bytes");
            }
        }
    }

    static List<byte[]> corpus(CodecRegistry registry) {
        Pid a = new Pid("alpha", 7), b = new Pid("beta", 9);
        Ref ref = new Ref("alpha", 3);
        List<List<NodeEntry>> batches = List.of(
                List.of(new NodeEntry.Hello(false, List.of("beta@tcp://127.0.0.1:5000", "gamma@ipc:///tmp/g"))),
                List.of(new NodeEntry.Heartbeat(), new NodeEntry.Goodbye()),
                List.of(new NodeEntry.Send(a, 9, "hello"), new NodeEntry.Send(null, 9, new byte[100]),
                        new NodeEntry.Send(a, 9, new Step(12, 0.5f, new float[]{1, 2, 3}, List.of(1L, "x", Map.of("k", 2.0))))),
                List.of(new NodeEntry.SendNamed(a, "learner", new FloatTensor(new int[]{2, 2}, new float[]{1, 2, 3, 4})),
                        new NodeEntry.Send(a, 9, new Call("ping", a, ref)), new NodeEntry.Send(b, 7, new Reply(ref, List.of(1, 2)))),
                List.of(new NodeEntry.Link(a, 9), new NodeEntry.Unlink(a, 9), new NodeEntry.Monitor(ref, a, 9),
                        new NodeEntry.Demonitor(ref, a, 9)),
                List.of(new NodeEntry.ExitSignal(a, 9, ExitReason.crash(new IllegalStateException("boom")), true),
                        new NodeEntry.ExitSignal(a, 9, ExitReason.shutdown("bye"), false),
                        new NodeEntry.DownSignal(ref, b, 7, ExitReason.NOCONNECTION),
                        new NodeEntry.Send(a, 9, new Down(ref, b, ExitReason.custom(List.of("why", 42))))),
                List.of(new NodeEntry.Request(5, "spawn", "echo", new IntTensor(new int[]{3}, new int[]{1, 2, 3})),
                        new NodeEntry.Response(5, true, b), new NodeEntry.Response(6, false, "no such behaviour")));
        List<byte[]> frames = new ArrayList<>();
        for (List<NodeEntry> batch : batches) {
            WireWriter w = new WireWriter(256, registry.limits().maxFrameBytes());
            int countAt = NodeFrame.begin(w, "alpha", 1234567L, "tcp://127.0.0.1:5001", false);
            for (NodeEntry e : batch) NodeFrame.write(w, e, registry);
            NodeFrame.finish(w, countAt, batch.size());
            frames.add(w.toByteArray());
        }
        return frames;
    }

    private static byte[] randomFrame(SplittableRandom rnd) {
        byte[] f = new byte[rnd.nextInt(0, 200)];
        for (int i = 0; i < f.length; i++) f[i] = (byte) rnd.nextInt();
        if (f.length > 2 && rnd.nextBoolean()) {
            f[0] = 'T'; // get past the magic and version so the deeper code is exercised
            f[1] = CodecRegistry.WIRE_VERSION;
        }
        return f;
    }

    private static byte[] mutate(byte[] original, SplittableRandom rnd) {
        byte[] f = original.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            switch (rnd.nextInt(6)) {
                case 0 -> f[rnd.nextInt(f.length)] ^= (byte) (1 << rnd.nextInt(8));   // bit flip
                case 1 -> f[rnd.nextInt(f.length)] = (byte) rnd.nextInt();           // byte change
                case 2 -> {                                                          // forged int (lengths, counts, tags)
                    if (f.length < 4) break;
                    int at = rnd.nextInt(f.length - 3);
                    int v = switch (rnd.nextInt(4)) {
                        case 0 -> -1;
                        case 1 -> Integer.MAX_VALUE;
                        case 2 -> rnd.nextInt(1 << 20);
                        default -> rnd.nextInt();
                    };
                    WireWriter.INT.set(f, at, v);
                }
                case 3 -> f = java.util.Arrays.copyOf(f, rnd.nextInt(f.length + 1));  // truncate
                case 4 -> f = java.util.Arrays.copyOf(f, f.length + rnd.nextInt(1, 16)); // trailing garbage
                default -> {                                                         // tag change
                    if (f.length < 2) break;
                    int at = rnd.nextInt(f.length - 1);
                    f[at] = (byte) rnd.nextInt(80);
                    f[at + 1] = (byte) (rnd.nextInt(4) == 0 ? 1 : 0);
                }
            }
            if (f.length == 0) break;
        }
        return f;
    }
}
