package dev.lockstep.provider.databricks.data;

import com.databricks.sdk.service.compute.NodeInstanceType;
import com.databricks.sdk.service.compute.NodeType;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.client.DatabricksClient;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.schema.DataSourceSchemas;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code data "databricks_node_type"}: the smallest node type of the workspace's list (by memory,
 * then cores, then GPUs) that meets every criterion, as the Terraform provider picks it.
 */
public final class NodeTypeData extends DataSources {

    public NodeTypeData(DatabricksClient c) {
        super(c, DataSourceSchemas.NODE_TYPE);
    }

    @Override
    protected Value query(Value config, Diagnostics d) {
        List<NodeType> matches = new ArrayList<>();
        for (NodeType n : c.clusters.listNodeTypes().getNodeTypes()) {
            if (!Boolean.TRUE.equals(n.getIsDeprecated()) && !Boolean.TRUE.equals(n.getIsHidden()) && fits(n, config)) {
                matches.add(n);
            }
        }
        if (matches.isEmpty()) {
            d.error("No matching node type", "No node type of the workspace meets the given criteria.", null);
            return null;
        }
        matches.sort(Comparator.comparingLong((NodeType n) -> n.getMemoryMb() == null ? 0 : n.getMemoryMb())
                .thenComparingDouble(n -> n.getNumCores() == null ? 0 : n.getNumCores())
                .thenComparingLong(n -> n.getNumGpus() == null ? 0 : n.getNumGpus()));
        return result(config, Map.of("id", Value.string(matches.get(0).getNodeTypeId())));
    }

    private static boolean fits(NodeType n, Value cfg) {
        long memMb = n.getMemoryMb() == null ? 0 : n.getMemoryMb();
        double cores = n.getNumCores() == null ? 0 : n.getNumCores();
        long gpus = n.getNumGpus() == null ? 0 : n.getNumGpus();
        if (!atLeast(memMb / 1024.0, Values.num(cfg, "min_memory_gb")) || !atLeast(cores, Values.num(cfg, "min_cores"))
                || !atLeast(gpus, Values.num(cfg, "min_gpus"))) {
            return false;
        }
        BigDecimal perCore = Values.num(cfg, "gb_per_core");
        if (perCore != null && (cores == 0 || memMb / 1024.0 / cores < perCore.doubleValue())) {
            return false;
        }
        NodeInstanceType it = n.getNodeInstanceType();
        long disks = it == null ? 0 : nz(it.getLocalDisks()) + nz(it.getLocalNvmeDisks());
        long diskGb = it == null ? 0 : nz(it.getLocalDiskSizeGb()) * nz(it.getLocalDisks())
                + nz(it.getLocalNvmeDiskSizeGb()) * nz(it.getLocalNvmeDisks());
        if (Values.bool(cfg, "local_disk", false) && disks == 0 || !atLeast(diskGb, Values.num(cfg,
                "local_disk_min_size"))) {
            return false;
        }
        String category = Values.str(cfg, "category");
        if (category != null && !category.equalsIgnoreCase(n.getCategory())) {
            return false;
        }
        return need(cfg, "photon_worker_capable", n.getPhotonWorkerCapable())
                && need(cfg, "photon_driver_capable", n.getPhotonDriverCapable())
                && need(cfg, "graviton", n.getIsGraviton())
                && need(cfg, "is_io_cache_enabled", n.getIsIoCacheEnabled())
                && need(cfg, "support_port_forwarding", n.getSupportPortForwarding())
                && (!Values.bool(cfg, "fleet", false) || n.getNodeTypeId().contains("fleet"));
    }

    private static boolean need(Value cfg, String attr, Boolean has) {
        return !Values.bool(cfg, attr, false) || Boolean.TRUE.equals(has);
    }

    private static boolean atLeast(double have, BigDecimal want) {
        return want == null || have >= want.doubleValue();
    }

    private static long nz(Long l) {
        return l == null ? 0 : l;
    }
}
