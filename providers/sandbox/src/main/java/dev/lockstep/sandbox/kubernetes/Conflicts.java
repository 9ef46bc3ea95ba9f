package dev.lockstep.sandbox.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.sandbox.http.Json;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;

/**
 * The API server's two kinds of 409, which the CRUD mock answers alike with reason {@code Invalid}:
 * a create of a name that exists is {@code AlreadyExists} ({@code secrets "s" already exists}); a
 * write naming a stale resourceVersion is {@code Conflict} ({@code Operation cannot be fulfilled on
 * secrets "s": the object has been modified; ...}). Clients tell them apart by the reason.
 */
final class Conflicts {
    private Conflicts() {}

    /** The mock's 409 rewritten as the API server words it; any other answer unchanged. */
    static MockResponse normalize(MockResponse r, ApiPath p, RecordedRequest request) {
        if (r == null || r.code() != 409 || !p.isResource()) {
            return r;
        }
        JsonNode status;
        try {
            status = Json.parse(r.getBody() == null ? new byte[0] : r.getBody().getBytes());
        } catch (IOException e) {
            return r;
        }
        if (!"Invalid".equals(status.path("reason").asText())) {
            return r; // already an API-server Status (a delete precondition)
        }
        String resource = p.resource() + (p.group() == null || p.group().isEmpty() ? "" : "." + p.group());
        String name = p.name() != null ? p.name() : nameOf(request);
        String message = status.path("message").asText("");
        if (message.contains("already exists")) {
            return Statuses.status(409, "AlreadyExists", resource + " \"" + name + "\" already exists",
                    Statuses.details(name, p.resource()));
        }
        return Statuses.status(409, "Conflict", "Operation cannot be fulfilled on " + resource + " \"" + name
                + "\": the object has been modified; please apply your changes to the latest version and try again",
                Statuses.details(name, p.resource()));
    }

    private static String nameOf(RecordedRequest request) {
        if (request == null || request.getBody() == null) {
            return "";
        }
        try {
            return Json.parse(request.getBody().getBytes()).path("metadata").path("name").asText("");
        } catch (IOException e) {
            return "";
        }
    }
}
