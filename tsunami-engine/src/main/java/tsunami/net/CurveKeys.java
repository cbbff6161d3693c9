package tsunami.net;


import java.security.MessageDigest;
import java.util.HexFormat;

/** A CURVE (X25519) keypair, 32 bytes each. */
public record CurveKeys(byte[] publicKey, byte[] secretKey) {
    public CurveKeys {
        if (publicKey.length != 32 || secretKey.length != 32) throw new IllegalArgumentException("CURVE keys are 32 bytes");
        publicKey = publicKey.clone();
        secretKey = secretKey.clone();
    }

    /** A fresh random keypair: what a peer without the cluster secret has at best. */
    public static CurveKeys random() {
        org.zeromq.ZMQ.Curve.KeyPair kp = org.zeromq.ZMQ.Curve.generateKeyPair();
        return new CurveKeys(org.zeromq.ZMQ.Curve.z85Decode(kp.publicKey), org.zeromq.ZMQ.Curve.z85Decode(kp.secretKey));
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] secretKey() {
        return secretKey.clone();
    }

    public boolean isPublicKey(byte[] candidate) {
        return candidate != null && MessageDigest.isEqual(publicKey, candidate);
    }

    /** Short fingerprint of the public key for logs (never print the secret key). */
    public String fingerprint() {
        return HexFormat.of().formatHex(publicKey, 0, 6);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CurveKeys k && MessageDigest.isEqual(publicKey, k.publicKey) && MessageDigest.isEqual(secretKey, k.secretKey);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "CurveKeys[" + fingerprint() + "…]";
    }
}
