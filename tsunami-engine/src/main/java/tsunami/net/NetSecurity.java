package tsunami.net;

import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * How a node's sockets are secured: CURVE with the cluster keypair (the default) or, for
 * benchmarks that measure CURVE's cost only, plain text. Server sockets ask the context's
 * {@link ZapAuthenticator} about every handshake, which admits only the cluster key.
 */
public final class NetSecurity {
    static final String ZAP_DOMAIN = "tsunami";
    // keyed by the underlying context: shadows of one context (a device restarted in a shared context) share its ZAP endpoint
    private static final Map<org.zeromq.ZMQ.Context, ZapAuthenticator> AUTHENTICATORS = new WeakHashMap<>();

    private final CurveKeys keys;

    private NetSecurity(CurveKeys keys) {
        this.keys = keys;
    }

    public static NetSecurity curve(CurveKeys clusterKeys) {
        return new NetSecurity(clusterKeys);
    }

    public static NetSecurity curve(ClusterSecret secret) {
        return new NetSecurity(secret.deriveKeys());
    }

    /** No authentication, no encryption: only for measuring CURVE's overhead on loopback. */
    public static NetSecurity plaintext() {
        return new NetSecurity(null);
    }

    public boolean encrypted() {
        return keys != null;
    }

    /** Makes {@code socket} a CURVE server that only admits the cluster key (call before bind). */
    public void configureServer(ZContext context, ZMQ.Socket socket) {
        if (keys == null) return;
        authenticatorFor(context);
        socket.setZAPDomain(ZAP_DOMAIN);
        socket.setCurveServer(true);
        socket.setCurveSecretKey(keys.secretKey());
    }

    /** Makes {@code socket} a CURVE client proving the cluster key (call before connect). */
    public void configureClient(ZMQ.Socket socket) {
        if (keys == null) return;
        socket.setCurveServerKey(keys.publicKey());
        socket.setCurvePublicKey(keys.publicKey());
        socket.setCurveSecretKey(keys.secretKey());
    }

    /** The ZAP handler of this context (one per context, started on first use). */
    public ZapAuthenticator authenticatorFor(ZContext context) {
        if (keys == null) return null;
        synchronized (AUTHENTICATORS) {
            ZapAuthenticator auth = AUTHENTICATORS.get(context.getContext());
            if (auth == null || !auth.isRunning()) {
                auth = ZapAuthenticator.start(context, keys);
                AUTHENTICATORS.put(context.getContext(), auth);
            } else if (!auth.admits(keys)) {
                throw new IllegalStateException("a ZeroMQ context serves one cluster; this one already admits another key");
            }
            return auth;
        }
    }
}
