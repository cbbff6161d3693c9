package tsunami.bench;

import com.neilalexander.jnacl.crypto.xsalsa20poly1305;

import java.util.concurrent.ThreadLocalRandom;

/**
 * CURVE's per-message work measured alone, on one thread: sealing and opening the XSalsa20-Poly1305
 * box that JeroMQ 0.6.0's CURVE puts around every ZeroMQ message (with jnacl, the pure-Java NaCl it
 * ships with, and a precomputed key, as CURVE does after its handshake). A node cannot move more
 * CURVE traffic than this allows, whatever else it does: that is what "CURVE is the wall" means.
 */
public final class CurveAlone {
    private static final int ZERO_BYTES = 32; // NaCl's box API: the plaintext starts with 32 zero bytes

    private CurveAlone() {
    }

    /** Boxes of {@code size} plaintext bytes sealed and opened per second, for {@code seconds}. */
    public static double sealOpenPerSecond(int size, double seconds) {
        byte[] key = new byte[32], nonce = new byte[24];
        ThreadLocalRandom.current().nextBytes(key);
        byte[] plain = new byte[ZERO_BYTES + size], sealed = new byte[plain.length], opened = new byte[plain.length];
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long boxes = 0;
        long t0 = System.nanoTime(), now;
        do {
            nonce[0]++;
            if (xsalsa20poly1305.crypto_secretbox(sealed, plain, plain.length, nonce, key) != 0
                    || xsalsa20poly1305.crypto_secretbox_open(opened, sealed, sealed.length, nonce, key) != 0)
                throw new IllegalStateException("box of " + size + " bytes did not seal and open");
            boxes++;
        } while ((now = System.nanoTime()) < deadline);
        return boxes / ((now - t0) / 1e9);
    }
}
