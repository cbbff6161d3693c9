package tsunami.net;

/**
 * Upper bounds the decoder enforces on every frame from the network, so a hostile or broken
 * peer can make a node allocate at most {@code maxFrameBytes} (the frame itself) plus objects
 * whose total size is bounded by the bytes actually present in the frame.
 *
 * @param maxFrameBytes    largest frame accepted (and produced)
 * @param maxStringBytes   largest UTF-8 string field
 * @param maxArrayLength   most elements in one array, list or tensor field
 * @param maxDepth         deepest nesting of lists/records inside one message
 * @param maxEntries       most messages in one batched frame
 */
public record WireLimits(int maxFrameBytes, int maxStringBytes, int maxArrayLength, int maxDepth, int maxEntries) {
    public static final WireLimits DEFAULT = new WireLimits(64 << 20, 1 << 20, 16 << 20, 32, 1 << 16);

    public WireLimits {
        if (maxFrameBytes < 64 || maxStringBytes < 1 || maxArrayLength < 1 || maxDepth < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("wire limits must be positive (frame >= 64 bytes): " + this);
        }
    }
}
