package tsunami.net;

import tsunami.actor.Call;
import tsunami.actor.Down;
import tsunami.actor.Exit;
import tsunami.actor.ExitReason;
import tsunami.actor.Pid;
import tsunami.actor.Ref;
import tsunami.actor.Reply;

/**
 * Wire codecs for the kernel's own message types (pids, refs, calls, replies, Down, Exit, exit
 * reasons), under reserved tags 64..79. A crash reason crosses the wire as the exception's class
 * name and message only ({@link RemoteError}); a custom reason or shutdown detail that has no
 * codec crosses as its text.
 */
public final class KernelCodecs {
    public static final int PID = 64, REF = 65, CALL = 66, REPLY = 67, DOWN = 68, EXIT = 69, EXIT_REASON = 70;

    private KernelCodecs() {
    }

    /** Adds the kernel types to {@code registry} unless they are already there. */
    public static CodecRegistry install(CodecRegistry registry) {
        synchronized (registry) {
            if (registry.isRegistered(Pid.class)) return registry;
            registry.register(PID, Pid.class, new MessageCodec<>() {
                @Override
                public void write(WireWriter out, Pid p, CodecRegistry r) {
                    out.writeString(p.node());
                    out.writeLong(p.id());
                }

                @Override
                public Pid read(WireReader in, CodecRegistry r) {
                    return readPid(in);
                }
            });
            registry.register(REF, Ref.class, new MessageCodec<>() {
                @Override
                public void write(WireWriter out, Ref ref, CodecRegistry r) {
                    out.writeString(ref.node());
                    out.writeLong(ref.id());
                }

                @Override
                public Ref read(WireReader in, CodecRegistry r) {
                    return readRef(in);
                }
            });
            registry.register(CALL, Call.class, new MessageCodec<>() {
                @Override
                public void write(WireWriter out, Call c, CodecRegistry r) {
                    r.writeValue(out, c.request());
                    writePid(out, c.from());
                    writeRef(out, c.ref());
                }

                @Override
                public Call read(WireReader in, CodecRegistry r) {
                    return new Call(r.readValue(in), readPid(in), readRef(in));
                }
            });
            registry.register(REPLY, Reply.class, new MessageCodec<>() {
                @Override
                public void write(WireWriter out, Reply rep, CodecRegistry r) {
                    writeRef(out, rep.ref());
                    r.writeValue(out, rep.value());
                }

                @Override
                public Reply read(WireReader in, CodecRegistry r) {
                    return new Reply(readRef(in), r.readValue(in));
                }
            });
            registry.register(DOWN, Down.class, new MessageCodec<>() {
                @Override
                public void write(WireWriter out, Down d, CodecRegistry r) {
                    writeRef(out, d.ref());
                    writePid(out, d.pid());
                    writeReason(out, d.reason(), r);
                }

                @Override
                public Down read(WireReader in, CodecRegistry r) {
                    return new Down(readRef(in), readPid(in), readReason(in, r));
                }
            });
            registry.register(EXIT, Exit.class, new MessageCodec<>() {
                @Override
                public void write(WireWriter out, Exit e, CodecRegistry r) {
                    writePid(out, e.from());
                    writeReason(out, e.reason(), r);
                }

                @Override
                public Exit read(WireReader in, CodecRegistry r) {
                    return new Exit(readPid(in), readReason(in, r));
                }
            });
            registry.register(EXIT_REASON, ExitReason.class, new MessageCodec<>() {
                @Override
                public void write(WireWriter out, ExitReason reason, CodecRegistry r) {
                    writeReason(out, reason, r);
                }

                @Override
                public ExitReason read(WireReader in, CodecRegistry r) {
                    return readReason(in, r);
                }
            });
            return registry;
        }
    }

    static void writePid(WireWriter out, Pid p) {
        out.writeString(p.node());
        out.writeLong(p.id());
    }

    static Pid readPid(WireReader in) {
        String node = in.readString();
        long id = in.readLong();
        if (node.isEmpty()) throw new WireException("pid with an empty node name at offset " + in.position());
        return new Pid(node, id);
    }

    static void writeRef(WireWriter out, Ref ref) {
        out.writeString(ref.node());
        out.writeLong(ref.id());
    }

    static Ref readRef(WireReader in) {
        return new Ref(in.readString(), in.readLong());
    }

    private static final int NORMAL = 0, SHUTDOWN = 1, KILL = 2, KILLED = 3, NOPROC = 4, NOCONNECTION = 5, CRASH = 6, CUSTOM = 7;

    static void writeReason(WireWriter out, ExitReason reason, CodecRegistry r) {
        switch (reason) {
            case ExitReason.Normal n -> out.writeByte(NORMAL);
            case ExitReason.Shutdown s -> {
                out.writeByte(SHUTDOWN);
                r.writeValue(out, portable(s.detail(), r));
            }
            case ExitReason.Kill k -> out.writeByte(KILL);
            case ExitReason.Killed k -> out.writeByte(KILLED);
            case ExitReason.NoProc n -> out.writeByte(NOPROC);
            case ExitReason.NoConnection n -> out.writeByte(NOCONNECTION);
            case ExitReason.Crash c -> {
                out.writeByte(CRASH);
                Throwable t = c.error();
                out.writeString(t instanceof RemoteError re ? re.remoteType() : t.getClass().getName());
                String msg = t instanceof RemoteError re ? re.remoteMessage() : t.getMessage();
                r.writeValue(out, msg == null ? null : truncate(msg, 4096));
            }
            case ExitReason.Custom c -> {
                out.writeByte(CUSTOM);
                r.writeValue(out, portable(c.value(), r));
            }
        }
    }

    static ExitReason readReason(WireReader in, CodecRegistry r) {
        int at = in.position();
        int kind = in.readByte();
        return switch (kind) {
            case NORMAL -> ExitReason.NORMAL;
            case SHUTDOWN -> {
                Object detail = r.readValue(in);
                yield detail == null ? ExitReason.SHUTDOWN : ExitReason.shutdown(detail);
            }
            case KILL -> ExitReason.KILL;
            case KILLED -> ExitReason.KILLED;
            case NOPROC -> ExitReason.NOPROC;
            case NOCONNECTION -> ExitReason.NOCONNECTION;
            case CRASH -> {
                String type = in.readString();
                String msg = r.readValue(in, String.class);
                yield ExitReason.crash(new RemoteError(type, msg));
            }
            case CUSTOM -> {
                Object v = r.readValue(in);
                if (v == null) throw new WireException("custom exit reason without a value at offset " + at);
                yield ExitReason.custom(v);
            }
            default -> throw new WireException("unknown exit reason kind " + kind + " at offset " + at);
        };
    }

    /** A value as it can cross the wire: itself if it has a codec, else its text. */
    private static Object portable(Object v, CodecRegistry r) {
        if (v == null) return null;
        try {
            r.encode(v);
            return v;
        } catch (IllegalArgumentException e) {
            return String.valueOf(v);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
