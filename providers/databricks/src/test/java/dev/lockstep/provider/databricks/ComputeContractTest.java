package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.service.compute.ClusterPoliciesAPI;
import com.databricks.sdk.service.compute.EditInstancePool;
import com.databricks.sdk.service.compute.EditPolicy;
import com.databricks.sdk.service.compute.GetInstancePool;
import com.databricks.sdk.service.compute.InstancePoolsAPI;
import com.databricks.sdk.service.compute.Policy;
import com.databricks.sdk.service.jobs.GetJobRequest;
import com.databricks.sdk.service.jobs.Job;
import com.databricks.sdk.service.jobs.JobsAPI;
import com.databricks.sdk.service.jobs.ResetJob;
import dev.lockstep.api.value.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contract tests of cluster policies, instance pools and jobs. */
class ComputeContractTest extends EmulatorTest {

    @Test
    void clusterPolicy() {
        String def = "definition = jsonencode({\"spark_conf.spark.secondkey\" : { \"type\" : \"forbidden\" }, "
                + "\"autotermination_minutes\" : { \"type\" : \"fixed\", \"value\" : 30 }})\n";
        new Contract("databricks_cluster_policy", "name = \"p-a\"\n" + def,
                "name = \"p-b\"\n" + def,
                "name = \"p-a\"\ndescription = \"for data teams\"\nmax_clusters_per_user = 2\n" + def,
                null,
                i -> {
                    ClusterPoliciesAPI api = new ClusterPoliciesAPI(admin);
                    Policy p = api.get(i.id());
                    api.edit(new EditPolicy().setPolicyId(i.id()).setName(p.getName()).setDefinition(p.getDefinition())
                            .setDescription("changed by hand").setMaxClustersPerUser(p.getMaxClustersPerUser()));
                },
                "description").run(spi);
    }

    @Test
    void definitionsCompareAsJson() {
        Spi.Instance i = spi.converge(Spi.addr("databricks_cluster_policy", "json"), null,
                spi.config("databricks_cluster_policy", "name = \"json\"\ndefinition = jsonencode({b = {type = "
                        + "\"forbidden\"}, a = {type = \"fixed\", value = 1}})\n"));
        Spi.Instance r = spi.refresh(i);
        Contract.assertNoOp(spi, i.address(), r, "name = \"json\"\ndefinition = <<EOT\n{ \"a\": {\"value\": 1, "
                + "\"type\": \"fixed\"},\n  \"b\": {\"type\": \"forbidden\"} }\nEOT\n", "reformatted definition");
        Spi.Planned bad = spi.plan(i.address(), r, spi.config("databricks_cluster_policy",
                "name = \"json\"\ndefinition = \"{not json\"\n"));
        assertTrue(bad.diagnostics().hasErrors());
        assertTrue(spi.delete(r).isEmpty());
    }

    @Test
    void instancePool() {
        String base = """
                instance_pool_name                    = "reserved"
                min_idle_instances                    = 0
                max_capacity                          = 10
                node_type_id                          = "i3.xlarge"
                idle_instance_autotermination_minutes = 10
                """;
        new Contract("databricks_instance_pool", base,
                base.replace("reserved", "other"),
                base.replace("max_capacity                          = 10", "max_capacity = 20\ncustom_tags = { "
                        + "team = \"ml\" }"),
                base.replace("max_capacity                          = 10", "max_capacity = 20\ncustom_tags = { "
                        + "team = \"ml\" }").replace("i3.xlarge", "m5d.large"),
                i -> {
                    InstancePoolsAPI api = new InstancePoolsAPI(admin);
                    GetInstancePool p = api.get(i.id());
                    api.edit(new EditInstancePool().setInstancePoolId(i.id()).setInstancePoolName(p.getInstancePoolName())
                            .setNodeTypeId(p.getNodeTypeId()).setMaxCapacity(3L).setMinIdleInstances(0L)
                            .setIdleInstanceAutoterminationMinutes(p.getIdleInstanceAutoterminationMinutes())
                            .setCustomTags(p.getCustomTags()));
                },
                "max_capacity").run(spi);
    }

    static final String JOB = """
            name = "Job with multiple tasks"
            job_cluster {
              job_cluster_key = "j"
              new_cluster {
                num_workers   = 2
                spark_version = "15.4.x-scala2.12"
                node_type_id  = "i3.xlarge"
              }
            }
            task {
              task_key = "b"
              depends_on {
                task_key = "a"
              }
              job_cluster_key = "j"
              spark_jar_task {
                main_class_name = "com.acme.data.Main"
              }
            }
            task {
              task_key = "a"
              new_cluster {
                num_workers   = 1
                spark_version = "15.4.x-scala2.12"
                node_type_id  = "i3.xlarge"
              }
              notebook_task {
                notebook_path = "/Shared/features"
                base_parameters = { day = "today" }
              }
            }
            schedule {
              quartz_cron_expression = "0 0 3 * * ?"
              timezone_id            = "UTC"
            }
            email_notifications {
              on_failure = ["oncall@example.com"]
            }
            """;

    @Test
    void job() {
        new Contract("databricks_job", JOB,
                "name = \"legacy\"\nnew_cluster {\n  num_workers = 1\n  spark_version = \"15.4.x-scala2.12\"\n"
                        + "  node_type_id = \"i3.xlarge\"\n}\nnotebook_task {\n  notebook_path = \"/Shared/x\"\n}\n"
                        + "max_retries = 2\n",
                JOB.replace("0 0 3 * * ?", "0 0 4 * * ?").replace("today", "yesterday")
                        + "max_concurrent_runs = 3\ntags = { env = \"dev\" }\n",
                null,
                i -> {
                    JobsAPI api = new JobsAPI(admin);
                    Job j = api.get(new GetJobRequest().setJobId(Long.parseLong(i.id())));
                    api.reset(new ResetJob().setJobId(j.getJobId())
                            .setNewSettings(j.getSettings().setMaxConcurrentRuns(9L)));
                },
                "max_concurrent_runs").run(spi);
    }

    @Test
    void legacySingleTaskFormRoundTrips() {
        String body = "name = \"legacy\"\nmax_concurrent_runs = 1\nnew_cluster {\n  num_workers = 1\n"
                + "  spark_version = \"15.4.x-scala2.12\"\n  node_type_id = \"i3.xlarge\"\n}\n"
                + "notebook_task {\n  notebook_path = \"/Shared/x\"\n}\nmax_retries = 2\n";
        Spi.Instance i = spi.converge(Spi.addr("databricks_job", "legacy"), null, spi.config("databricks_job", body));
        Job j = new JobsAPI(admin).get(new GetJobRequest().setJobId(Long.parseLong(i.id())));
        assertEquals(1, j.getSettings().getTasks().size());
        assertEquals("main", j.getSettings().getTasks().iterator().next().getTaskKey());
        assertEquals(2L, j.getSettings().getTasks().iterator().next().getMaxRetries());
        Spi.Instance r = spi.refresh(i);
        Contract.assertNoOp(spi, i.address(), r, body, "legacy form");
        Spi.Instance imported = spi.importObject(i.address(), i.id());
        Contract.assertNoOp(spi, i.address(), imported, body, "legacy form after import");
        assertEquals(Map.of("lockstep_address", "databricks_job.legacy"), j.getSettings().getTags());
        assertEquals(Value.nullOf(dev.lockstep.api.value.Type.map(dev.lockstep.api.value.Type.STRING)),
                r.state().get("tags"), "the address tag is not part of the state");
        assertTrue(spi.delete(r).isEmpty());
    }
}
