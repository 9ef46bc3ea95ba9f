package dev.lockstep.sandbox.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.core.ApiClient;
import com.databricks.sdk.service.compute.ClustersAPI;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.State;
import com.databricks.sdk.service.iam.CurrentUserAPI;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.GroupsAPI;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.jobs.JobsAPI;
import com.databricks.sdk.service.settings.CreateTokenRequest;
import com.databricks.sdk.service.settings.TokensAPI;
import com.databricks.sdk.service.workspace.CreateScope;
import com.databricks.sdk.service.workspace.PutSecret;
import com.databricks.sdk.service.workspace.SecretsAPI;
import dev.lockstep.sandbox.http.DirectoryStateStore;
import dev.lockstep.sandbox.http.EmulatorServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
    @TempDir
    Path dir;

    private DatabricksEmulator open() {
        DatabricksEmulator e = new DatabricksEmulator(new WorkspaceSettings().clusterTransitions(Duration.ZERO),
                EmulatorServer.Options.defaults().withStore(new DirectoryStateStore(dir, "databricks")));
        e.start();
        return e;
    }

    @Test
    void stateSurvivesAStopAndAFreshProcessSeesIt() throws Exception {
        SdkHarness.RecordingTimer timer = new SdkHarness.RecordingTimer();
        DatabricksEmulator first = open();
        ApiClient api = SdkHarness.client(first.baseUri(), first.adminToken(), timer);
        String groupId = new GroupsAPI(api).create(new Group().setDisplayName("persisted")).getId();
        String clusterId = new ClustersAPI(api).create(new CreateCluster().setClusterName("kept").setSparkVersion("15.4.x-scala2.12")
                .setNodeTypeId("i3.xlarge").setNumWorkers(1L)).getResponse().getClusterId();
        long jobId = new JobsAPI(api).create(JobsApiTest.job("kept")).getJobId();
        new SecretsAPI(api).createScope(new CreateScope().setScope("kept"));
        new SecretsAPI(api).putSecret(new PutSecret().setScope("kept").setKey("k").setStringValue("hunter2"));
        String pat = new TokensAPI(api).create(new CreateTokenRequest().setComment("survives")).getTokenValue();

        Path file = dir.resolve("databricks.json");
        assertTrue(Files.exists(file), "saved after each mutation, before stop");
        String saved = Files.readString(file);
        assertFalse(saved.contains(pat), "token values are stored only as hashes");
        first.stop();
        try (var tmp = Files.list(dir)) {
            assertEquals(1, tmp.count(), "no temporary files left behind");
        }

        DatabricksEmulator second = open();
        try {
            ApiClient again = SdkHarness.client(second.baseUri(), pat, timer);
            assertEquals("admin@sandbox.lockstep.dev", new CurrentUserAPI(again).me(new MeRequest()).getUserName());
            assertEquals("persisted", new GroupsAPI(again).get(groupId).getDisplayName());
            assertEquals(State.RUNNING, new ClustersAPI(again).get(clusterId).getState());
            assertEquals("kept", new JobsAPI(again).get(jobId).getSettings().getName());
            assertEquals(1, new JobsAPI(again).getPermissions(String.valueOf(jobId)).getAccessControlList().stream()
                    .filter(a -> a.getUserName() != null).count());
            assertEquals("aHVudGVyMg==", new SecretsAPI(again).getSecret("kept", "k").getValue());
            assertEquals(1, second.count("groups") - 2);
        } finally {
            second.stop();
        }
    }
}
