package dev.lockstep.cli.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * examples/ci/drift-cronjob as the cluster would run it: the manifests of cronjob.yaml created in the
 * served Kubernetes emulator, then the CronJob's container resolved from them (the image's
 * ENTRYPOINT from the Dockerfile, the args with {@code $(VAR)} expanded from the env, each env value
 * read from the Secret it references, the ConfigMap volume written out read-only where it is
 * mounted) and run. The emulator stores RBAC without enforcing it, so the read-only claim is checked
 * on the manifests themselves.
 */
final class DriftCronJob {

    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

    final List<JsonNode> objects = new ArrayList<>();
    final JsonNode cronJob;
    final String entrypoint;

    DriftCronJob(Path recipeDir) throws IOException {
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class)
                .readValues(recipeDir.resolve("cronjob.yaml").toFile())) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && n.size() > 0) {
                    objects.add(n);
                }
            }
        }
        cronJob = objects.stream().filter(o -> o.path("kind").asText().equals("CronJob")).findFirst()
                .orElseThrow(() -> new AssertionError("no CronJob in cronjob.yaml"));
        Matcher m = Pattern.compile("(?m)^ENTRYPOINT \\[\"([^\"]+)\"]$")
                .matcher(Files.readString(recipeDir.resolve("Dockerfile")));
        assertTrue(m.find(), "the Dockerfile has an exec-form ENTRYPOINT");
        entrypoint = m.group(1);
    }

    /** Every rule of every Role and ClusterRole grants only get, list and watch. */
    void assertReadOnly() {
        int rules = 0;
        for (JsonNode o : objects) {
            if (o.path("kind").asText().endsWith("Role")) {
                for (JsonNode rule : o.path("rules")) {
                    rules++;
                    for (JsonNode verb : rule.path("verbs")) {
                        assertTrue(READ_VERBS.contains(verb.asText()),
                                o.path("metadata").path("name").asText() + " grants " + verb.asText());
                    }
                }
            }
        }
        assertTrue(rules > 0, "cronjob.yaml has RBAC rules");
    }

    /** The bindings give the CronJob's ServiceAccount exactly the roles of the file. */
    void assertBindingsReachTheServiceAccount() {
        JsonNode pod = podSpec();
        String sa = pod.path("serviceAccountName").asText();
        String ns = cronJob.path("metadata").path("namespace").asText();
        int bound = 0;
        for (JsonNode o : objects) {
            if (o.path("kind").asText().endsWith("RoleBinding")) {
                JsonNode subject = o.path("subjects").get(0);
                assertEquals("ServiceAccount", subject.path("kind").asText());
                assertEquals(sa, subject.path("name").asText());
                assertEquals(ns, subject.path("namespace").asText());
                String role = o.path("roleRef").path("name").asText();
                String kind = o.path("roleRef").path("kind").asText();
                assertTrue(objects.stream().anyMatch(r -> r.path("kind").asText().equals(kind)
                        && r.path("metadata").path("name").asText().equals(role)), "binds a role of the file: " + role);
                bound++;
            }
        }
        assertEquals(2, bound, "a RoleBinding for the state and a ClusterRoleBinding for the managed kinds");
    }

    /** Creates every object of cronjob.yaml in the cluster. */
    void apply(KubernetesClient k) throws IOException {
        for (JsonNode o : objects) {
            GenericKubernetesResource r = Serialization.unmarshal(o.toString(), GenericKubernetesResource.class);
            k.resource(r).create();
        }
    }

    JsonNode podSpec() {
        return cronJob.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
    }

    /**
     * Runs the container as the kubelet would start it: the command line and environment resolved
     * from the objects now in the cluster (read back through the API), the config volume written out
     * read-only at a local path standing for its mountPath, the entrypoint replaced by the shim.
     */
    Bash.Result run(KubernetesClient k, Path shim, Map<String, String> nodeEnv, Path scratch) throws IOException,
            InterruptedException {
        String ns = cronJob.path("metadata").path("namespace").asText();
        GenericKubernetesResource live = k.genericKubernetesResources("batch/v1", "CronJob").inNamespace(ns)
                .withName(cronJob.path("metadata").path("name").asText()).get();
        assertNotNull(live, "the CronJob is in the cluster");
        JsonNode pod = GithubRunner.json().valueToTree(live.getAdditionalProperties()).path("spec").path("jobTemplate")
                .path("spec").path("template").path("spec");
        assertEquals(1, pod.path("containers").size(), "one container");
        JsonNode container = pod.path("containers").get(0);
        assertTrue(container.path("command").isMissingNode(), "the image's ENTRYPOINT runs");
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : container.path("env")) {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            assertTrue(ref.isObject(), "env from Secrets only: " + e);
            var secret = k.secrets().inNamespace(ns).withName(ref.path("name").asText()).get();
            assertNotNull(secret, "Secret " + ref.path("name").asText());
            String b64 = secret.getData().get(ref.path("key").asText());
            assertNotNull(b64, "key " + ref.path("key").asText());
            env.put(e.path("name").asText(),
                    new String(java.util.Base64.getDecoder().decode(b64), StandardCharsets.UTF_8));
        }
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (JsonNode m : container.path("volumeMounts")) {
            JsonNode volume = null;
            for (JsonNode v : pod.path("volumes")) {
                if (v.path("name").asText().equals(m.path("name").asText())) {
                    volume = v;
                }
            }
            assertNotNull(volume, "volume " + m.path("name").asText());
            Path local = Files.createDirectories(scratch.resolve("mount-" + m.path("name").asText()));
            if (volume.has("configMap")) {
                var cm = k.configMaps().inNamespace(ns).withName(volume.path("configMap").path("name").asText()).get();
                assertNotNull(cm, "ConfigMap " + volume.path("configMap").path("name").asText());
                for (var d : cm.getData().entrySet()) {
                    Files.writeString(local.resolve(d.getKey()), d.getValue());
                }
                assertTrue(m.path("readOnly").asBoolean(), "the config is mounted read-only");
                Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("r-xr-xr-x"));
            } else {
                assertTrue(volume.has("emptyDir"), "config and emptyDir volumes only: " + volume);
            }
            mounts.put(m.path("mountPath").asText(), local);
        }
        List<String> command = new ArrayList<>(List.of(shim.toString()));
        for (JsonNode a : container.path("args")) {
            String arg = expand(a.asText(), env);
            for (Map.Entry<String, Path> mount : mounts.entrySet()) {
                if (arg.equals(mount.getKey()) || arg.startsWith(mount.getKey() + "/")) {
                    arg = mount.getValue() + arg.substring(mount.getKey().length());
                    break;
                }
            }
            command.add(arg);
        }
        Map<String, String> processEnv = new LinkedHashMap<>(nodeEnv);
        processEnv.putAll(env);
        if (mounts.containsKey("/tmp")) {
            processEnv.put("TMPDIR", mounts.get("/tmp").toString());
        }
        StringBuilder script = new StringBuilder("exec");
        for (String c : command) {
            script.append(" '").append(c.replace("'", "'\\''")).append('\'');
        }
        return Bash.run(script.toString(), scratch, processEnv, scratch.resolve("scripts"));
    }

    /** Kubernetes' {@code $(VAR)} expansion of container args from the container's env. */
    private static String expand(String arg, Map<String, String> env) {
        Matcher m = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)").matcher(arg);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            assertNotNull(v, "$(" + m.group(1) + ") is not in the container's env");
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
