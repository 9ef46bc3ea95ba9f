package dev.lockstep.sandbox.databricks;

/**
 * The authenticated principal of one request: a workspace user or a service principal.
 *
 * @param id SCIM id
 * @param aclKind {@code user_name} or {@code service_principal_name}, as ACL entries name it
 * @param name the user name or the service principal's application id
 * @param displayName the SCIM display name
 */
record Caller(String id, String aclKind, String name, String displayName) {
    static final String USER = "user_name";
    static final String SERVICE_PRINCIPAL = "service_principal_name";
    static final String GROUP = "group_name";

    boolean isUser() {
        return aclKind.equals(USER);
    }
}
