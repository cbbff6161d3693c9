package tsunami.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tsunami.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.*;

class ClusterSecretTest {
    @TempDir
    Path dir;

    @Test
    void missingFileIsCreatedOwnerOnlyAndGivesStableKeys() throws Exception {
        Path file = dir.resolve("sub/cluster.secret");
        CurveKeys first = ClusterSecret.loadOrCreate(file).deriveKeys();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(64, Files.readString(file).strip().length(), "256 random bits in hex");
        assertEquals(first, ClusterSecret.loadOrCreate(file).deriveKeys(), "every holder of the file derives the same keys");
        assertNotEquals(first, ClusterSecret.of("another secret").deriveKeys());
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void fileReadableByOthersIsRefusedWithItsName() throws Exception {
        Path file = dir.resolve("loose.secret");
        Files.writeString(file, "s3cret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        BadInputException e = assertThrows(BadInputException.class, () -> ClusterSecret.loadOrCreate(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void weakSecretsAreRefusedWithTheFileNamed() throws Exception {
        for (String weak : new String[]{"x", "s3cret", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "passwordpassword", "abababababababababababab"}) {
            Path file = dir.resolve("weak.secret");
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, weak + "\n");
            BadInputException e = assertThrows(BadInputException.class, () -> ClusterSecret.loadOrCreate(file), weak);
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("weak"), e.getMessage());
        }
        Path good = dir.resolve("good.secret");
        Files.createFile(good, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(good, "9f2c4e71b0a85d36e1f7c2a94b0d6e13\n");
        assertNotNull(ClusterSecret.loadOrCreate(good).deriveKeys(), "32 random hex digits are enough");
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        Path file = dir.resolve("empty.secret");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        assertTrue(assertThrows(BadInputException.class, () -> ClusterSecret.loadOrCreate(file)).getMessage().contains("empty"));
    }

    @Test
    void derivedPublicKeyMatchesTheSecretKeyInARealCurveHandshake() {
        CurveKeys keys = ClusterSecret.of("cookie").deriveKeys();
        try (ZContext ctx = new ZContext()) {
            NetSecurity security = NetSecurity.curve(keys);
            ZMQ.Socket pull = SocketDefaults.apply(ctx.createSocket(SocketType.PULL));
            security.configureServer(ctx, pull);
            int port = pull.bindToRandomPort("tcp://127.0.0.1");
            ZMQ.Socket push = SocketDefaults.apply(ctx.createSocket(SocketType.PUSH));
            security.configureClient(push);
            push.connect("tcp://127.0.0.1:" + port);
            push.send("over curve");
            pull.setReceiveTimeOut(10_000);
            assertEquals("over curve", pull.recvStr());
            assertEquals(1, security.authenticatorFor(ctx).admitted());
        }
    }

    @Test
    void peerWithoutTheSecretIsRefusedAndNothingOfItIsDelivered() throws Exception {
        CurveKeys cluster = ClusterSecret.of("cookie").deriveKeys();
        try (ZContext ctx = new ZContext(); ZContext outside = new ZContext()) {
            NetSecurity security = NetSecurity.curve(cluster);
            ZMQ.Socket pull = SocketDefaults.apply(ctx.createSocket(SocketType.PULL));
            security.configureServer(ctx, pull);
            int port = pull.bindToRandomPort("tcp://127.0.0.1");
            String endpoint = "tcp://127.0.0.1:" + port;

            // 1: knows the server's public key (say it leaked) but not the secret: its own keys are random.
            ZMQ.Socket knowsServerKey = SocketDefaults.apply(outside.createSocket(SocketType.PUSH));
            CurveKeys own = CurveKeys.random();
            knowsServerKey.setCurveServerKey(cluster.publicKey());
            knowsServerKey.setCurvePublicKey(own.publicKey());
            knowsServerKey.setCurveSecretKey(own.secretKey());
            knowsServerKey.connect(endpoint);
            // 2: a different cluster secret.
            ZMQ.Socket otherCluster = SocketDefaults.apply(outside.createSocket(SocketType.PUSH));
            NetSecurity.curve(ClusterSecret.of("not the cookie")).configureClient(otherCluster);
            otherCluster.connect(endpoint);
            // 3: no security at all.
            ZMQ.Socket plain = SocketDefaults.apply(outside.createSocket(SocketType.PUSH));
            plain.connect(endpoint);
            for (int i = 0; i < 10; i++) {
                knowsServerKey.send("forged " + i, ZMQ.DONTWAIT);
                otherCluster.send("other " + i, ZMQ.DONTWAIT);
                plain.send("plain " + i, ZMQ.DONTWAIT);
            }
            ZapAuthenticator auth = security.authenticatorFor(ctx);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (auth.refused() < 1 && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(auth.refused() >= 1, "the ZAP handler refused the forged client key");

            // A legitimate member connecting afterwards gets through; nothing from the others came first.
            ZMQ.Socket member = SocketDefaults.apply(ctx.createSocket(SocketType.PUSH));
            security.configureClient(member);
            member.connect(endpoint);
            member.send("member");
            pull.setReceiveTimeOut(10_000);
            assertEquals("member", pull.recvStr());
            pull.setReceiveTimeOut(500);
            assertNull(pull.recvStr(), "no message from a peer without the secret is ever delivered");
            assertEquals(0, auth.admitted() - 1, "only the member was admitted");
        }
    }
}
