package dev.lockstep.provider.databricks.data;

import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.User;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.client.DatabricksClient;
import dev.lockstep.provider.databricks.client.Identity;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.schema.DataSourceSchemas;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code data "databricks_current_user"}: the identity lockstep acts as. */
public final class CurrentUserData extends DataSources {

    public CurrentUserData(DatabricksClient c) {
        super(c, DataSourceSchemas.CURRENT_USER);
    }

    @Override
    protected Value query(Value config, Diagnostics d) {
        Identity me = c.identity();
        User u = c.currentUser.me(new MeRequest());
        String name = me.name();
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("id", Value.string(me.id()));
        m.put("user_name", Value.string(name));
        m.put("application_id", Values.string(me.isServicePrincipal() ? name : null));
        m.put("home", Value.string("/Users/" + name));
        m.put("repos", Value.string("/Repos/" + name));
        m.put("alphanumeric", Value.string(alphanumeric(name)));
        m.put("external_id", Values.string(u.getExternalId()));
        m.put("workspace_url", Value.string(c.settings().host()));
        m.put("acl_principal_id", Value.string((me.isServicePrincipal() ? "servicePrincipals/" : "users/") + name));
        return result(config, m);
    }

    /** The part before {@code @} with every other character than letters and digits replaced by {@code _}. */
    static String alphanumeric(String name) {
        int at = name.indexOf('@');
        return (at < 0 ? name : name.substring(0, at)).replaceAll("[^A-Za-z0-9]", "_");
    }
}
