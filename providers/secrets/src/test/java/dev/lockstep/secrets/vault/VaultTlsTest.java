package dev.lockstep.secrets.vault;

import static dev.lockstep.secrets.testing.Hcl2.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.vault.VaultEmulator;
import dev.lockstep.sandbox.vault.VaultSettings;
import dev.lockstep.secrets.testing.Opened;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vault behind TLS: an HTTPS front (the JDK's server with a certificate made by keytool) forwards
 * to the emulator and records the namespace header of each request. The JDK's trust store refuses
 * the self-signed certificate; ca_cert_file trusts it and still checks the host name;
 * skip_tls_verify accepts anything.
 */
class VaultTlsTest {

    private static final String PASS = "changeit";

    @TempDir
    static Path dir;
    private static VaultEmulator vault;
    private static HttpsServer good;
    private static HttpsServer wrongHost;
    private static final List<String> namespaces = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        vault = new VaultEmulator(new VaultSettings(), EmulatorServer.Options.defaults());
        vault.start();
        vault.putSecret("secret/app/db", Map.of("k", "over-tls"));
        good = front(keyPair("good", "ip:127.0.0.1,dns:localhost"));
        wrongHost = front(keyPair("wrong", "dns:vault.example.com"));
    }

    @AfterAll
    static void stop() {
        good.stop(0);
        wrongHost.stop(0);
        vault.stop();
    }

    /** A PKCS12 key store with a self-signed EC key for the given SANs; its certificate is written to NAME.pem. */
    private static Path keyPair(String name, String san) throws Exception {
        Path ks = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=" + san, "-validity", "2", "-keystore", ks.toString(), "-storetype", "PKCS12",
                "-storepass", PASS, "-keypass", PASS);
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", ks.toString(), "-storepass", PASS, "-file",
                dir.resolve(name + ".pem").toString());
        return ks;
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    private static HttpsServer front(Path keyStore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, PASS.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASS.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(ctx));
        HttpClient upstream = HttpClient.newHttpClient();
        s.createContext("/", ex -> forward(ex, upstream));
        s.start();
        return s;
    }

    private static void forward(HttpExchange ex, HttpClient upstream) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            namespaces.add(ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("X-Vault-Namespace"));
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(vault.baseUri() + ex.getRequestURI().toString()))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String h : List.of("X-Vault-Token", "X-Vault-Namespace", "X-Vault-Request", "Content-Type")) {
                String v = ex.getRequestHeaders().getFirst(h);
                if (v != null) {
                    b.header(h, v);
                }
            }
            HttpResponse<byte[]> r = upstream.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().firstValue("Content-Type").ifPresent(ct -> ex.getResponseHeaders().add("Content-Type", ct));
            ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String address(HttpsServer s) {
        return "https://127.0.0.1:" + s.getAddress().getPort();
    }

    private Map<String, String> env(HttpsServer s) {
        return Map.of("HOME", dir.toString(), "VAULT_ADDR", address(s), "VAULT_TOKEN", vault.rootToken());
    }

    @Test
    void theJdkTrustStoreRefusesASelfSignedCertificate() {
        Opened o = new Opened(dir);
        Diagnostic e = Opened.onlyError(o.open(new VaultProviderFactory(), "", env(good), Map.of()).diagnostics());
        assertEquals("Cannot reach Vault", e.summary());
        assertTrue(e.detail().contains("TLS with " + address(good) + " failed; set ca_cert_file (or VAULT_CACERT)"),
                e.detail());
    }

    @Test
    void caCertFileTrustsTheCertificate() {
        Opened o = new Opened(dir);
        Provider p = o.openOk(new VaultProviderFactory(), "ca_cert_file = " + quote(dir.resolve("good.pem").toString()),
                env(good), Map.of());
        assertEquals("over-tls", o.readOk(p, "vault_kv_secret", "path = \"app/db\"").get("data").get("k").unmark()
                .asString());
        Map<String, String> viaEnv = new java.util.HashMap<>(env(good));
        viaEnv.put("VAULT_CACERT", "good.pem"); // relative to the configuration directory
        o.openOk(new VaultProviderFactory(), "", viaEnv, Map.of());
    }

    @Test
    void caCertFileStillChecksTheHostName() {
        Opened o = new Opened(dir);
        Diagnostic e = Opened.onlyError(o.open(new VaultProviderFactory(), "ca_cert_file = "
                + quote(dir.resolve("wrong.pem").toString()), env(wrongHost), Map.of()).diagnostics());
        assertTrue(e.detail().contains("TLS with " + address(wrongHost) + " failed"), e.detail());
    }

    @Test
    void skipTlsVerifyAcceptsAnyCertificateAndHostName() {
        Opened o = new Opened(dir);
        Provider p = o.openOk(new VaultProviderFactory(), "skip_tls_verify = true", env(wrongHost), Map.of());
        o.readOk(p, "vault_kv_secret", "path = \"app/db\"");
        Map<String, String> viaEnv = new java.util.HashMap<>(env(wrongHost));
        viaEnv.put("VAULT_SKIP_VERIFY", "1");
        o.openOk(new VaultProviderFactory(), "", viaEnv, Map.of());
        viaEnv.put("VAULT_SKIP_VERIFY", "yes please");
        assertEquals("Invalid VAULT_SKIP_VERIFY", Opened.onlyError(o.open(new VaultProviderFactory(), "", viaEnv,
                Map.of()).diagnostics()).summary());
    }

    @Test
    void aCaCertFileThatIsNotPemIsADiagnostic() throws Exception {
        Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        Opened o = new Opened(dir);
        Diagnostic e = Opened.onlyError(o.open(new VaultProviderFactory(), "ca_cert_file = \"junk.pem\"", env(good),
                Map.of()).diagnostics());
        assertEquals("Cannot use ca_cert_file", e.summary());
        Diagnostic missing = Opened.onlyError(o.open(new VaultProviderFactory(), "ca_cert_file = \"nope.pem\"",
                env(good), Map.of()).diagnostics());
        assertEquals("Cannot read ca_cert_file", missing.summary());
    }

    @Test
    void theNamespaceIsSentWithEveryRequest() {
        Opened o = new Opened(dir);
        namespaces.clear();
        Provider p = o.openOk(new VaultProviderFactory(), "skip_tls_verify = true\nnamespace = \"/team-a/\"",
                env(good), Map.of());
        o.readOk(p, "vault_kv_secret", "path = \"app/db\"");
        Map<String, String> viaEnv = new java.util.HashMap<>(env(good));
        viaEnv.put("VAULT_NAMESPACE", "team-b");
        o.readOk(o.openOk(new VaultProviderFactory(), "skip_tls_verify = true", viaEnv, Map.of()), "vault_kv_secret",
                "path = \"app/db\"");
        assertEquals(List.of("/v1/auth/token/lookup-self team-a", "/v1/secret/data/app/db team-a",
                "/v1/auth/token/lookup-self team-b", "/v1/secret/data/app/db team-b"), namespaces);
    }
}
