package dev.lockstep.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.planner.planfile.PlanJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts a JSON report to a webhook (Slack's incoming webhooks read the {@code text} field). */
final class Webhook {

    private Webhook() {
    }

    /** Null on success, else a one-line reason. */
    static String post(String url, ObjectNode report) {
        try {
            HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(PlanJson.toText(report))).build();
            HttpResponse<Void> r = c.send(req, HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2 ? null : "the webhook answered HTTP " + r.statusCode();
        } catch (IllegalArgumentException e) {
            return "not a valid URL";
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The URL without its path and query, which for chat webhooks are the secret part. */
    static String redact(String url) {
        try {
            URI u = URI.create(url);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + "/...";
        } catch (IllegalArgumentException e) {
            return "the webhook";
        }
    }
}
