package dev.lockstep.secrets.vault;

import dev.lockstep.api.log.Scrubber;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.jopenlibs.vault.json.ParseException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Words for what went wrong talking to Vault. Vault's error bodies are {@code {"errors": [...]}};
 * the driver either returns them as a response (KV reads) or throws them inside a
 * {@link VaultException} message ("Vault responded with HTTP status code: 403\nResponse body: ...").
 * Both become Vault's own error strings; transport failures become a sentence with a hint.
 */
final class VaultErrors {

    private static final String BODY_MARKER = "Response body: ";

    private VaultErrors() {
    }

    /** Vault's error strings in a response body; empty when there are none or the body is not Vault's JSON. */
    static List<String> errors(byte[] body) {
        return body == null ? List.of() : errors(new String(body, StandardCharsets.UTF_8));
    }

    private static List<String> errors(String body) {
        List<String> out = new ArrayList<>();
        try {
            JsonValue v = Json.parse(body);
            JsonValue errs = v.isObject() ? v.asObject().get("errors") : null;
            if (errs != null && errs.isArray()) {
                for (JsonValue e : errs.asArray()) {
                    out.add(e.isString() ? e.asString() : e.toString());
                }
            }
        } catch (ParseException | UnsupportedOperationException e) {
            // not Vault's JSON: no error strings
        }
        return out;
    }

    /** Vault's errors joined, or {@code fallback} when there are none. */
    static String joined(List<String> errors, String fallback) {
        return errors.isEmpty() ? fallback : String.join("; ", errors);
    }

    /**
     * One sentence for a driver exception: Vault's errors for an HTTP status, otherwise what failed
     * underneath (connection refused, TLS, timeout) with a hint, scrubbed of credentials.
     */
    static String describe(VaultException e, String address, Scrubber scrubber) {
        int status = e.getHttpStatusCode();
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (status != 0) {
            int at = msg.indexOf(BODY_MARKER);
            List<String> errs = at < 0 ? List.of() : errors(msg.substring(at + BODY_MARKER.length()));
            String first = msg.lines().findFirst().orElse("");
            return scrubber.scrub("HTTP " + status + ": " + joined(errs, first));
        }
        String hint = "the request to " + address + " failed";
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException) {
                hint = "cannot connect to " + address + " (is Vault running there, and is the address right?)";
            } else if (c instanceof UnknownHostException) {
                hint = "unknown host in " + address;
            } else if (c instanceof HttpTimeoutException) {
                hint = "no answer from " + address + " in time";
            } else if (c instanceof SSLException || c instanceof java.security.GeneralSecurityException) {
                hint = "TLS with " + address + " failed; set ca_cert_file (or VAULT_CACERT) to the CA that signed "
                        + "Vault's certificate";
            } else {
                continue;
            }
            break;
        }
        return hint + " (" + scrubber.describe(e) + ")";
    }
}
