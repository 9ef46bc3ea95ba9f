package dev.lockstep.sandbox.databricks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole persisted state of one emulated workspace. Plain mutable fields so that Jackson writes
 * and reads it as is; every access happens under the emulator's state lock.
 */
final class DatabricksState {
  /** Format version of the persisted file. */
  public int version = 1;
  /** Next value of the numeric sequence behind job, SCIM and workspace object ids. */
  public long sequence = 1;

  public Map<String, Cluster> clusters = new LinkedHashMap<>();
  public Map<String, Policy> policies = new LinkedHashMap<>();
  public Map<String, Pool> pools = new LinkedHashMap<>();
  public TreeMap<Long, Job> jobs = new TreeMap<>();
  /** ACLs by object id, e.g. {@code /clusters/0101-...} or {@code /authorization/tokens}. */
  public Map<String, List<AclEntry>> acls = new LinkedHashMap<>();
  /** SCIM resources by id, stored in their wire form (without derived attributes). */
  public Map<String, ObjectNode> users = new LinkedHashMap<>();
  public Map<String, ObjectNode> groups = new LinkedHashMap<>();
  public Map<String, ObjectNode> servicePrincipals = new LinkedHashMap<>();
  public TreeMap<String, Scope> scopes = new TreeMap<>();
  /** Workspace tree by absolute path. */
  public TreeMap<String, WorkspaceNode> workspace = new TreeMap<>();
  public Map<String, Token> tokens = new LinkedHashMap<>();

  long nextId(long base) {
    return base + sequence++;
  }

  /** One all-purpose cluster: the submitted spec plus lifecycle fields. */
  static final class Cluster {
    public String clusterId;
    public ObjectNode spec;
    public String creator;
    public String state;
    public String stateMessage = "";
    /** Epoch millis at which {@link #state} began. */
    public long stateSince;
    public long startTime;
    public Long terminatedTime;
    public Long lastRestartedTime;
    public ObjectNode terminationReason;
    public long sparkContextId;
  }

  /** One cluster policy in its wire form. */
  static final class Policy {
    public ObjectNode body;
  }

  /** One instance pool in its wire form. */
  static final class Pool {
    public ObjectNode body;
  }

  /** One job: settings in wire form plus server-side metadata. */
  static final class Job {
    public long jobId;
    public ObjectNode settings;
    public String creator;
    public long createdTime;
  }

  /** One ACL entry: a principal and its direct permission level. */
  static final class AclEntry {
    /** {@code user_name}, {@code group_name} or {@code service_principal_name}. */
    public String kind;
    public String principal;
    public String level;

    AclEntry() {}

    AclEntry(String kind, String principal, String level) {
      this.kind = kind;
      this.principal = principal;
      this.level = level;
    }
  }

  /** One secret scope with its secrets and ACLs. */
  static final class Scope {
    public String name;
    public String backendType = "DATABRICKS";
    /** Secrets by key; values are kept base64-encoded. */
    public TreeMap<String, Secret> secrets = new TreeMap<>();
    /** Principal to MANAGE, WRITE or READ. */
    public Map<String, String> acls = new LinkedHashMap<>();
  }

  /** One secret value. */
  static final class Secret {
    public String valueBase64;
    public long lastUpdatedTimestamp;
  }

  /** One workspace object. */
  static final class WorkspaceNode {
    public String path;
    public String objectType;
    public long objectId;
    public String language;
    /** Content, base64, for notebooks and files. */
    public String content;
    public long createdAt;
    public long modifiedAt;
  }

  /** One personal access token; only a SHA-256 of its value is kept. */
  static final class Token {
    public String tokenId;
    public String valueSha256;
    /** SCIM id of the user or service principal that owns the token. */
    public String ownerId;
    public String createdById;
    public String createdByUsername;
    public String comment;
    public long creationTime;
    /** Epoch millis, or -1 for a token that does not expire. */
    public long expiryTime = -1;
    public List<String> scopes = new ArrayList<>();
  }
}
