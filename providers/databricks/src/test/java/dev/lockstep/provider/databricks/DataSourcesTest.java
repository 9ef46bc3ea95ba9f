package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.GroupsAPI;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.ServicePrincipalsAPI;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.iam.UsersAPI;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data sources, answered from the emulator's API (its catalogue, its SCIM directory). */
class DataSourcesTest extends EmulatorTest {

    static String id(String type, String body) {
        DataSourceHandler.DataResponse r = spi.data(type, body);
        assertTrue(!r.diagnostics().hasErrors(), r.diagnostics().toString());
        return r.state().get("id").asString();
    }

    @Test
    void currentUser() {
        Value me = spi.data("databricks_current_user", "").state();
        assertEquals("admin@sandbox.lockstep.dev", me.get("user_name").asString());
        assertEquals("admin", me.get("alphanumeric").asString());
        assertEquals("/Users/admin@sandbox.lockstep.dev", me.get("home").asString());
        assertEquals(emulator.baseUri().toString().replaceAll("/$", ""), me.get("workspace_url").asString());
        assertEquals("users/admin@sandbox.lockstep.dev", me.get("acl_principal_id").asString());
    }

    @Test
    void sparkVersion() {
        assertEquals("16.4.x-scala2.12", id("databricks_spark_version", ""));
        assertEquals("16.4.x-scala2.12", id("databricks_spark_version", "long_term_support = true"));
        assertEquals("16.4.x-cpu-ml-scala2.12", id("databricks_spark_version", "ml = true"));
        assertEquals("15.4.x-gpu-ml-scala2.12", id("databricks_spark_version", "ml = true\ngpu = true"));
        assertEquals("13.3.x-scala2.12", id("databricks_spark_version", "spark_version = \"3.4\""));
        assertTrue(spi.data("databricks_spark_version", "latest = false").diagnostics().hasErrors(),
                "several matches without latest");
        assertTrue(spi.data("databricks_spark_version", "genomics = true").diagnostics().hasErrors());
    }

    @Test
    void nodeType() {
        assertEquals("m5d.large", id("databricks_node_type", "local_disk = true"));
        assertEquals("r5d.xlarge", id("databricks_node_type", "min_memory_gb = 32"));
        assertEquals("g4dn.xlarge", id("databricks_node_type", "min_gpus = 1"));
        assertEquals("i3.xlarge", id("databricks_node_type", "category = \"Storage Optimized\""));
        assertEquals("i3.2xlarge", id("databricks_node_type", "local_disk_min_size = 1000"));
        assertTrue(spi.data("databricks_node_type", "min_cores = 64").diagnostics().hasErrors());
    }

    @Test
    void groupWithNestedMembers() {
        GroupsAPI groups = new GroupsAPI(admin);
        String u = new UsersAPI(admin).create(new User().setUserName("dana@example.com")).getId();
        String sp = new ServicePrincipalsAPI(admin).create(new ServicePrincipal().setDisplayName("bot")).getId();
        String inner = groups.create(new Group().setDisplayName("inner").setMembers(List.of(
                new com.databricks.sdk.service.iam.ComplexValue().setValue(sp)))).getId();
        String outer = groups.create(new Group().setDisplayName("outer").setMembers(List.of(
                new com.databricks.sdk.service.iam.ComplexValue().setValue(u),
                new com.databricks.sdk.service.iam.ComplexValue().setValue(inner)))).getId();
        Value all = spi.data("databricks_group", "display_name = \"outer\"").state();
        assertEquals(outer, all.get("id").asString());
        assertEquals(set(u), all.get("users"));
        assertEquals(set(sp), all.get("service_principals"), "nested members count by default");
        assertEquals(set(inner), all.get("child_groups"));
        Value direct = spi.data("databricks_group", "display_name = \"outer\"\nrecursive = false").state();
        assertEquals(Value.set(Type.STRING, List.of()), direct.get("service_principals"));
        assertTrue(spi.data("databricks_group", "display_name = \"nope\"").diagnostics().hasErrors());
    }

    @Test
    void groupNamesWithQuotesAndBackslashesAreFound() {
        String id = new GroupsAPI(admin).create(new Group().setDisplayName("ops\\eu \"core\"")).getId();
        assertEquals(id, id("databricks_group", "display_name = \"ops\\\\eu \\\"core\\\"\""),
                "the filter value is a JSON string: the backslash is escaped too");
    }

    static Value set(String... s) {
        return Value.set(Type.STRING, java.util.Arrays.stream(s).map(Value::string).toList());
    }
}
