package dev.lockstep.secrets.vault;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.log.Scrubber;
import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.toolkit.RequestCounts;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.AuthResponse;
import io.github.jopenlibs.vault.response.LookupResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;

/**
 * Opens the {@code vault} provider: resolves the settings, builds the HTTP client, and settles the
 * token before anything is read. A token given directly is checked with {@code lookup-self}, so an
 * invalid, expired or revoked token fails here with one clear diagnostic; Kubernetes and AppRole
 * auth log in and use the token they get (revoked again when the provider closes).
 */
final class VaultConnector {

    private VaultConnector() {
    }

    static OpenResult open(ProviderConfig config) {
        Diagnostics d = new Diagnostics();
        VaultOptions o = VaultOptions.resolve(config, d);
        if (o == null) {
            return OpenResult.failed(d);
        }
        ProviderLog log = config.log() == null ? ProviderLog.NONE : config.log();
        Scrubber scrubber = new Scrubber();
        o.auth().secrets().forEach(scrubber::add);
        HttpClient http;
        try {
            http = VaultTls.httpClient(o);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            d.error("Cannot use ca_cert_file", "Reading CA certificates from " + o.caCertFile() + " failed: "
                    + scrubber.describe(e) + ". The file must hold PEM certificates.", null);
            return OpenResult.failed(d);
        }
        RequestCounts counter = new RequestCounts();
        VaultClient client = new VaultClient(o, http, counter);
        boolean ownsToken = !(o.auth() instanceof VaultOptions.Token);
        try {
            if (o.auth() instanceof VaultOptions.Token t) {
                client.useToken(t.token());
                LookupResponse me = client.lookupSelf();
                log.debug("vault: " + t.describe() + " is valid at " + o.address() + " (policies "
                        + me.getPolicies() + ", ttl " + (me.getTTL() == 0 ? "none" : me.getTTL() + "s") + ")");
            } else {
                AuthResponse a = client.login(o.auth());
                String token = a.getAuthClientToken();
                if (token == null || token.isEmpty()) {
                    d.error("Vault login failed", o.auth().describe() + " at " + o.address()
                            + " answered without a client token.", null);
                    return OpenResult.failed(d);
                }
                scrubber.add(token);
                client.useToken(token);
                log.info("vault: logged in at " + o.address() + " with " + o.auth().describe() + " (policies "
                        + a.getAuthPolicies() + ", lease " + a.getAuthLeaseDuration() + "s)");
            }
        } catch (VaultException e) {
            d.add(authFailure(o, e, scrubber));
            return OpenResult.failed(d);
        } catch (RuntimeException e) {
            d.error("Cannot reach Vault", "Authenticating at " + o.address() + " failed: " + scrubber.describe(e),
                    null);
            return OpenResult.failed(d);
        }
        boolean sandbox = config.sandbox() != null && !config.sandbox().isEmpty();
        return new OpenResult(new VaultProvider(client, counter, scrubber, log, ownsToken, sandbox), d);
    }

    private static Diagnostic authFailure(VaultOptions o, VaultException e,
            Scrubber scrubber) {
        int status = e.getHttpStatusCode();
        String what = VaultErrors.describe(e, o.address(), scrubber);
        if (status == 0) {
            return Diagnostic.error("Cannot reach Vault", "Authenticating with "
                    + o.auth().describe() + " failed: " + what + ".", null);
        }
        if (o.auth() instanceof VaultOptions.Token t) {
            String detail = status == 403
                    ? "permission denied: the token is invalid, expired or revoked (" + t.describe() + ", checked "
                            + "with auth/token/lookup-self at " + o.address() + "; Vault answered " + what + ")."
                    : "Checking " + t.describe() + " with auth/token/lookup-self at " + o.address() + " failed: "
                            + what + ".";
            String summary = status == 429 ? "Vault rate limit reached" : status >= 500 ? "Vault unavailable"
                    : "Vault token rejected";
            return Diagnostic.error(summary, detail, null);
        }
        String mount = o.auth() instanceof VaultOptions.Kubernetes k ? k.mount()
                : ((VaultOptions.AppRole) o.auth()).mount();
        String notMounted = "no " + (o.auth() instanceof VaultOptions.Kubernetes ? "Kubernetes" : "AppRole")
                + " auth method is mounted at auth/" + mount + " (set mount in the auth block if it is mounted "
                + "elsewhere)";
        String hint;
        if (status == 404 || status == 405) {
            hint = " Probably " + notMounted + ".";
        } else if (status == 403 && o.auth() instanceof VaultOptions.Kubernetes) {
            hint = " Vault did not accept the service-account token, or the service account or its namespace is "
                    + "not bound to the role, or " + notMounted + ".";
        } else if (status == 403 || status == 400) {
            hint = o.auth() instanceof VaultOptions.Kubernetes ? " Check the role name."
                    : " Check role_id and secret_id (secret ids expire and may be limited in uses), or whether "
                            + notMounted + ".";
        } else {
            hint = "";
        }
        return Diagnostic.error("Vault login failed", "Logging in with "
                + o.auth().describe() + " at " + o.address() + " was refused: " + what + "." + hint, null);
    }
}
