package dev.lockstep.sandbox.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.compute.ClusterSpec;
import com.databricks.sdk.service.jobs.BaseJob;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.CronSchedule;
import com.databricks.sdk.service.jobs.GetJobRequest;
import com.databricks.sdk.service.jobs.Job;
import com.databricks.sdk.service.jobs.JobCluster;
import com.databricks.sdk.service.jobs.JobEmailNotifications;
import com.databricks.sdk.service.jobs.JobSettings;
import com.databricks.sdk.service.jobs.JobsAPI;
import com.databricks.sdk.service.jobs.ListJobsRequest;
import com.databricks.sdk.service.jobs.ListJobsResponse;
import com.databricks.sdk.service.jobs.NotebookTask;
import com.databricks.sdk.service.jobs.PauseStatus;
import com.databricks.sdk.service.jobs.ResetJob;
import com.databricks.sdk.service.jobs.RunIf;
import com.databricks.sdk.service.jobs.Source;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.jobs.TaskDependency;
import com.databricks.sdk.service.jobs.UpdateJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JobsApiTest extends SdkHarness {
    static Task task(String key, String... deps) {
        Task t = new Task().setTaskKey(key).setJobClusterKey("main")
                .setNotebookTask(new NotebookTask().setNotebookPath("/Shared/" + key));
        if (deps.length > 0) {
            t.setDependsOn(java.util.Arrays.stream(deps).map(d -> new TaskDependency().setTaskKey(d)).toList());
        }
        return t;
    }

    static CreateJob job(String name) {
        return new CreateJob().setName(name)
                .setJobClusters(List.of(new JobCluster().setJobClusterKey("main")
                        .setNewCluster(new ClusterSpec().setSparkVersion("15.4.x-scala2.12").setNodeTypeId("i3.xlarge").setNumWorkers(1L))))
                .setTasks(List.of(task("ingest"), task("transform", "ingest")))
                .setSchedule(new CronSchedule().setQuartzCronExpression("0 0 3 * * ?").setTimezoneId("UTC"))
                .setEmailNotifications(new JobEmailNotifications().setOnFailure(List.of("ops@example.com")))
                .setTags(Map.of("team", "data"));
    }

    @Test
    void createGetRoundTripWithServerDefaults() {
        JobsAPI jobs = new JobsAPI(admin);
        long id = jobs.create(job("nightly")).getJobId();
        assertTrue(id > Integer.MAX_VALUE, "job ids are large numbers");
        Job j = jobs.get(id);
        JobSettings s = j.getSettings();
        assertEquals("nightly", s.getName());
        assertEquals(2, s.getTasks().size());
        assertEquals("ingest", s.getTasks().stream().toList().get(1).getDependsOn().iterator().next().getTaskKey());
        assertEquals(RunIf.ALL_SUCCESS, s.getTasks().iterator().next().getRunIf());
        assertEquals(Source.WORKSPACE, s.getTasks().iterator().next().getNotebookTask().getSource());
        assertEquals(PauseStatus.UNPAUSED, s.getSchedule().getPauseStatus());
        assertEquals(List.of("ops@example.com"), List.copyOf(s.getEmailNotifications().getOnFailure()));
        assertEquals(1L, s.getMaxConcurrentRuns());
        assertEquals("data", s.getTags().get("team"));
        assertEquals("admin@sandbox.lockstep.dev", j.getCreatorUserName());
        assertEquals("admin@sandbox.lockstep.dev", j.getRunAsUserName());
    }

    @Test
    void updateMergesTasksByKeyAndRemovesFields() {
        JobsAPI jobs = new JobsAPI(admin);
        long id = jobs.create(job("nightly")).getJobId();
        jobs.update(new UpdateJob().setJobId(id)
                .setNewSettings(new JobSettings().setName("nightly-v2").setTasks(List.of(
                        task("transform").setTimeoutSeconds(600L), task("publish", "transform"))))
                .setFieldsToRemove(List.of("tags", "tasks/ingest")));
        JobSettings s = jobs.get(id).getSettings();
        assertEquals("nightly-v2", s.getName());
        assertEquals(List.of("transform", "publish"), s.getTasks().stream().map(Task::getTaskKey).toList());
        assertEquals(600L, s.getTasks().iterator().next().getTimeoutSeconds());
        assertNull(s.getTags());
        assertEquals("0 0 3 * * ?", s.getSchedule().getQuartzCronExpression(), "untouched fields stay");

        jobs.reset(new ResetJob().setJobId(id).setNewSettings(new JobSettings().setName("bare")));
        s = jobs.get(id).getSettings();
        assertEquals("bare", s.getName());
        assertNull(s.getTasks());
        assertNull(s.getSchedule());
    }

    @Test
    void invalidSettingsAreRejected() {
        JobsAPI jobs = new JobsAPI(admin);
        assertThrows(InvalidParameterValue.class, () -> jobs.create(job("x").setTasks(List.of(task("a"), task("a")))));
        assertThrows(InvalidParameterValue.class, () -> jobs.create(job("x").setTasks(List.of(task("a", "missing")))));
        assertThrows(InvalidParameterValue.class,
                () -> jobs.create(job("x").setTasks(List.of(task("a").setJobClusterKey("nope")))));
        assertThrows(InvalidParameterValue.class,
                () -> jobs.create(job("x").setSchedule(new CronSchedule().setQuartzCronExpression("0 0 * * * ?"))));
        assertEquals(0, emulator.count("jobs"));
    }

    @Test
    void listPagesAndExpandsTasksOnlyWhenAsked() {
        JobsAPI jobs = new JobsAPI(admin);
        for (int i = 0; i < 5; i++) {
            jobs.create(job("job-" + i));
        }
        ListJobsResponse page = jobs.impl().list(new ListJobsRequest().setLimit(2L));
        assertEquals(2, page.getJobs().size());
        assertTrue(page.getHasMore());
        assertNull(page.getJobs().iterator().next().getSettings().getTasks());
        emulator.requestLog().reset();
        List<BaseJob> all = new ArrayList<>();
        jobs.list(new ListJobsRequest().setLimit(2L).setExpandTasks(true)).forEach(all::add);
        assertEquals(5, all.size());
        assertEquals(3, emulator.requestLog().snapshot().count("GET /api/2.2/jobs/list"));
        assertEquals(2, all.get(0).getSettings().getTasks().size());
        List<BaseJob> named = new ArrayList<>();
        jobs.list(new ListJobsRequest().setName("JOB-3")).forEach(named::add);
        assertEquals(1, named.size());
        assertThrows(InvalidParameterValue.class, () -> jobs.impl().list(new ListJobsRequest().setLimit(101L)));
    }

    @Test
    void getPagesTasksBeyondOneHundred() {
        JobsAPI jobs = new JobsAPI(admin);
        List<Task> many = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            many.add(task("t" + i));
        }
        long id = jobs.create(job("big").setTasks(many)).getJobId();
        Job first = jobs.get(new GetJobRequest().setJobId(id));
        assertEquals(100, first.getSettings().getTasks().size());
        assertTrue(first.getHasMore());
        Job second = jobs.get(new GetJobRequest().setJobId(id).setPageToken(first.getNextPageToken()));
        assertEquals(30, second.getSettings().getTasks().size());
        assertFalse(Boolean.TRUE.equals(second.getHasMore()));
        assertEquals("t100", second.getSettings().getTasks().iterator().next().getTaskKey());
    }

    @Test
    void deletedJobIsGoneWithTheRealErrorShapes() {
        JobsAPI jobs = new JobsAPI(admin);
        long id = jobs.create(job("tmp")).getJobId();
        jobs.delete(id);
        ResourceDoesNotExist e = assertThrows(ResourceDoesNotExist.class, () -> jobs.get(id));
        assertEquals("Job " + id + " does not exist.", e.getMessage());
        InvalidParameterValue d = assertThrows(InvalidParameterValue.class, () -> jobs.delete(id));
        assertEquals(400, d.getStatusCode());
        assertEquals(List.of(), List.copyOf(collect(jobs)));
    }

    private static List<Long> collect(JobsAPI jobs) {
        List<Long> ids = new ArrayList<>();
        jobs.list(new ListJobsRequest()).forEach(j -> ids.add(j.getJobId()));
        return ids.stream().collect(Collectors.toList());
    }
}
