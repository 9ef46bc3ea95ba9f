package dev.lockstep.provider.databricks;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ResourceHandler;
import dev.lockstep.api.provider.UnmanagedLister;
import dev.lockstep.provider.databricks.acl.UnmanagedFinder;
import dev.lockstep.provider.databricks.client.ClientSettings;
import dev.lockstep.provider.databricks.client.DatabricksClient;
import dev.lockstep.provider.databricks.client.Errors;
import dev.lockstep.provider.databricks.client.Identity;
import dev.lockstep.provider.databricks.client.Sleeper;
import dev.lockstep.provider.databricks.data.CurrentUserData;
import dev.lockstep.provider.databricks.data.GroupData;
import dev.lockstep.provider.databricks.data.NodeTypeData;
import dev.lockstep.provider.databricks.data.SparkVersionData;
import dev.lockstep.provider.databricks.resource.ClusterHandler;
import dev.lockstep.provider.databricks.resource.ClusterPolicyHandler;
import dev.lockstep.provider.databricks.resource.DirectoryHandler;
import dev.lockstep.provider.databricks.resource.GroupHandler;
import dev.lockstep.provider.databricks.resource.GroupMemberHandler;
import dev.lockstep.provider.databricks.resource.InstancePoolHandler;
import dev.lockstep.provider.databricks.resource.JobHandler;
import dev.lockstep.provider.databricks.resource.NotebookHandler;
import dev.lockstep.provider.databricks.resource.PermissionsHandler;
import dev.lockstep.provider.databricks.resource.ProviderContext;
import dev.lockstep.provider.databricks.resource.SecretAclHandler;
import dev.lockstep.provider.databricks.resource.SecretHandler;
import dev.lockstep.provider.databricks.resource.SecretScopeHandler;
import dev.lockstep.provider.databricks.resource.ServicePrincipalHandler;
import dev.lockstep.provider.databricks.resource.TokenHandler;
import dev.lockstep.provider.databricks.resource.UserHandler;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An opened Databricks provider: one client for one workspace, the handlers of every resource
 * type and data source, request counts and the unmanaged-access finder.
 */
public final class DatabricksProvider implements Provider {

    private final ProviderContext ctx;
    private final Map<String, ResourceHandler> resources = new LinkedHashMap<>();
    private final Map<String, DataSourceHandler> dataSources = new LinkedHashMap<>();

    private DatabricksProvider(ProviderContext ctx) {
        this.ctx = ctx;
        add(new ClusterHandler(ctx));
        add(new ClusterPolicyHandler(ctx));
        add(new InstancePoolHandler(ctx));
        add(new JobHandler(ctx));
        add(new NotebookHandler(ctx));
        add(new DirectoryHandler(ctx));
        add(new PermissionsHandler(ctx));
        add(new GroupHandler(ctx));
        add(new GroupMemberHandler(ctx));
        add(new UserHandler(ctx));
        add(new ServicePrincipalHandler(ctx));
        add(new SecretScopeHandler(ctx));
        add(new SecretHandler(ctx));
        add(new SecretAclHandler(ctx));
        add(new TokenHandler(ctx));
        DatabricksClient c = ctx.client();
        for (DataSourceHandler h : List.of(new CurrentUserData(c), new GroupData(c), new SparkVersionData(c),
                new NodeTypeData(c))) {
            dataSources.put(h.schema().type(), h);
        }
    }

    private void add(ResourceHandler h) {
        resources.put(h.schema().type(), h);
    }

    /**
     * Resolves the settings, builds the client and makes one request ({@code Me}) to check that
     * the workspace is reachable and the credentials work.
     */
    static OpenResult open(ProviderConfig config, Sleeper sleeper) {
        ClientSettings.Resolution res = ClientSettings.resolve(config.settings(), config.environment(),
                config.sandbox(), config.run());
        if (res.settings() == null) {
            return OpenResult.failed(res.diagnostics());
        }
        ClientSettings s = res.settings();
        DatabricksClient client = DatabricksClient.create(s, sleeper, config.log());
        try {
            Identity me = client.identity();
            config.log().debug("databricks: connected to " + s.host() + " as " + me);
        } catch (RuntimeException e) {
            int status = Errors.status(e);
            String summary = status == 401 || status == 403 ? "Databricks rejected the credentials"
                    : "Cannot reach the Databricks workspace";
            Diagnostics d = new Diagnostics().addAll(res.diagnostics());
            d.error(summary, "Connecting to " + s.host() + " (host from " + s.source() + ", "
                    + (s.auth() == ClientSettings.Auth.PAT ? "personal access token" : "OAuth client credentials")
                    + ") failed: " + Errors.describe(e, client.scrubber()) + ".", null);
            return OpenResult.failed(d);
        }
        Path dir = config.configDir() == null ? Path.of(".") : config.configDir();
        return new OpenResult(new DatabricksProvider(new ProviderContext(client, dir, 8)), res.diagnostics());
    }

    /** The client (for tests and diagnostics). */
    public DatabricksClient client() {
        return ctx.client();
    }

    @Override
    public ResourceHandler resource(String type) {
        return resources.get(type);
    }

    @Override
    public DataSourceHandler dataSource(String type) {
        return dataSources.get(type);
    }

    @Override
    public Map<String, Long> requestCounts() {
        return ctx.client().requestCounts();
    }

    @Override
    public UnmanagedLister unmanaged() {
        PermissionsHandler permissions = (PermissionsHandler) resources.get("databricks_permissions");
        return new UnmanagedFinder(ctx, permissions::recordedEntries);
    }

    @Override
    public void close() {
        ctx.close();
    }
}
