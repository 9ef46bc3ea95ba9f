package dev.lockstep.sandbox.vault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole persisted state of one emulated Vault server. Plain mutable fields so that Jackson
 * writes and reads it as is; every access happens under the emulator's state lock. Token values
 * are never stored, only their SHA-256; secret data is stored as written (the sandbox needs it).
 */
final class VaultState {
  /** Format version of the persisted file. */
  public int version = 1;
  /** KV version 2 mounts by path with a trailing slash, e.g. {@code secret/} or {@code team/kv/}. */
  public TreeMap<String, Mount> mounts = new TreeMap<>();
  /** Live tokens by the SHA-256 of their value. */
  public Map<String, Token> tokens = new LinkedHashMap<>();
  /** Kubernetes auth roles by name. */
  public TreeMap<String, KubernetesRole> kubernetesRoles = new TreeMap<>();
  /** Service-account JWTs the emulated TokenReview accepts, by the SHA-256 of the JWT. */
  public Map<String, ServiceAccount> serviceAccountJwts = new LinkedHashMap<>();
  /** AppRoles by role name. */
  public TreeMap<String, AppRole> appRoles = new TreeMap<>();

  /** One KV version 2 secrets engine. */
  static final class Mount {
    public String description = "";
    public String accessor;
    public String uuid;
    /** Mount-wide version limit; 0 means Vault's default of 10. */
    public int maxVersions;
    public boolean casRequired;
    /** Secrets by path below the mount (no leading or trailing slash). */
    public TreeMap<String, Secret> secrets = new TreeMap<>();
  }

  /** One secret: its metadata and its versions. */
  static final class Secret {
    public int currentVersion;
    public int oldestVersion;
    /** Per-secret version limit; 0 means the mount's. */
    public int maxVersions;
    public boolean casRequired;
    public Map<String, String> customMetadata;
    public String createdTime;
    public String updatedTime;
    public TreeMap<Integer, Version> versions = new TreeMap<>();
  }

  /** One version of a secret; {@code data} is null once destroyed. */
  static final class Version {
    public ObjectNode data;
    public String createdTime;
    public String deletionTime = "";
    public boolean destroyed;
  }

  /** A client token (stored by hash). */
  static final class Token {
    public String accessor;
    public List<String> policies = new ArrayList<>();
    public String displayName;
    /** The auth path that created it, e.g. {@code auth/kubernetes/login}. */
    public String path;
    public Map<String, String> meta = new LinkedHashMap<>();
    /** Epoch seconds. */
    public long creationTime;
    /** Creation TTL in seconds; 0 for tokens that never expire (root). */
    public long ttl;
    /** Epoch seconds after which the token is invalid; 0 = never. Renewal moves it. */
    public long expireTime;
    public boolean renewable;
    public boolean orphan;
    /** SHA-256 of the parent token, or null. Revoking a parent revokes its children. */
    public String parent;
  }

  /** A role of the Kubernetes auth method. {@code *} in a bound list matches anything. */
  static final class KubernetesRole {
    public List<String> boundServiceAccountNames = new ArrayList<>();
    public List<String> boundServiceAccountNamespaces = new ArrayList<>();
    public List<String> policies = new ArrayList<>();
    public long ttl;
  }

  /** The identity the emulated TokenReview returns for one accepted JWT. */
  static final class ServiceAccount {
    public String namespace;
    public String name;
    public String uid;
  }

  /** An AppRole: its role id and the hashes of its valid secret ids. */
  static final class AppRole {
    public String roleId;
    public List<String> secretIdHashes = new ArrayList<>();
    public List<String> policies = new ArrayList<>();
    public long ttl;
  }
}
