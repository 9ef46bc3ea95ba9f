package dev.lockstep.sandbox.databricks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.http.Json;
import java.util.List;
import java.util.Optional;

/** The fixed catalogue of an emulated AWS workspace: Spark versions and node types. */
final class Catalog {
    /** A node type; every one in the catalogue has one local NVMe instance-store disk of {@code localDiskGb}. */
    record NodeType(String id, long memoryMb, double cores, String category, String description, int localDiskGb) {}

    static final List<String[]> SPARK_VERSIONS = List.of(
            new String[] {"16.4.x-scala2.12", "16.4 LTS (includes Apache Spark 3.5.2, Scala 2.12)"},
            new String[] {"16.4.x-cpu-ml-scala2.12", "16.4 LTS ML (includes Apache Spark 3.5.2, Scala 2.12)"},
            new String[] {"15.4.x-scala2.12", "15.4 LTS (includes Apache Spark 3.5.0, Scala 2.12)"},
            new String[] {"15.4.x-cpu-ml-scala2.12", "15.4 LTS ML (includes Apache Spark 3.5.0, Scala 2.12)"},
            new String[] {"15.4.x-gpu-ml-scala2.12", "15.4 LTS ML (includes Apache Spark 3.5.0, GPU, Scala 2.12)"},
            new String[] {"14.3.x-scala2.12", "14.3 LTS (includes Apache Spark 3.5.0, Scala 2.12)"},
            new String[] {"13.3.x-scala2.12", "13.3 LTS (includes Apache Spark 3.4.1, Scala 2.12)"},
            new String[] {"12.2.x-scala2.12", "12.2 LTS (includes Apache Spark 3.3.2, Scala 2.12)"});

    static final List<NodeType> NODE_TYPES = List.of(
            new NodeType("m5d.large", 8192, 2, "General Purpose", "m5d.large", 75),
            new NodeType("m5d.xlarge", 16384, 4, "General Purpose", "m5d.xlarge", 150),
            new NodeType("m5d.2xlarge", 32768, 8, "General Purpose", "m5d.2xlarge", 300),
            new NodeType("i3.xlarge", 31232, 4, "Storage Optimized", "i3.xlarge", 950),
            new NodeType("i3.2xlarge", 62464, 8, "Storage Optimized", "i3.2xlarge", 1900),
            new NodeType("r5d.xlarge", 32768, 4, "Memory Optimized", "r5d.xlarge", 150),
            new NodeType("c5d.xlarge", 8192, 4, "Compute Optimized", "c5d.xlarge", 100),
            new NodeType("g4dn.xlarge", 16384, 4, "GPU Accelerated", "g4dn.xlarge", 125));

    private Catalog() {}

    static boolean knownSparkVersion(String key) {
        return SPARK_VERSIONS.stream().anyMatch(v -> v[0].equals(key));
    }

    static Optional<NodeType> nodeType(String id) {
        return NODE_TYPES.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    static ObjectNode sparkVersions() {
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("versions");
        for (String[] v : SPARK_VERSIONS) {
            arr.addObject().put("key", v[0]).put("name", v[1]);
        }
        return out;
    }

    static ObjectNode nodeTypes() {
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("node_types");
        int order = 0;
        for (NodeType n : NODE_TYPES) {
            ObjectNode o = arr.addObject();
            o.put("node_type_id", n.id());
            o.put("instance_type_id", n.id());
            o.put("memory_mb", n.memoryMb());
            o.put("num_cores", n.cores());
            o.put("num_gpus", n.category().startsWith("GPU") ? 1 : 0);
            o.put("description", n.description());
            o.put("category", n.category());
            o.put("is_deprecated", false);
            o.put("is_hidden", false);
            o.put("support_ebs_volumes", true);
            o.put("support_cluster_tags", true);
            o.put("support_port_forwarding", true);
            o.put("is_io_cache_enabled", n.id().startsWith("i3") || n.id().endsWith("d.xlarge"));
            o.put("photon_worker_capable", true);
            o.put("photon_driver_capable", true);
            o.put("display_order", order++);
            ObjectNode instance = o.putObject("node_instance_type");
            instance.put("instance_type_id", n.id());
            instance.put("local_disks", 0);
            instance.put("local_nvme_disks", 1);
            instance.put("local_nvme_disk_size_gb", n.localDiskGb());
        }
        return out;
    }
}
