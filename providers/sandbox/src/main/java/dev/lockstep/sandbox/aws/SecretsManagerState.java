package dev.lockstep.sandbox.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole persisted state of one emulated Secrets Manager (all regions of one account). Plain
 * mutable fields so that Jackson writes and reads it as is; every access happens under the
 * emulator's state lock. Secret values are stored as written (the sandbox needs them).
 */
final class SecretsManagerState {
  /** Format version of the persisted file. */
  public int version = 1;
  /** Secrets by {@code region + "/" + name}. */
  public TreeMap<String, Secret> secrets = new TreeMap<>();

  /** One secret and its versions (in creation order). Times are epoch milliseconds. */
  static final class Secret {
    public String name;
    public String arn;
    public String region;
    public String description;
    public String kmsKeyId;
    public long createdDate;
    public long lastChangedDate;
    public Long lastAccessedDate;
    /** When the secret will be deleted; non-null once DeleteSecret scheduled it. */
    public Long deletedDate;
    public List<Map<String, String>> tags = new ArrayList<>();
    public LinkedHashMap<String, Version> versions = new LinkedHashMap<>();
  }

  /** One version: exactly one of the values, and its staging labels (none = deprecated). */
  static final class Version {
    public String versionId;
    public String secretString;
    /** Base64, as on the wire. */
    public String secretBinary;
    public long createdDate;
    public List<String> stages = new ArrayList<>();
  }
}
