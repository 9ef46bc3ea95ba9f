package dev.lockstep.sandbox.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceConflict;
import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.CurrentUserAPI;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.GroupsAPI;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import com.databricks.sdk.service.iam.ListGroupsResponse;
import com.databricks.sdk.service.iam.ListServicePrincipalsRequest;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.PartialUpdate;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.ServicePrincipalsAPI;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.iam.UsersAPI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScimApiTest extends SdkHarness {
    private static List<String> ids(Iterable<? extends Object> it, java.util.function.Function<Object, String> f) {
        List<String> out = new ArrayList<>();
        it.forEach(x -> out.add(f.apply(x)));
        return out;
    }

    @Test
    void groupsMembersAndPatchOps() {
        GroupsAPI groups = new GroupsAPI(admin);
        UsersAPI users = new UsersAPI(admin);
        User alice = users.create(new User().setUserName("alice@example.com").setDisplayName("Alice"));
        User bob = users.create(new User().setUserName("bob@example.com"));
        assertTrue(alice.getId().matches("\\d{16,}"), alice.getId());
        Group g = groups.create(new Group().setDisplayName("data-eng").setMembers(List.of(new ComplexValue().setValue(alice.getId())))
                .setEntitlements(List.of(new ComplexValue().setValue("allow-cluster-create"))));
        assertEquals("Alice", g.getMembers().iterator().next().getDisplay());
        assertEquals("Users/" + alice.getId(), g.getMembers().iterator().next().getRef());

        groups.patch(new PartialUpdate().setId(g.getId()).setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
                .setOperations(List.of(
                        new Patch().setOp(PatchOp.ADD).setPath("members").setValue(List.of(Map.of("value", bob.getId()))),
                        new Patch().setOp(PatchOp.REMOVE).setPath("members[value eq \"" + alice.getId() + "\"]"),
                        new Patch().setOp(PatchOp.REPLACE).setPath("displayName").setValue("data-engineering"))));
        Group after = groups.get(g.getId());
        assertEquals("data-engineering", after.getDisplayName());
        assertEquals(List.of(bob.getId()), after.getMembers().stream().map(ComplexValue::getValue).toList());
        assertEquals("data-engineering", users.get(bob.getId()).getGroups().iterator().next().getDisplay());
        assertNull(users.get(alice.getId()).getGroups(), "alice left the group");

        groups.patch(new PartialUpdate().setId(g.getId()).setOperations(List.of(
                new Patch().setOp(PatchOp.REMOVE).setPath("members").setValue(List.of(Map.of("value", bob.getId()))))));
        assertNull(groups.get(g.getId()).getMembers());

        ResourceConflict dup = assertThrows(ResourceConflict.class, () -> groups.create(new Group().setDisplayName("data-engineering")));
        assertEquals("SCIM_409", dup.getErrorCode());
        assertTrue(dup.getMessage().contains("already exists"), dup.getMessage());

        groups.delete(g.getId());
        NotFound nf = assertThrows(NotFound.class, () -> groups.get(g.getId()));
        assertEquals(404, nf.getStatusCode());
        // Paginator quirk: iterator().next() without hasNext() yields null, so iterate properly.
        List<String> adminsIds = new ArrayList<>();
        groups.list(new ListGroupsRequest().setFilter("displayName eq \"admins\"")).forEach(a -> adminsIds.add(a.getId()));
        assertEquals(1, adminsIds.size());
        BadRequest builtIn = assertThrows(BadRequest.class, () -> groups.delete(adminsIds.get(0)));
        assertTrue(builtIn.getMessage().startsWith("mutability"), builtIn.getMessage());
    }

    @Test
    void filtersAndPaging() {
        GroupsAPI groups = new GroupsAPI(admin);
        for (int i = 0; i < 7; i++) {
            groups.create(new Group().setDisplayName("team-" + i));
        }
        ListGroupsResponse page = groups.impl().list(new ListGroupsRequest().setStartIndex(3L).setCount(4L).setSortBy("displayName"));
        assertEquals(9L, page.getTotalResults(), "7 teams plus admins and users");
        assertEquals(4L, page.getItemsPerPage());
        assertEquals(3L, page.getStartIndex());
        assertEquals("team-1", page.getResources().iterator().next().getDisplayName());

        List<String> names = new ArrayList<>();
        groups.list(new ListGroupsRequest().setFilter("displayName sw \"team-\"").setCount(3L)).forEach(gr -> names.add(gr.getDisplayName()));
        assertEquals(7, names.size());

        List<String> one = new ArrayList<>();
        groups.list(new ListGroupsRequest().setFilter("displayName eq \"team-4\"")).forEach(gr -> one.add(gr.getDisplayName()));
        assertEquals(List.of("team-4"), one);

        ListGroupsResponse none = groups.impl().list(new ListGroupsRequest().setFilter("displayName eq \"nope\""));
        assertEquals(0L, none.getTotalResults());
        assertNull(none.getResources());
        BadRequest bad = assertThrows(BadRequest.class, () -> groups.impl().list(new ListGroupsRequest().setFilter("displayName eq")));
        assertTrue(bad.getMessage().startsWith("invalidFilter"), bad.getMessage());

        ListGroupsResponse slim = groups.impl().list(new ListGroupsRequest().setFilter("displayName eq \"team-4\"").setAttributes("displayName"));
        assertNull(slim.getResources().iterator().next().getSchemas());
    }

    @Test
    void usersServicePrincipalsAndMe() {
        UsersAPI users = new UsersAPI(admin);
        ServicePrincipalsAPI sps = new ServicePrincipalsAPI(admin);
        users.create(new User().setUserName("Carol@Example.com"));
        List<String> found = new ArrayList<>();
        users.list(new ListUsersRequest().setFilter("userName eq \"carol@example.com\"")).forEach(u -> found.add(u.getUserName()));
        assertEquals(List.of("Carol@Example.com"), found);
        assertThrows(ResourceConflict.class, () -> users.create(new User().setUserName("carol@example.com")));

        ServicePrincipal sp = sps.create(new ServicePrincipal().setDisplayName("ci-bot"));
        assertTrue(sp.getApplicationId().matches("[0-9a-f-]{36}"), sp.getApplicationId());
        assertTrue(sp.getActive());
        List<String> spIds = new ArrayList<>();
        sps.list(new ListServicePrincipalsRequest().setFilter("applicationId eq \"" + sp.getApplicationId() + "\""))
                .forEach(s -> spIds.add(s.getId()));
        assertEquals(List.of(sp.getId()), spIds);
        sps.patch(new PartialUpdate().setId(sp.getId()).setOperations(List.of(new Patch().setOp(PatchOp.REPLACE).setValue(Map.of("active", false)))));
        assertEquals(false, sps.get(sp.getId()).getActive());

        User me = new CurrentUserAPI(admin).me(new MeRequest());
        assertEquals("admin@sandbox.lockstep.dev", me.getUserName());
        assertTrue(me.getGroups().stream().anyMatch(g -> "admins".equals(g.getDisplay())));

        String carolToken = emulator.issueToken("carol@example.com", null);
        PermissionDenied denied = assertThrows(PermissionDenied.class,
                () -> new GroupsAPI(client(carolToken)).create(new Group().setDisplayName("mine")));
        assertEquals(403, denied.getStatusCode());
        assertEquals("carol@example.com".toLowerCase(), new CurrentUserAPI(client(carolToken)).me(new MeRequest()).getUserName().toLowerCase());
    }

    @Test
    void putReplacesAndDeleteCleansUp() {
        UsersAPI users = new UsersAPI(admin);
        GroupsAPI groups = new GroupsAPI(admin);
        User dave = users.create(new User().setUserName("dave@example.com").setDisplayName("Dave"));
        Group g = groups.create(new Group().setDisplayName("g").setMembers(List.of(new ComplexValue().setValue(dave.getId()))));
        users.update(new User().setId(dave.getId()).setUserName("dave@example.com").setDisplayName("David"));
        assertEquals("David", users.get(dave.getId()).getDisplayName());
        users.delete(dave.getId());
        assertNull(groups.get(g.getId()).getMembers());
        assertEquals(ids(users.list(new ListUsersRequest()), u -> ((User) u).getUserName()).size(), 1);
    }

    @Test
    void groupsAttributeOfAMemberWritesMembership() {
        GroupsAPI groups = new GroupsAPI(admin);
        UsersAPI users = new UsersAPI(admin);
        Group g = groups.create(new Group().setDisplayName("analysts"));
        User ivy = users.create(new User().setUserName("ivy@example.com").setGroups(List.of(new ComplexValue().setValue(g.getId()))));
        assertEquals(List.of(ivy.getId()), groups.get(g.getId()).getMembers().stream().map(ComplexValue::getValue).toList());
        BadRequest bad = assertThrows(BadRequest.class, () -> users.create(new User().setUserName("jay@example.com")
                .setGroups(List.of(new ComplexValue().setValue("999")))));
        assertEquals("SCIM_400", bad.getErrorCode());
        List<String> jays = new ArrayList<>();
        users.list(new ListUsersRequest().setFilter("userName eq \"jay@example.com\"")).forEach(u -> jays.add(u.getId()));
        assertEquals(List.of(), jays, "a rejected create leaves nothing behind");
    }
}
