package dev.lockstep.sandbox.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Route table: method plus path template, where a {@code {name}} segment captures one path
 * segment and a last {@code {name+}} segment captures one or more remaining segments (joined with
 * {@code /}). Literal segments win over captures when two templates could match the same path, so
 * {@code /api/2.0/token-management/tokens/{id}} and a literal sibling can coexist; on a tie a
 * template without a trailing capture wins.
 */
public final class Router {
  /** A registered route. {@code open} routes skip authentication. */
  public record Route(String method, String template, Handler handler, boolean open) {
    /** Endpoint key used by accounting and rate limits: {@code "GET /path/{id}"}. */
    public String endpoint() {
      return method + " " + template;
    }
  }

  /** Result of a lookup: the route and the captured parameters. */
  public record Match(Route route, Map<String, String> params) {}

  /** Handles one request; may throw {@link HttpError}. */
  @FunctionalInterface
  public interface Handler {
    /** Answers the request. */
    ApiResponse handle(ApiRequest request);
  }

  private final List<Route> routes = new ArrayList<>();

  /** Registers an authenticated route. */
  public Router add(String method, String template, Handler handler) {
    return add(method, template, handler, false);
  }

  /** Registers a route; {@code open} routes need no credentials. */
  public synchronized Router add(String method, String template, Handler handler, boolean open) {
    for (Route r : routes) {
      if (r.method.equals(method) && r.template.equals(template)) {
        throw new IllegalArgumentException("duplicate route " + method + " " + template);
      }
    }
    routes.add(new Route(method, template, handler, open));
    return this;
  }

  /** Finds the best route for a method and path. */
  public synchronized Optional<Match> match(String method, String path) {
    String[] segments = split(path);
    Match best = null;
    int bestScore = -1;
    for (Route r : routes) {
      if (!r.method.equals(method)) {
        continue;
      }
      String[] tpl = split(r.template);
      boolean greedy = isGreedy(tpl[tpl.length - 1]);
      if (greedy ? segments.length < tpl.length : tpl.length != segments.length) {
        continue;
      }
      Map<String, String> params = new HashMap<>();
      int literals = 0;
      boolean ok = true;
      for (int i = 0; i < tpl.length && ok; i++) {
        String t = tpl[i];
        if (greedy && i == tpl.length - 1) {
          String rest = String.join("/", java.util.Arrays.copyOfRange(segments, i, segments.length));
          if (rest.isEmpty()) {
            ok = false;
          } else {
            params.put(t.substring(1, t.length() - 2), rest);
          }
        } else if (t.length() > 2 && t.startsWith("{") && t.endsWith("}")) {
          if (segments[i].isEmpty()) {
            ok = false;
          } else {
            params.put(t.substring(1, t.length() - 1), segments[i]);
          }
        } else if (t.equals(segments[i])) {
          literals++;
        } else {
          ok = false;
        }
      }
      int score = literals * 2 + (greedy ? 0 : 1);
      if (ok && score > bestScore) {
        best = new Match(r, params);
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean isGreedy(String segment) {
    return segment.length() > 3 && segment.startsWith("{") && segment.endsWith("+}");
  }

  private static String[] split(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.split("/", -1);
  }
}
