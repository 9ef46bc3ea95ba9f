package dev.lockstep.provider.databricks.resource;

import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.User;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.schema.IdentitySchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code databricks_user}. */
public final class UserHandler extends PrincipalHandler {

    private static final String ATTRS = "id,userName,displayName,externalId,active,entitlements";

    public UserHandler(ProviderContext ctx) {
        super(ctx, IdentitySchemas.USER);
    }

    @Override
    protected String kind() {
        return "user";
    }

    @Override
    protected String nameAttribute() {
        return "user_name";
    }

    @Override
    protected String aclPrincipal(String name) {
        return "users/" + name;
    }

    private static Principal of(User u) {
        return new Principal(u.getId(), u.getUserName(), u.getDisplayName(), u.getExternalId(), u.getActive(),
                u.getEntitlements());
    }

    @Override
    protected Principal get(String id) {
        return of(c.users.get(id));
    }

    @Override
    protected Map<String, Principal> list(List<String> ids) {
        Map<String, Principal> out = new LinkedHashMap<>();
        Scim.byIds(ids, f -> Scim.pages(start -> {
            var r = c.users.impl().list(new ListUsersRequest().setFilter(f).setStartIndex(start).setAttributes(ATTRS));
            return new Scim.Page<>(r.getResources(), r.getTotalResults());
        }), User::getId)
                .forEach((k, u) -> out.put(k, of(u)));
        return out;
    }

    @Override
    protected Optional<Principal> byName(Value planned) {
        String name = Values.str(planned, "user_name");
        if (name == null) {
            return Optional.empty();
        }
        for (User u : c.users.list(new ListUsersRequest().setFilter("userName eq " + Scim.quote(name)))) {
            return Optional.of(of(u));
        }
        return Optional.empty();
    }

    @Override
    protected String create(Value planned) {
        return c.users.create(new User().setUserName(Values.str(planned, "user_name"))
                .setDisplayName(Values.str(planned, "display_name")).setExternalId(Values.str(planned, "external_id"))
                .setActive(Values.bool(planned, "active", true)).setEntitlements(Scim.entitlements(planned))).getId();
    }

    @Override
    protected void patch(String id, List<Patch> ops) {
        c.users.patch(Scim.patch(id, ops));
    }

    @Override
    protected void remove(String id) {
        c.users.delete(id);
    }
}
