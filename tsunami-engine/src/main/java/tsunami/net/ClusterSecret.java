package tsunami.net;

import com.neilalexander.jnacl.crypto.curve25519;
import tsunami.BadInputException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The cluster secret, like Erlang's cookie: every node holding the same secret derives the same
 * CURVE keypair and so can authenticate to every other; a peer without it can neither complete
 * the CURVE handshake (it does not know the server key) nor pass the ZAP check (it cannot prove
 * the cluster's client key). The file holds one line of text and must be readable by its owner only.
 */
public final class ClusterSecret {
    /** Where nodes look when no file is named: {@code ~/.tsunami/cluster.secret}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".tsunami", "cluster.secret");
    }

    private static final int MAX_BYTES = 4096;
    /** A secret file must hold at least this many bytes... */
    static final int MIN_BYTES = 16;
    /** ...and at least this many bits by a character-frequency estimate (a generated file holds 256). */
    static final double MIN_ESTIMATED_BITS = 48;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final byte[] secret;

    private ClusterSecret(byte[] secret) {
        if (secret.length == 0) throw new IllegalArgumentException("empty cluster secret");
        this.secret = secret.clone();
    }

    /**
     * A secret given directly (tests, embedded use), not checked for strength; real nodes use
     * {@link #loadOrCreate}, which refuses weak secrets.
     */
    public static ClusterSecret of(String secret) {
        return new ClusterSecret(secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the secret file, or creates it with 256 random bits and permissions 0600 when it is
     * missing (written to a temporary name and renamed, so a crash never leaves a half-written
     * secret). Refuses a file others can read or write, an empty one, or one over 4 KiB.
     */
    public static ClusterSecret loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) create(file);
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (view != null) {
                Set<PosixFilePermission> perms = view.readAttributes().permissions();
                for (PosixFilePermission p : perms) {
                    if (!OWNER_ONLY.contains(p) && p != PosixFilePermission.OWNER_EXECUTE) {
                        throw new BadInputException("cluster secret file " + file + " is accessible by others ("
                                + PosixFilePermissions.toString(perms) + "); make it owner-only: chmod 600 " + file);
                    }
                }
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) throw new BadInputException("cluster secret file " + file + " is " + size + " bytes; at most " + MAX_BYTES + " allowed");
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) throw new BadInputException("cluster secret file " + file + " is empty");
            String weak = weakness(text.getBytes(StandardCharsets.UTF_8));
            if (weak != null) {
                throw new BadInputException("cluster secret file " + file + " holds a weak secret (" + weak
                        + "); delete it to have a random one generated, or write at least 32 random hex digits to it");
            }
            return new ClusterSecret(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadInputException("cannot read cluster secret file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Why {@code secret} is too weak to guard a cluster, or null when it is not: shorter than
     * {@link #MIN_BYTES}, or under {@link #MIN_ESTIMATED_BITS} by length × Shannon entropy of its byte
     * frequencies (refuses "aaaaaaaaaaaaaaaaaaaa" and "passwordpassword"; a guessable phrase of varied
     * letters still passes, so this is a floor, not a guarantee).
     */
    static String weakness(byte[] secret) {
        if (secret.length < MIN_BYTES) return secret.length + " bytes; at least " + MIN_BYTES + " required";
        int[] counts = new int[256];
        for (byte b : secret) counts[b & 0xff]++;
        double bitsPerByte = 0;
        for (int c : counts) {
            if (c == 0) continue;
            double p = (double) c / secret.length;
            bitsPerByte -= p * (Math.log(p) / Math.log(2));
        }
        double bits = bitsPerByte * secret.length;
        if (bits < MIN_ESTIMATED_BITS) {
            return String.format(java.util.Locale.ROOT, "about %.0f bits by character frequency; at least %.0f required", bits, MIN_ESTIMATED_BITS);
        }
        return null;
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Path tmp = dir.resolve(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(tmp, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
        try {
            // No REPLACE_EXISTING: if another node created the file meanwhile, theirs wins.
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(tmp);
            if (!Files.exists(file)) throw e;
        }
    }

    /** The cluster CURVE keypair: secret key = HMAC-SHA256(secret, "tsunami-node-key"), public = X25519 base point × it. */
    public CurveKeys deriveKeys() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] secretKey = mac.doFinal("tsunami-node-key".getBytes(StandardCharsets.US_ASCII));
            byte[] publicKey = new byte[32];
            curve25519.crypto_scalarmult_base(publicKey, secretKey);
            return new CurveKeys(publicKey, secretKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
