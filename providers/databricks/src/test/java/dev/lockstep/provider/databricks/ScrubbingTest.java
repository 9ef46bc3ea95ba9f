package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ResourceReader;
import dev.lockstep.provider.databricks.client.Sleeper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secret values never reach a diagnostic, even when the server (or a proxy in front of it) quotes
 * the request in its error: a loopback proxy forwards to the emulator but answers secret writes
 * with errors that echo the request body, as JSON and as an HTML page the SDK quotes verbatim.
 */
class ScrubbingTest extends EmulatorTest {

    static HttpServer proxy;
    static volatile String mode = "json";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Set<String> HOP = Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade",
            "expect");

    @BeforeAll
    static void startProxy() throws IOException {
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", ScrubbingTest::handle);
        proxy.start();
    }

    @AfterAll
    static void stopProxy() {
        proxy.stop(0);
    }

    static void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().toString();
        if (path.startsWith("/api/2.0/secrets/put")) {
            String echoed = new String(body, StandardCharsets.UTF_8);
            boolean json = mode.equals("json");
            byte[] out = (json ? "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"Invalid request: "
                    + echoed.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}"
                    : "<html><body><pre>Bad gateway while sending " + echoed + " with "
                            + ex.getRequestHeaders().getFirst("Authorization") + "</pre></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", json ? "application/json" : "text/html");
            ex.sendResponseHeaders(json ? 400 : 502, out.length);
            ex.getResponseBody().write(out);
            ex.close();
            return;
        }
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.baseUri().toString().replaceAll("/$", "")
                    + path)).method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            ex.getRequestHeaders().forEach((k, v) -> {
                if (!HOP.contains(k.toLowerCase())) {
                    v.forEach(x -> b.header(k, x));
                }
            });
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().map().forEach((k, v) -> {
                if (!HOP.contains(k.toLowerCase()) && !k.startsWith(":")) {
                    ex.getResponseHeaders().put(k, v);
                }
            });
            ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            if (r.body().length > 0) {
                ex.getResponseBody().write(r.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ex.close();
        }
    }

    @Test
    void secretValuesAreScrubbedFromErrorsThatEchoTheRequest() {
        DatabricksProvider viaProxy = (DatabricksProvider) openResult(SETTINGS, Map.of(), Map.of("host",
                "http://127.0.0.1:" + proxy.getAddress().getPort(), "token", emulator.adminToken()), Sleeper.SYSTEM)
                .provider();
        try {
            Spi s = new Spi(viaProxy);
            s.converge(Spi.addr("databricks_secret_scope", "s"), null, s.config("databricks_secret_scope",
                    "name = \"echo\""));
            String secret = "hunter2 \"quoted\" value";
            for (String m : List.of("json", "html")) {
                mode = m;
                Spi.Planned p = s.plan(Spi.addr("databricks_secret", "x"), null, s.config("databricks_secret",
                        "scope = \"echo\"\nkey = \"k\"\nstring_value = \"hunter2 \\\"quoted\\\" value\"\n"));
                Diagnostics d = s.tryApply(p, null).diagnostics();
                String text = d.toString();
                assertTrue(d.hasErrors(), text);
                assertTrue(text.contains("(sensitive value)"), "the echo is there, masked: " + text);
                assertFalse(text.contains("hunter2"), m + ": the value leaked: " + text);
                assertFalse(text.contains(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8))),
                        text);
                assertFalse(text.contains(emulator.adminToken()), m + ": the provider's token leaked: " + text);
            }
            ResourceReader.ReadResponse none = s.handler("databricks_secret").read(List.of());
            assertFalse(none.diagnostics().hasErrors());
        } finally {
            viaProxy.close();
        }
    }
}
