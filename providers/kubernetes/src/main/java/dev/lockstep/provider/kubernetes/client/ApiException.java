package dev.lockstep.provider.kubernetes.client;

/**
 * A failed API call: the HTTP status (0 when no response arrived), the Kubernetes reason
 * ({@code Conflict}, {@code AlreadyExists}...) and the server's message. Request bodies are never
 * part of it; callers redact secret values from the message before showing it.
 */
public final class ApiException extends RuntimeException {

    private final int code;
    private final String reason;

    public ApiException(int code, String reason, String message) {
        super(message == null ? "" : message);
        this.code = code;
        this.reason = reason == null ? "" : reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** A 409 because the object changed since the resourceVersion the request named. */
    public boolean isConflict() {
        return code == 409 && !isAlreadyExists();
    }

    /** A 409 because an object of that name exists already. */
    public boolean isAlreadyExists() {
        return code == 409 && (reason.equals("AlreadyExists") || getMessage().contains("already exists"));
    }

    public boolean isNotFound() {
        return code == 404;
    }
}
