package dev.lockstep.provider.databricks.data;

import com.databricks.sdk.service.compute.SparkVersion;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.databricks.client.DatabricksClient;
import dev.lockstep.provider.databricks.json.Values;
import dev.lockstep.provider.databricks.schema.DataSourceSchemas;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code data "databricks_spark_version"}: a runtime key chosen from the workspace's list with the
 * Terraform provider's filters (ML, GPU, genomics, photon, graviton, beta, LTS, Scala and Spark
 * versions); the newest match unless {@code latest = false}, which requires a single match.
 */
public final class SparkVersionData extends DataSources {

    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

    public SparkVersionData(DatabricksClient c) {
        super(c, DataSourceSchemas.SPARK_VERSION);
    }

    @Override
    protected Value query(Value config, Diagnostics d) {
        boolean ml = Values.bool(config, "ml", false);
        boolean gpu = Values.bool(config, "gpu", false);
        boolean genomics = Values.bool(config, "genomics", false);
        boolean photon = Values.bool(config, "photon", false);
        boolean graviton = Values.bool(config, "graviton", false);
        boolean beta = Values.bool(config, "beta", false);
        boolean lts = Values.bool(config, "long_term_support", false);
        boolean latest = Values.bool(config, "latest", true);
        String scala = Values.str(config, "scala") == null ? "2.12" : Values.str(config, "scala");
        String spark = Values.str(config, "spark_version");
        List<SparkVersion> matches = new ArrayList<>();
        for (SparkVersion v : c.clusters.sparkVersions().getVersions()) {
            String key = v.getKey();
            String name = v.getName() == null ? "" : v.getName();
            boolean ok = key.contains("-ml-") == ml && key.contains("-gpu-") == gpu && key.contains("-hls-") == genomics
                    && key.contains("-photon-") == photon && key.contains("-aarch64-") == graviton
                    && name.contains("Beta") == beta && (!lts || name.contains("LTS"))
                    && key.endsWith("scala" + scala) && (spark == null || name.contains("Apache Spark " + spark));
            if (ok) {
                matches.add(v);
            }
        }
        if (matches.isEmpty()) {
            d.error("No matching Spark version", "No runtime of the workspace matches the given criteria.", null);
            return null;
        }
        if (matches.size() > 1 && !latest) {
            d.error("More than one Spark version matches", "Set latest = true or narrow the criteria; matches: "
                    + matches.stream().map(SparkVersion::getKey).toList() + ".", null);
            return null;
        }
        matches.sort(Comparator.comparingLong((SparkVersion v) -> rank(v.getKey())).reversed());
        return result(config, Map.of("id", Value.string(matches.get(0).getKey()), "latest", Value.bool(latest),
                "scala", Value.string(scala)));
    }

    private static long rank(String key) {
        Matcher m = VERSION.matcher(key);
        return m.find() ? Long.parseLong(m.group(1)) * 1000 + Long.parseLong(m.group(2)) : -1;
    }
}
