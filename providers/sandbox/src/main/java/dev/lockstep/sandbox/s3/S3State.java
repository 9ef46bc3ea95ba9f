package dev.lockstep.sandbox.s3;

import java.util.TreeMap;

/**
 * The whole persisted state of one emulated S3 account: its buckets and their objects. Plain
 * mutable fields so that Jackson writes and reads it as is; every access happens under the
 * emulator's state lock. Object content is kept as written (base64 in the file).
 */
final class S3State {
    /** Format version of the persisted file. */
    public int version = 1;
    /** Buckets by name. */
    public TreeMap<String, Bucket> buckets = new TreeMap<>();

    /** One bucket: its region, creation time (epoch ms) and objects by key (sorted, as S3 lists them). */
    static final class Bucket {
        public String name;
        public String region;
        public long created;
        public TreeMap<String, StoredObject> objects = new TreeMap<>();
    }

    /** One object: its bytes, quoted MD5 ETag, time of the last write (epoch ms) and metadata. */
    static final class StoredObject {
        public byte[] data;
        public String etag;
        public long lastModified;
        public String contentType;
        /** The x-amz-server-side-encryption the writer asked for, or null (S3 then applies AES256). */
        public String sse;
        public TreeMap<String, String> metadata = new TreeMap<>();
    }
}
