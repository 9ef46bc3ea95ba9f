package dev.lockstep.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.lockstep.sandbox.aws.SecretsManagerEmulator;
import dev.lockstep.sandbox.SandboxFileException;
import dev.lockstep.sandbox.vault.VaultEmulator;
import dev.lockstep.state.FileProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The secrets a new sandbox starts with, from {@value #FILE} beside a configuration, so that an
 * example that reads Vault or Secrets Manager applies with one command on a fresh clone:
 *
 * <pre>{@code
 * {
 *   "vault": { "secret/quickstart/db": { "password": "change-me" } },
 *   "aws":   { "quickstart/api-key": "change-me-too" }
 * }
 * }</pre>
 *
 * <p>Vault paths are {@code mount/path} as {@code sandbox put-secret vault} takes them (the mount
 * is created when missing); AWS names are Secrets Manager secret names in the sandbox's region. A
 * seed is applied to an emulator whose data does not exist yet (a new sandbox, or one after
 * {@code sandbox reset}); later changes, by {@code put-secret} or over HTTP, are never overwritten.
 * These are demonstration values for the loopback emulators only: lockstep never reads this file
 * outside sandbox mode.
 */
public record SandboxSeed(Path file, Map<String, Map<String, String>> vault, Map<String, String> aws) {

    /** The seed's file name in a configuration directory. */
    public static final String FILE = "sandbox-seed.json";

    public SandboxSeed {
        vault = Collections.unmodifiableMap(new LinkedHashMap<>(vault));
        aws = Collections.unmodifiableMap(new LinkedHashMap<>(aws));
    }

    /** A seed file that cannot be used: where ({@link #where}), what, and how to fix it ({@link #hint}). */
    public static final class Invalid extends SandboxFileException {
        private static final long serialVersionUID = 1L;

        Invalid(Path file, JsonLocation at, String message, String hint) {
            super("Invalid sandbox seed", file, at, message, hint);
        }
    }

    private static final String UNREADABLE = "Make " + FILE + " a readable file, or remove it; see docs/sandbox.md.";

    private static final String SHAPE = "A seed is {\"vault\": {\"MOUNT/PATH\": {\"KEY\": \"VALUE\"}}, "
            + "\"aws\": {\"NAME\": \"VALUE\"}}; see docs/sandbox.md.";

    /**
     * The seed in {@code configDir}, if it has one; throws {@link Invalid} when there is one that
     * cannot be used (including a directory or an unreadable file of that name).
     */
    public static Optional<SandboxSeed> find(Path configDir) {
        Path f = configDir.resolve(FILE);
        if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (Files.isDirectory(f)) {
            throw new Invalid(f, null, "it is a directory, not a file", UNREADABLE);
        }
        return Optional.of(read(f));
    }

    /** Reads and checks a seed file; throws {@link Invalid} naming the place of the first problem. */
    public static SandboxSeed read(Path file) {
        Map<String, Map<String, String>> vault = new LinkedHashMap<>();
        Map<String, String> aws = new LinkedHashMap<>();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Invalid(file, null, "cannot read it: " + FileProblem.reason(e), UNREADABLE);
        }
        try (JsonParser p = new JsonFactory().createParser(bytes)) {
            expect(file, p, p.nextToken(), JsonToken.START_OBJECT, "the file must hold one JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String system = p.currentName();
                JsonLocation at = p.currentTokenLocation();
                expect(file, p, p.nextToken(), JsonToken.START_OBJECT, "\"" + system + "\" must be an object");
                switch (system) {
                    case "vault" -> readVault(file, p, vault);
                    case "aws" -> readAws(file, p, aws);
                    default -> throw new Invalid(file, at, "unknown key \"" + system + "\"", SHAPE);
                }
            }
            if (p.nextToken() != null) {
                throw new Invalid(file, p.currentTokenLocation(), "unexpected content after the object", SHAPE);
            }
        } catch (JsonProcessingException e) {
            throw new Invalid(file, e.getLocation(), "not valid JSON: " + e.getOriginalMessage(), SHAPE);
        } catch (IOException e) {
            throw new Invalid(file, null, "cannot read it: " + FileProblem.reason(e), UNREADABLE);
        }
        return new SandboxSeed(file, vault, aws);
    }

    private static void readVault(Path file, JsonParser p, Map<String, Map<String, String>> into) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String path = p.currentName();
            JsonLocation at = p.currentTokenLocation();
            int slash = path.indexOf('/');
            if (slash <= 0 || slash == path.length() - 1) {
                throw new Invalid(file, at, "Vault path \"" + path + "\" is not MOUNT/PATH",
                        "Write it as sandbox put-secret takes it, such as \"secret/team/db\".");
            }
            expect(file, p, p.nextToken(), JsonToken.START_OBJECT, "the Vault secret \"" + path
                    + "\" must be an object of KEY: \"VALUE\"");
            Map<String, String> data = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                expect(file, p, p.nextToken(), JsonToken.VALUE_STRING, "the value of \"" + key + "\" at \"" + path
                        + "\" must be a string");
                data.put(key, p.getText());
            }
            into.put(path, data);
        }
    }

    private static void readAws(Path file, JsonParser p, Map<String, String> into) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            expect(file, p, p.nextToken(), JsonToken.VALUE_STRING, "the AWS secret \"" + name
                    + "\" must be a string (its SecretString)");
            into.put(name, p.getText());
        }
    }

    private static void expect(Path file, JsonParser p, JsonToken got, JsonToken want, String message) {
        if (got != want) {
            throw new Invalid(file, p.currentTokenLocation(), message, SHAPE);
        }
    }

    /** Stores the Vault part in a Vault emulator, creating mounts as needed. */
    void seedVault(VaultEmulator v) {
        vault.forEach((path, data) -> {
            try {
                v.putSecret(path, data);
            } catch (IllegalArgumentException noMount) {
                v.mount(path.substring(0, path.indexOf('/')));
                v.putSecret(path, data);
            }
        });
    }

    /** Creates the AWS part in a Secrets Manager emulator, in the sandbox's region. */
    void seedAws(SecretsManagerEmulator a) {
        aws.forEach((name, value) -> a.createSecret(Sandbox.AWS_REGION, name, value));
    }
}
