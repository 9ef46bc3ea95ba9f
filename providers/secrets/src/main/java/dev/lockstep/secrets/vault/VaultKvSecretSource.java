package dev.lockstep.secrets.vault;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.log.Scrubber;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.secrets.Args;
import dev.lockstep.secrets.FlatJson;
import dev.lockstep.secrets.Sensitive;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code data "vault_kv_secret"}: one version of a KV version 2 secret. The driver returns 4xx
 * statuses as responses, so every status is looked at here and becomes a diagnostic that names the
 * secret (never its content); {@code data} and {@code data_json} are marked sensitive.
 */
final class VaultKvSecretSource implements DataSourceHandler {

    /** The driver builds URLs by concatenation without escaping, so these characters cannot be sent. */
    private static final Pattern UNSENDABLE = Pattern.compile("[\\s?#%\\\\]|(^|/)\\.\\.?(/|$)");

    private final VaultClient client;
    /** Whether this is the sandbox's Vault, where a missing secret is one nobody seeded yet. */
    private final boolean sandbox;
    private final Scrubber scrubber;
    private final ProviderLog log;

    VaultKvSecretSource(VaultClient client, Scrubber scrubber, ProviderLog log, boolean sandbox) {
        this.sandbox = sandbox;
        this.client = client;
        this.scrubber = scrubber;
        this.log = log;
    }

    @Override
    public ResourceSchema schema() {
        return VaultSchemas.KV_SECRET_SCHEMA;
    }

    @Override
    public DataResponse read(Value config) {
        Diagnostics d = new Diagnostics();
        Args a = new Args(config, "data \"vault_kv_secret\"", d);
        String mount = a.string("mount");
        mount = VaultOptions.trimSlashes(mount == null ? "secret" : mount.strip());
        String path = a.string("path");
        path = path == null ? "" : VaultOptions.trimSlashes(path.strip());
        Integer version = a.wholeNumber("version", 1, Integer.MAX_VALUE);
        if (mount.isEmpty() || path.isEmpty()) {
            d.error("Invalid Vault secret path", "mount and path must not be empty.", null);
        }
        for (String[] p : new String[][] {{"mount", mount}, {"path", path}}) {
            if (UNSENDABLE.matcher(p[1]).find()) {
                d.error("Unsupported characters in the Vault " + p[0], "\"" + p[1] + "\" contains whitespace, ?, "
                        + "#, %, \\ or a . or .. segment, which the Vault driver cannot send (it does not escape "
                        + "paths).", null);
            }
        }
        if (d.hasErrors()) {
            return new DataResponse(null, d);
        }
        String where = mount + "/" + path;
        LogicalResponse r;
        try {
            r = client.readKv(mount, path, version);
        } catch (VaultException e) {
            d.error("Cannot read Vault secret " + where, "Reading " + where + versionWords(version) + " failed: "
                    + VaultErrors.describe(e, client.address(), scrubber) + ".", null);
            return new DataResponse(null, d);
        } catch (RuntimeException e) {
            d.error("Cannot read Vault secret " + where, "Reading " + where + versionWords(version) + " failed: "
                    + scrubber.describe(e) + ".", null);
            return new DataResponse(null, d);
        }
        int status = r.getRestResponse().getStatus();
        if (status != 200) {
            statusProblem(d, r, status, mount, path, version);
            return new DataResponse(null, d);
        }
        JsonObject data = r.getDataObject();
        if (data == null) {
            d.error("Cannot read Vault secret " + where, "Vault answered 200 without a data object for " + where
                    + versionWords(version) + "; is " + mount + " a KV version 2 mount?", null);
            return new DataResponse(null, d);
        }
        Map<String, String> meta = r.getDataMetadata().getMetadataMap();
        Long readVersion = r.getDataMetadata().getVersion();
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("mount", Value.string(mount));
        out.put("path", Value.string(path));
        out.put("version", readVersion != null ? Value.number(readVersion)
                : version != null ? Value.number(version) : Value.nullOf(Type.NUMBER));
        out.put("data", Sensitive.map(FlatJson.toMap(data)));
        out.put("data_json", Sensitive.string(FlatJson.canonical(data)));
        String created = meta.get("created_time");
        out.put("created_time", created == null || created.isEmpty() ? Value.nullOf(Type.STRING)
                : Value.string(created));
        Value custom = FlatJson.parseObject(meta.get("custom_metadata"));
        out.put("custom_metadata", custom == null ? Value.nullOf(Type.map(Type.STRING)) : custom);
        log.debug("vault: read " + where + " version " + readVersion + " (" + data.size() + " keys)");
        return new DataResponse(Value.object(out), d);
    }

    private static String versionWords(Integer version) {
        return version == null ? " (latest version)" : " (version " + version + ")";
    }

    private void statusProblem(Diagnostics d, LogicalResponse r, int status, String mount, String path,
            Integer version) {
        String where = mount + "/" + path;
        List<String> errors = VaultErrors.errors(r.getRestResponse().getBody());
        String vault = scrubber.scrub(VaultErrors.joined(errors, "no error message"));
        switch (status) {
            case 403:
                d.error("Permission denied reading Vault secret " + where, "permission denied: the token is "
                        + "invalid, expired or revoked, or its policies do not allow reading " + mount + "/data/"
                        + path + " (Vault: " + vault + ").", null);
                return;
            case 404:
                notFound(d, r, errors, mount, path, version);
                return;
            case 429:
                d.error("Vault rate limit reached reading " + where, "Vault answered 429 (" + vault + "). Reads "
                        + "are not retried on 429; try again later or ask for a higher rate limit quota.", null);
                return;
            default:
                d.error("Cannot read Vault secret " + where, "Vault answered HTTP " + status + " reading " + where
                        + versionWords(version) + ": " + vault + ".", null);
        }
    }

    private void notFound(Diagnostics d, LogicalResponse r, List<String> errors, String mount, String path,
            Integer version) {
        String where = mount + "/" + path;
        for (String e : errors) {
            if (e.contains("no handler for route")) {
                d.error("No secrets engine at mount \"" + mount + "\"", "Vault has no KV mount at " + mount
                        + "/ (Vault: " + scrubber.scrub(e) + "). Write nested mounts in full, such as "
                        + "mount = \"team/kv\".", null);
                return;
            }
        }
        Map<String, String> meta = r.getDataMetadata().getMetadataMap();
        String deleted = meta.get("deletion_time");
        String shown = meta.get("version") != null ? meta.get("version") : version == null ? "latest" : version
                .toString();
        if ("true".equals(meta.get("destroyed"))) {
            d.error("Vault secret version destroyed", "Version " + shown + " of " + where + " was destroyed; read "
                    + "another version.", null);
            return;
        }
        if (deleted != null && !deleted.isEmpty()) {
            d.error("Vault secret version deleted", "Version " + shown + " of " + where + " was deleted at "
                    + deleted + "; undelete it (vault kv undelete) or read another version.", null);
            return;
        }
        String hint = "";
        if (path.startsWith("data/")) {
            hint = " The path is relative to the mount and never contains data/; write path = \""
                    + path.substring(5) + "\".";
        } else if (path.startsWith(mount + "/")) {
            hint = " The path is relative to the mount; write path = \"" + path.substring(mount.length() + 1)
                    + "\".";
        } else if (sandbox && version == null) {
            hint = " This is the sandbox's Vault, which holds only what was put there: store the secret with "
                    + "`lockstep sandbox put-secret vault " + where + " KEY=VALUE...` (with the same -C).";
        }
        d.error("No secret at " + where + (version == null ? "" : " (version " + version + ")"),
                "Vault has no secret at " + where + versionWords(version) + " in the KV version 2 mount " + mount
                        + "/ (KV version 1 mounts are not supported)." + hint, null);
    }
}
