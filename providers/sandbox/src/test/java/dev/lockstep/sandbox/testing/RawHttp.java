package dev.lockstep.sandbox.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.sandbox.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain JDK HTTP calls for what no SDK sends (LIST, raw error bodies), as curl would make them. */
public final class RawHttp {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  /** Status, headers and body of one answer. */
  public record Answer(int status, HttpResponse<String> response) {
    /** The body parsed as JSON. */
    public JsonNode json() {
      try {
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The body as text. */
    public String body() {
      return response.body();
    }

    /** First value of a response header, or null. */
    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  private RawHttp() {}

  /** Sends one request; {@code headers} alternate names and values. */
  public static Answer send(String method, URI uri, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
