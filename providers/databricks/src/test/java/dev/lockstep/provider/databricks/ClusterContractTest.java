package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.ClustersAPI;
import com.databricks.sdk.service.compute.EditCluster;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contract test of clusters, and the address tag every created cluster carries. */
class ClusterContractTest extends EmulatorTest {

    static final String BASE = """
            cluster_name            = "shared"
            spark_version           = "15.4.x-scala2.12"
            node_type_id            = "i3.xlarge"
            autotermination_minutes = 20
            autoscale {
              min_workers = 1
              max_workers = 4
            }
            spark_conf = { "spark.databricks.io.cache.enabled" = true }
            custom_tags = { team = "data" }
            """;

    @Test
    void contract() {
        new Contract("databricks_cluster", BASE,
                "cluster_name = \"other\"\nspark_version = \"14.3.x-scala2.12\"\nnode_type_id = \"m5d.large\"\n"
                        + "num_workers = 1\nno_wait = false\n",
                BASE.replace("max_workers = 4", "max_workers = 8").replace("team = \"data\"", "team = \"ml\""),
                null,
                i -> {
                    ClustersAPI api = new ClustersAPI(admin);
                    ClusterDetails cd = api.get(i.id());
                    EditCluster e = new EditCluster().setClusterId(i.id()).setClusterName(cd.getClusterName())
                            .setSparkVersion(cd.getSparkVersion()).setNodeTypeId(cd.getNodeTypeId())
                            .setAutoscale(cd.getAutoscale()).setAutoterminationMinutes(cd.getAutoterminationMinutes())
                            .setSparkConf(Map.of("spark.databricks.io.cache.enabled", "false"))
                            .setCustomTags(cd.getCustomTags());
                    awaitSettled(api, i.id());
                    api.edit(e);
                },
                "spark_conf").run(spi);
    }

    @Test
    void createdClustersCarryTheirAddressTagWhichNeverShows() {
        Spi.Instance i = spi.converge(Spi.addr("databricks_cluster", "tagged"), null,
                spi.config("databricks_cluster", BASE));
        ClusterDetails cd = new ClustersAPI(admin).get(i.id());
        assertEquals("databricks_cluster.tagged", cd.getCustomTags().get("lockstep_address"));
        assertEquals(Value.map(Type.STRING, Map.of("team", Value.string("data"))), i.state().get("custom_tags"),
                "the tag is not part of the state");
        assertTrue(spi.delete(i).isEmpty());
    }

    static void awaitSettled(ClustersAPI api, String id) {
        for (int i = 0; i < 100; i++) {
            String s = String.valueOf(api.get(id).getState());
            if (s.equals("RUNNING") || s.equals("TERMINATED")) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
