package dev.lockstep.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * {@code lockstep sandbox put-secret}: stores a secret in the sandbox's Vault or Secrets Manager,
 * through a running {@code sandbox serve} when there is one (over HTTP, as any client would), else
 * in the emulators' data directly.
 */
public final class SandboxSecrets {

    private SandboxSecrets() {
    }

    /**
     * Stores {@code data} at {@code mount/path} in Vault's KV v2 (mounting it when needed); null, or
     * why it could not.
     */
    public static String putVault(Sandbox sandbox, Map<String, Map<String, String>> served, String path,
            Map<String, String> data) throws IOException, InterruptedException {
        int slash = path.indexOf('/');
        if (served != null) {
            Map<String, String> v = served.get("vault");
            String body = new ObjectMapper().writeValueAsString(Map.of("data", data));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    v.get("address") + "/v1/" + path.substring(0, slash) + "/data/" + path.substring(slash + 1)))
                    .header("X-Vault-Token", v.get("token")).POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() / 100 == 2 ? null : "Vault answered HTTP " + r.statusCode() + ".";
        }
        try {
            sandbox.vault().putSecret(path, data);
        } catch (IllegalArgumentException noMount) {
            sandbox.vault().mount(path.substring(0, slash));
            sandbox.vault().putSecret(path, data);
        }
        return null;
    }

    /** Stores a new version of secret {@code name} in Secrets Manager, creating it when it does not exist. */
    public static void putAws(Sandbox sandbox, String name, String value) {
        try {
            sandbox.aws().putSecretValue(Sandbox.AWS_REGION, name, value);
        } catch (RuntimeException notThere) {
            sandbox.aws().createSecret(Sandbox.AWS_REGION, name, value);
        }
    }
}
