package tsunami.net;

import tsunami.actor.Pid;

import java.util.ArrayList;
import java.util.List;

/**
 * The frame format between nodes (wire version {@link CodecRegistry#WIRE_VERSION}):
 * <pre>
 *   u8 magic 'T', u8 version, u8 flags (bit 0: hidden node),
 *   string sender node, i64 sender incarnation, string sender endpoint,
 *   i32 count, count × entry (u8 op, fields, tagged values)
 * </pre>
 * The header names the sending node in every frame, so a node that restarted (new incarnation)
 * or that a peer has never met is recognised from any frame. Decoding is all-or-nothing: a frame
 * with any bad entry is rejected whole, so nothing of it is delivered.
 */
record NodeFrame(String node, long incarnation, String endpoint, boolean hidden, List<NodeEntry> entries) {
    static final int MAGIC = 'T';
    static final int FLAG_HIDDEN = 1;
    static final int MAX_NAME = 255;

    private static final int HELLO = 1, HEARTBEAT = 2, GOODBYE = 3, SEND = 4, SEND_NAMED = 5, LINK = 6, UNLINK = 7,
            MONITOR = 8, DEMONITOR = 9, EXIT = 10, DOWN = 11, REQUEST = 12, RESPONSE = 13;

    /** Writes the header with a placeholder count; returns the count's position for {@link #finish}. */
    static int begin(WireWriter w, String node, long incarnation, String endpoint, boolean hidden) {
        w.writeByte(MAGIC);
        w.writeByte(CodecRegistry.WIRE_VERSION);
        w.writeByte(hidden ? FLAG_HIDDEN : 0);
        w.writeString(node);
        w.writeLong(incarnation);
        w.writeString(endpoint);
        int countAt = w.position();
        w.writeInt(0);
        return countAt;
    }

    static void finish(WireWriter w, int countAt, int count) {
        w.patchInt(countAt, count);
    }

    static void write(WireWriter w, NodeEntry e, CodecRegistry r) {
        switch (e) {
            case NodeEntry.Hello h -> {
                w.writeByte(HELLO);
                w.writeBoolean(h.reply());
                w.writeInt(h.peers().size());
                for (String p : h.peers()) w.writeString(p);
            }
            case NodeEntry.Heartbeat h -> w.writeByte(HEARTBEAT);
            case NodeEntry.Goodbye g -> w.writeByte(GOODBYE);
            case NodeEntry.Send s -> {
                w.writeByte(SEND);
                writeOptionalPid(w, s.from());
                w.writeLong(s.toId());
                r.writeValue(w, s.message());
            }
            case NodeEntry.SendNamed s -> {
                w.writeByte(SEND_NAMED);
                writeOptionalPid(w, s.from());
                w.writeString(s.name());
                r.writeValue(w, s.message());
            }
            case NodeEntry.Link l -> {
                w.writeByte(LINK);
                KernelCodecs.writePid(w, l.from());
                w.writeLong(l.toId());
            }
            case NodeEntry.Unlink l -> {
                w.writeByte(UNLINK);
                KernelCodecs.writePid(w, l.from());
                w.writeLong(l.toId());
            }
            case NodeEntry.Monitor m -> {
                w.writeByte(MONITOR);
                KernelCodecs.writeRef(w, m.ref());
                KernelCodecs.writePid(w, m.watcher());
                w.writeLong(m.targetId());
            }
            case NodeEntry.Demonitor m -> {
                w.writeByte(DEMONITOR);
                KernelCodecs.writeRef(w, m.ref());
                KernelCodecs.writePid(w, m.watcher());
                w.writeLong(m.targetId());
            }
            case NodeEntry.ExitSignal x -> {
                w.writeByte(EXIT);
                KernelCodecs.writePid(w, x.from());
                w.writeLong(x.toId());
                KernelCodecs.writeReason(w, x.reason(), r);
                w.writeBoolean(x.viaLink());
            }
            case NodeEntry.DownSignal d -> {
                w.writeByte(DOWN);
                KernelCodecs.writeRef(w, d.ref());
                KernelCodecs.writePid(w, d.target());
                w.writeLong(d.watcherId());
                KernelCodecs.writeReason(w, d.reason(), r);
            }
            case NodeEntry.Request q -> {
                w.writeByte(REQUEST);
                w.writeLong(q.requestId());
                w.writeString(q.op());
                w.writeString(q.name());
                r.writeValue(w, q.argument());
            }
            case NodeEntry.Response p -> {
                w.writeByte(RESPONSE);
                w.writeLong(p.requestId());
                w.writeBoolean(p.ok());
                r.writeValue(w, p.value());
            }
        }
    }

    private static void writeOptionalPid(WireWriter w, Pid p) {
        if (p == null) {
            w.writeBoolean(false);
        } else {
            w.writeBoolean(true);
            KernelCodecs.writePid(w, p);
        }
    }

    /** Decodes a whole frame or throws {@link WireException}; nothing is delivered from a bad frame. */
    static NodeFrame decode(byte[] frame, CodecRegistry r) {
        WireReader in = new WireReader(frame, r.limits());
        int magic = in.readByte();
        if (magic != MAGIC) throw new WireException("not a Tsunami node frame (first byte " + magic + ")");
        int version = in.readByte();
        if (version != CodecRegistry.WIRE_VERSION) {
            throw new WireException("unsupported wire version " + version + " (this node speaks " + CodecRegistry.WIRE_VERSION + ")");
        }
        int flags = in.readByte();
        if ((flags & ~FLAG_HIDDEN) != 0) throw new WireException("unknown frame flags " + flags);
        String node = readName(in, "sender node name");
        long incarnation = in.readLong();
        String endpoint = in.readString();
        int count = in.readLength("frame entry count", 1, r.limits().maxEntries());
        List<NodeEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) entries.add(readEntry(in, r));
        in.expectEnd("node frame");
        return new NodeFrame(node, incarnation, endpoint, (flags & FLAG_HIDDEN) != 0, entries);
    }

    private static String readName(WireReader in, String what) {
        int at = in.position();
        String s = in.readString();
        if (s.isEmpty() || s.length() > MAX_NAME) throw new WireException(what + " at offset " + at + " must be 1.." + MAX_NAME + " characters");
        return s;
    }

    private static NodeEntry readEntry(WireReader in, CodecRegistry r) {
        int at = in.position();
        int op = in.readByte();
        return switch (op) {
            case HELLO -> {
                boolean reply = in.readBoolean();
                int n = in.readLength("peer list", 4, 4096);
                List<String> peers = new ArrayList<>(n);
                for (int i = 0; i < n; i++) peers.add(in.readString());
                yield new NodeEntry.Hello(reply, List.copyOf(peers));
            }
            case HEARTBEAT -> new NodeEntry.Heartbeat();
            case GOODBYE -> new NodeEntry.Goodbye();
            case SEND -> new NodeEntry.Send(readOptionalPid(in), in.readLong(), r.readValue(in));
            case SEND_NAMED -> new NodeEntry.SendNamed(readOptionalPid(in), readName(in, "registered name"), r.readValue(in));
            case LINK -> new NodeEntry.Link(KernelCodecs.readPid(in), in.readLong());
            case UNLINK -> new NodeEntry.Unlink(KernelCodecs.readPid(in), in.readLong());
            case MONITOR -> new NodeEntry.Monitor(KernelCodecs.readRef(in), KernelCodecs.readPid(in), in.readLong());
            case DEMONITOR -> new NodeEntry.Demonitor(KernelCodecs.readRef(in), KernelCodecs.readPid(in), in.readLong());
            case EXIT -> new NodeEntry.ExitSignal(KernelCodecs.readPid(in), in.readLong(), KernelCodecs.readReason(in, r), in.readBoolean());
            case DOWN -> new NodeEntry.DownSignal(KernelCodecs.readRef(in), KernelCodecs.readPid(in), in.readLong(), KernelCodecs.readReason(in, r));
            case REQUEST -> new NodeEntry.Request(in.readLong(), readName(in, "request op"), in.readString(), r.readValue(in));
            case RESPONSE -> new NodeEntry.Response(in.readLong(), in.readBoolean(), r.readValue(in));
            default -> throw new WireException("unknown frame entry op " + op + " at offset " + at);
        };
    }

    private static Pid readOptionalPid(WireReader in) {
        return in.readBoolean() ? KernelCodecs.readPid(in) : null;
    }
}
