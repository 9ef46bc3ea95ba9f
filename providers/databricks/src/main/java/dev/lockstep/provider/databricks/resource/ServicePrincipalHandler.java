package dev.lockstep.provider.databricks.resource;

import com.databricks.sdk.service.iam.ListServicePrincipalsRequest;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.ServicePrincipal;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.schema.IdentitySchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code databricks_service_principal}; an interrupted create is adopted by application id, or by
 * display name when the application id was to be generated and exactly one principal has that name.
 */
public final class ServicePrincipalHandler extends PrincipalHandler {

    private static final String ATTRS = "id,applicationId,displayName,externalId,active,entitlements";

    public ServicePrincipalHandler(ProviderContext ctx) {
        super(ctx, IdentitySchemas.SERVICE_PRINCIPAL);
    }

    @Override
    protected String kind() {
        return "sp";
    }

    @Override
    protected String nameAttribute() {
        return "application_id";
    }

    @Override
    protected String aclPrincipal(String name) {
        return "servicePrincipals/" + name;
    }

    private static Principal of(ServicePrincipal p) {
        return new Principal(p.getId(), p.getApplicationId(), p.getDisplayName(), p.getExternalId(), p.getActive(),
                p.getEntitlements());
    }

    @Override
    protected Principal get(String id) {
        return of(c.servicePrincipals.get(id));
    }

    @Override
    protected Map<String, Principal> list(List<String> ids) {
        Map<String, Principal> out = new LinkedHashMap<>();
        Scim.byIds(ids, f -> Scim.pages(start -> {
            var r = c.servicePrincipals.impl().list(new ListServicePrincipalsRequest().setFilter(f)
                    .setStartIndex(start).setAttributes(ATTRS));
            return new Scim.Page<>(r.getResources(), r.getTotalResults());
        }), ServicePrincipal::getId).forEach((k, p) -> out.put(k, of(p)));
        return out;
    }

    @Override
    protected Optional<Principal> byName(Value planned) {
        String app = Values.str(planned, "application_id");
        String display = Values.str(planned, "display_name");
        String filter = app != null ? "applicationId eq " + Scim.quote(app)
                : display != null ? "displayName eq " + Scim.quote(display) : null;
        if (filter == null) {
            return Optional.empty();
        }
        Principal found = null;
        for (ServicePrincipal p : c.servicePrincipals.list(new ListServicePrincipalsRequest().setFilter(filter))) {
            if (found != null) {
                return Optional.empty(); // ambiguous: never adopt a guess
            }
            found = of(p);
        }
        return Optional.ofNullable(found);
    }

    @Override
    protected String create(Value planned) {
        return c.servicePrincipals.create(new ServicePrincipal()
                .setApplicationId(Values.str(planned, "application_id"))
                .setDisplayName(Values.str(planned, "display_name")).setExternalId(Values.str(planned, "external_id"))
                .setActive(Values.bool(planned, "active", true)).setEntitlements(Scim.entitlements(planned))).getId();
    }

    @Override
    protected void patch(String id, List<Patch> ops) {
        c.servicePrincipals.patch(Scim.patch(id, ops));
    }

    @Override
    protected void remove(String id) {
        c.servicePrincipals.delete(id);
    }
}
