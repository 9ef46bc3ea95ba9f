package dev.lockstep.planner.policy.rules;

import static dev.lockstep.planner.policy.rules.TestValues.check;
import static dev.lockstep.planner.policy.rules.TestValues.checkWith;
import static dev.lockstep.planner.policy.rules.TestValues.list;
import static dev.lockstep.planner.policy.rules.TestValues.live;
import static dev.lockstep.planner.policy.rules.TestValues.n;
import static dev.lockstep.planner.policy.rules.TestValues.obj;
import static dev.lockstep.planner.policy.rules.TestValues.planned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.policy.PolicySubject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Databricks rules. */
class DatabricksRulesTest {

    private static final Value NULL_STRING = Value.nullOf(Type.STRING);

    private static PolicySubject cluster(String name, Value minutes, Value mode) {
        return planned("databricks_cluster." + name, obj("autotermination_minutes", minutes, "cluster_name", name,
                "data_security_mode", mode, "spark_version", "15.4.x-scala2.12"));
    }

    private static Value ac(String user, String group, String sp, String level) {
        return obj("group_name", group == null ? NULL_STRING : Value.string(group),
                "permission_level", level,
                "service_principal_name", sp == null ? NULL_STRING : Value.string(sp),
                "user_name", user == null ? NULL_STRING : Value.string(user));
    }

    private static Value permissions(Value... entries) {
        return obj("access_control", Value.set(entries[0].type(), List.of(entries)), "job_id", "123");
    }

    // ---------------------------------------------------------------- autotermination

    @Test
    void autotermination() {
        ClusterAutoterminationRule rule = new ClusterAutoterminationRule();
        assertEquals(List.of("Cluster \"databricks_cluster.never\" never terminates (autotermination_minutes = 0)",
                "Cluster \"databricks_cluster.late\" terminates after 240 idle minutes, above the limit of 120"),
                check(rule, cluster("never", n(0), NULL_STRING), cluster("late", n(240), NULL_STRING),
                        cluster("ok", n(120), NULL_STRING), cluster("unset", Value.nullOf(Type.NUMBER), NULL_STRING),
                        cluster("unknown", Value.unknown(Type.NUMBER), NULL_STRING)));
        assertEquals(List.of("Cluster \"databricks_cluster.ok\" terminates after 120 idle minutes, above the limit "
                + "of 60"), checkWith(rule, List.of(cluster("ok", n(120), NULL_STRING)), "max_minutes", n(60)));
        List<String> sensitive = check(rule, cluster("s", Value.number(600).markSensitive(), NULL_STRING));
        assertEquals(List.of("Cluster \"databricks_cluster.s\" terminates after (sensitive value) idle minutes, above "
                + "the limit of 120"), sensitive);
    }

    // ---------------------------------------------------------------- isolation

    @Test
    void noIsolation() {
        ClusterIsolationRule rule = new ClusterIsolationRule();
        List<PolicySubject> subjects = List.of(cluster("none", n(30), Value.string("NONE")),
                cluster("legacy", n(30), Value.string("LEGACY_TABLE_ACL")),
                cluster("std", n(30), Value.string("USER_ISOLATION")),
                cluster("unset", n(30), NULL_STRING), cluster("unknown", n(30), Value.unknown(Type.STRING)));
        assertEquals(List.of("Cluster \"databricks_cluster.none\" has data_security_mode \"NONE\", which does not "
                + "isolate its users"), checkWith(rule, subjects));
        assertEquals(2, checkWith(rule, subjects, "modes", list("NONE", "LEGACY_TABLE_ACL")).size());
        assertEquals(1, check(rule, live("databricks_cluster.l", obj("data_security_mode", "NONE"))).size());
    }

    // ---------------------------------------------------------------- permissions

    @Test
    void usersCanManage() {
        UsersCanManageRule rule = new UsersCanManageRule();
        PolicySubject bad = planned("databricks_permissions.job", permissions(ac(null, "users", null, "CAN_MANAGE"),
                ac(null, "data-eng", null, "CAN_MANAGE")));
        PolicySubject lower = planned("databricks_permissions.lower", permissions(ac(null, "users", null,
                "can_manage")));
        PolicySubject view = planned("databricks_permissions.view", permissions(ac(null, "users", null, "CAN_VIEW")));
        PolicySubject userNamedUsers = planned("databricks_permissions.u", permissions(ac("users", null, null,
                "CAN_MANAGE")));
        assertEquals(List.of("Permissions \"databricks_permissions.job\" grant CAN_MANAGE to group \"users\" (every "
                + "workspace user)", "Permissions \"databricks_permissions.lower\" grant CAN_MANAGE to group "
                + "\"users\" (every workspace user)"), check(rule, bad, lower, view, userNamedUsers));
        assertEquals(3, checkWith(rule, List.of(bad, lower, view), "levels", list("CAN_MANAGE", "can_view")).size());
        PolicySubject unknown = planned("databricks_permissions.x", permissions(obj("group_name",
                Value.unknown(Type.STRING), "permission_level", "CAN_MANAGE", "service_principal_name", NULL_STRING,
                "user_name", NULL_STRING)));
        assertEquals(List.of(), check(rule, unknown));
        assertEquals(List.of(), check(rule, planned("databricks_permissions.y",
                obj("access_control", Value.unknown(Type.set(Type.DYNAMIC))))));
    }

    @Test
    void permissionsToUsers() {
        PermissionsUserRule rule = new PermissionsUserRule();
        PolicySubject p = planned("databricks_permissions.job", permissions(ac("alice@example.com", null, null,
                "CAN_MANAGE"), ac(null, "data-eng", null, "CAN_VIEW"), ac(null, null, "1234-abcd", "CAN_MANAGE_RUN"),
                ac("bob@example.com", null, null, "CAN_VIEW")));
        assertEquals(List.of("Permissions \"databricks_permissions.job\" grant CAN_MANAGE to user "
                + "\"alice@example.com\", CAN_VIEW to user \"bob@example.com\""), check(rule, p));
        assertEquals(List.of("Permissions \"databricks_permissions.job\" grant CAN_VIEW to user "
                + "\"bob@example.com\""), checkWith(rule, List.of(p), "allowed_users", list("alice@example.com")));
        PolicySubject acl = planned("databricks_secret_acl.alice", obj("permission", "read", "principal",
                "alice@example.com", "scope", "app"));
        PolicySubject groupAcl = planned("databricks_secret_acl.eng", obj("permission", "READ", "principal",
                "data-eng", "scope", "app"));
        PolicySubject spAcl = planned("databricks_secret_acl.sp", obj("permission", "READ", "principal",
                "6f1c-4d2e", "scope", "app"));
        assertEquals(List.of("Secret ACL \"databricks_secret_acl.alice\" grants READ on scope \"app\" to user "
                + "\"alice@example.com\""), check(rule, acl, groupAcl, spAcl));
        PolicySubject hidden = planned("databricks_permissions.h", permissions(obj("group_name", NULL_STRING,
                "permission_level", "CAN_VIEW", "service_principal_name", NULL_STRING,
                "user_name", Value.string("carol@example.com").markSensitive())));
        List<String> m = check(rule, hidden);
        assertEquals(1, m.size());
        assertFalse(m.get(0).contains("carol"), m.get(0));
    }

    // ---------------------------------------------------------------- tokens

    @Test
    void tokenLifetime() {
        TokenLifetimeRule rule = new TokenLifetimeRule();
        Value secretToken = Value.string("dapi-canary-token").markSensitive();
        PolicySubject forever = planned("databricks_token.ci", obj("comment", "ci", "lifetime_seconds",
                Value.nullOf(Type.NUMBER), "token_value", secretToken));
        PolicySubject year = planned("databricks_token.year", obj("lifetime_seconds", n(365L * 86400),
                "token_value", secretToken));
        PolicySubject month = planned("databricks_token.month", obj("lifetime_seconds", n(30L * 86400),
                "token_value", secretToken));
        PolicySubject unknown = planned("databricks_token.u", obj("lifetime_seconds", Value.unknown(Type.NUMBER)));
        List<String> m = check(rule, forever, year, month, unknown);
        assertEquals(List.of("Token \"databricks_token.ci\" never expires (no lifetime_seconds)",
                "Token \"databricks_token.year\" lives 365 days (lifetime_seconds = 31536000), above the limit of 90 "
                        + "days"), m);
        for (String msg : m) {
            assertFalse(msg.contains("canary"));
        }
        assertEquals(3, checkWith(rule, List.of(forever, year, month), "max_lifetime_days", n(7)).size());
        assertEquals(List.of("Token \"databricks_token.l\" never expires (no lifetime_seconds)"),
                check(rule, live("databricks_token.l", obj("lifetime_seconds", Value.nullOf(Type.NUMBER)))));
    }

    // ---------------------------------------------------------------- secret scopes

    @Test
    void secretScopeUsersManage() {
        SecretScopeUsersManageRule rule = new SecretScopeUsersManageRule();
        PolicySubject acl = planned("databricks_secret_acl.users", obj("permission", "manage", "principal", "users",
                "scope", "app"));
        PolicySubject read = planned("databricks_secret_acl.read", obj("permission", "READ", "principal", "users",
                "scope", "app"));
        PolicySubject eng = planned("databricks_secret_acl.eng", obj("permission", "MANAGE", "principal", "eng",
                "scope", "app"));
        PolicySubject scope = planned("databricks_secret_scope.app", obj("initial_manage_principal", "users", "name",
                "app"));
        PolicySubject privateScope = planned("databricks_secret_scope.p", obj("initial_manage_principal",
                NULL_STRING, "name", "p"));
        PolicySubject unknownAcl = planned("databricks_secret_acl.u", obj("permission", "MANAGE", "principal",
                Value.unknown(Type.STRING), "scope", "app"));
        assertEquals(List.of("Secret ACL \"databricks_secret_acl.users\" grants MANAGE on scope \"app\" to group "
                + "\"users\"", "Secret scope \"databricks_secret_scope.app\" gives MANAGE to group \"users\" "
                + "(initial_manage_principal)"), check(rule, acl, read, eng, scope, privateScope, unknownAcl));
    }

    // ---------------------------------------------------------------- jobs

    @Test
    void jobRunAs() {
        JobRunAsUserRule rule = new JobRunAsUserRule();
        PolicySubject user = planned("databricks_job.etl", obj("name", "etl", "run_as",
                obj("service_principal_name", NULL_STRING, "user_name", "alice@example.com")));
        PolicySubject sp = planned("databricks_job.sp", obj("name", "sp", "run_as",
                obj("service_principal_name", "6f1c-4d2e", "user_name", NULL_STRING)));
        PolicySubject none = planned("databricks_job.none", obj("name", "none", "run_as",
                Value.nullOf(Type.DYNAMIC)));
        PolicySubject unknown = planned("databricks_job.new", obj("name", "new", "run_as",
                Value.unknown(Type.DYNAMIC)));
        assertEquals(List.of("Job \"databricks_job.etl\" runs as user \"alice@example.com\""),
                check(rule, user, sp, none, unknown));
        // a run_as read from the workspace for a job configured without one is judged like a configured one
        PolicySubject owner = live("databricks_job.none", obj("name", "none", "run_as",
                obj("service_principal_name", NULL_STRING, "user_name", "bob@example.com")));
        assertEquals(List.of("Job \"databricks_job.none\" runs as user \"bob@example.com\""), check(rule, owner));
    }
}
