package tsunami.net;

/**
 * How one message type is written to and read from the wire. Registered explicitly in a
 * {@link CodecRegistry} under a numeric tag; the wire never names Java classes.
 * {@code read} must throw {@link WireException} (never allocate unboundedly) on bad input;
 * the {@link WireReader} methods already do both.
 */
public interface MessageCodec<T> {
    void write(WireWriter out, T value, CodecRegistry registry);

    T read(WireReader in, CodecRegistry registry);
}
