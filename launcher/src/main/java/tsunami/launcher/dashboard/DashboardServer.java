package tsunami.launcher.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.BadInputException;
import tsunami.bots.replay.ReplayFile;
import tsunami.bots.replay.ReplayHtml;
import tsunami.bots.replay.ReplayTrack;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The dashboard's web server (Jetty): one page ({@code index.html} with its script, and uPlot from
 * its WebJar) and read-only JSON about the folders of a {@link RunCatalog}. Every handler only reads:
 * no request can change a run. Only GET and HEAD are answered.
 * <p>
 * Bound to 127.0.0.1 it answers requests whose Host is a loopback name (so a web page from elsewhere
 * cannot reach it through DNS rebinding); bound to another address it needs a token, given once as
 * {@code ?token=} (the page then keeps it in a same-site cookie) or as {@code Authorization: Bearer}:
 * requests without it are refused.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN_COOKIE = "tsunami_dashboard_token";
    /** A bot's log can be 10 MiB; the page shows its end. */
    static final int LOG_TAIL_BYTES = 256 * 1024;
    private static final String RESOURCES = "/tsunami/launcher/dashboard/";
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    static {
        // Jetty's start-up lines are noise on a command's console; its warnings still show
        if (System.getProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        }
    }

    private final RunCatalog catalog;
    private final byte[] token;
    private final boolean loopback;
    private final String uplot;
    private final Server server;
    private final ServerConnector connector;

    private DashboardServer(RunCatalog catalog, String host, int port, String token) {
        this.catalog = catalog;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.uplot = "/META-INF/resources/webjars/uplot/" + webjarVersion("uplot") + "/dist/";
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("dashboard");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
        try {
            loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            throw new BadInputException("--bind " + host + ": not an address of this machine (" + e.getMessage() + ")");
        }
        if (!loopback && this.token == null) {
            throw new BadInputException("--bind " + host + " serves beyond this machine: it needs --token-file (a file holding a secret of 16+ characters)");
        }
    }

    /**
     * Starts serving {@code catalog} on {@code host:port} (port 0: any free one). {@code token} is
     * required, and checked on every request, when {@code host} is not a loopback address.
     */
    public static DashboardServer start(List<Path> folders, String host, int port, String token) {
        DashboardServer s = new DashboardServer(new RunCatalog(folders), host, port, token);
        try {
            s.server.start();
        } catch (Exception e) {
            try {
                s.server.stop();
            } catch (Exception ignored) {
                // it did not start
            }
            throw new BadInputException("the dashboard cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return s;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The address to open, with the token when one is needed. */
    public String url() {
        String host = connector.getHost();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port() + "/" + (token == null ? "" : "?token=" + new String(token, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("dashboard did not stop cleanly: {}", e.toString());
        }
    }

    public void join() throws InterruptedException {
        server.join();
    }

    // ------------------------------------------------------------------ requests

    private void serve(Request request, Response response, Callback callback) {
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            page(response, callback, 405, "Read-only", "The dashboard only reads runs: " + method + " is not served.");
            return;
        }
        Fields query = Request.extractQueryParameters(request);
        if (loopback && !loopbackHost(request)) {
            page(response, callback, 403, "Refused", "This dashboard answers only requests addressed to 127.0.0.1 or localhost.");
            return;
        }
        if (token != null) {
            String given = query.getValue("token");
            if (given != null && matches(given)) {
                response.getHeaders().add(HttpHeader.SET_COOKIE, TOKEN_COOKIE + "=" + given + "; Path=/; HttpOnly; SameSite=Strict");
            } else if (!authorized(request)) {
                page(response, callback, 401, "Token needed", "This dashboard is served beyond localhost and needs its token: open the address "
                        + "that 'monkey dashboard' printed (it ends in ?token=...).");
                return;
            }
        }
        String path = Request.getPathInContext(request);
        try {
            switch (path) {
                case "/" -> resource(response, callback, RESOURCES + "index.html", "text/html; charset=utf-8");
                case "/static/dashboard.js" -> resource(response, callback, RESOURCES + "dashboard.js", "text/javascript; charset=utf-8");
                case "/static/dashboard.css" -> resource(response, callback, RESOURCES + "dashboard.css", "text/css; charset=utf-8");
                case "/static/uPlot.iife.min.js" -> resource(response, callback, uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8");
                case "/static/uPlot.min.css" -> resource(response, callback, uplot + "uPlot.min.css", "text/css; charset=utf-8");
                case "/api/entries" -> json(response, callback, 200, entries());
                case "/api/entry" -> entry(response, callback, query.getValue("id"));
                case "/log" -> log(response, callback, query.getValue("id"), query.getValue("file"));
                case "/replay" -> replay(response, callback, query.getValue("id"), query.getValue("file"));
                default -> page(response, callback, 404, "Not found", "The dashboard has no page " + path + ".");
            }
        } catch (RunCatalog.Refused e) {
            page(response, callback, 400, "Refused", e.getMessage());
        } catch (RuntimeException | IOException e) {
            log.warn("dashboard: {} failed", path, e);
            page(response, callback, 500, "Cannot show this", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private boolean loopbackHost(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null) return false;
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d+$", "");
        return LOOPBACK_NAMES.contains(name.toLowerCase());
    }

    private boolean authorized(Request request) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth != null && auth.startsWith("Bearer ") && matches(auth.substring(7).trim())) return true;
        for (HttpCookie c : Request.getCookies(request)) {
            if (c.getName().equals(TOKEN_COOKIE) && matches(c.getValue())) return true;
        }
        return false;
    }

    private boolean matches(String given) {
        return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    private List<Map<String, Object>> entries() {
        return catalog.entries().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("kind", e.kind().name().toLowerCase());
            m.put("name", e.name());
            m.put("problem", e.problem());
            return m;
        }).toList();
    }

    private void entry(Response response, Callback callback, String id) throws IOException {
        RunCatalog.Entry e = catalog.find(id).orElse(null);
        if (e == null) {
            json(response, callback, 404, Map.of("problem", "no run, match or tournament '" + id + "' among the folders shown (was it removed?)"));
            return;
        }
        Map<String, Object> view = switch (e.kind()) {
            case TRAIN -> TrainingView.of(e);
            case MATCH, TOURNAMENT -> {
                try {
                    yield MatchView.of(e);
                } catch (CorruptRunFile c) {
                    yield Map.of("id", e.id(), "name", e.name(), "problem", c.getMessage());
                }
            }
            case MISSING, EMPTY -> Map.of("id", e.id(), "name", e.name(), "kind", e.kind().name().toLowerCase(), "problem", e.problem());
        };
        json(response, callback, 200, view);
    }

    private RunCatalog.Entry known(String id) {
        return catalog.find(id).orElseThrow(() -> new RunCatalog.Refused("no run, match or tournament '" + id + "' among the folders shown"));
    }

    private void log(Response response, Callback callback, String id, String file) throws IOException {
        Path p = RunCatalog.file(known(id), file, RunCatalog.FileKind.LOG);
        byte[] bytes;
        String note = "";
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
            long len = f.length();
            long from = Math.max(0, len - LOG_TAIL_BYTES);
            bytes = new byte[(int) (len - from)];
            f.seek(from);
            f.readFully(bytes);
            if (from > 0) note = "[... the first " + from + " bytes are not shown; the whole log is " + p + "]\n";
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap((note + new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)), callback);
    }

    private void replay(Response response, Callback callback, String id, String file) {
        Path p = RunCatalog.file(known(id), file, RunCatalog.FileKind.REPLAY);
        String html;
        try {
            html = ReplayHtml.render(new ReplayTrack(ReplayFile.read(p), 2));
        } catch (RuntimeException e) {
            page(response, callback, 422, "Cannot play this replay", file + ": " + e.getMessage());
            return;
        }
        // the replay viewer is one self-contained page with its own inline script
        response.getHeaders().put("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                + "img-src data:; frame-ancestors 'self'");
        text(response, callback, 200, "text/html; charset=utf-8", html);
    }

    private void resource(Response response, Callback callback, String name, String type) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("resource " + name + " is missing from the launcher's jar");
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            response.getHeaders().put("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; "
                    + "frame-ancestors 'self'");
            response.write(true, ByteBuffer.wrap(in.readAllBytes()), callback);
        }
    }

    private static void json(Response response, Callback callback, int status, Object value) throws IOException {
        text(response, callback, status, "application/json", JSON.writeValueAsString(value));
    }

    private static void text(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** A short page saying what went wrong: never a stack trace. */
    private static void page(Response response, Callback callback, int status, String title, String message) {
        text(response, callback, status, "text/html; charset=utf-8", "<!doctype html><meta charset=utf-8><title>" + esc(title)
                + " — Tsunami dashboard</title><body style=\"font-family:sans-serif;margin:2em\"><h1>" + esc(title) + "</h1><p>"
                + esc(message) + "</p><p><a href=\"/\">Back to the dashboard</a></p>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The version of a WebJar on the class path, from the pom.properties every WebJar carries. */
    private static String webjarVersion(String artifact) {
        String name = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("the " + artifact + " WebJar is not on the class path (" + name + ")");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }
}
