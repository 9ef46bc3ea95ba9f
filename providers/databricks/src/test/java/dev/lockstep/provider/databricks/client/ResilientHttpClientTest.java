package dev.lockstep.provider.databricks.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.core.http.HttpClient;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import dev.lockstep.api.toolkit.RequestCounts;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The retry and rate-limit layer under the SDK, against a scripted HTTP client and a fake clock:
 * nothing here sleeps for real.
 */
class ResilientHttpClientTest {

    /** A clock that only moves when someone sleeps; records the sleeps. */
    static final class FakeTime implements Sleeper {
        long now;
        final List<Long> sleptMs = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration d) {
            sleptMs.add(d.toMillis());
            now += d.toNanos();
        }
    }

    /** Answers from a script: a status (with optional Retry-After) or an exception. */
    static final class Scripted implements HttpClient {
        final Deque<Object> script = new ArrayDeque<>();
        int calls;

        Scripted then(Object o) {
            script.add(o);
            return this;
        }

        @Override
        public Response execute(Request in) throws IOException {
            calls++;
            Object next = script.pop();
            if (next instanceof IOException e) {
                throw e;
            }
            String[] s = ((String) next).split(";");
            Map<String, List<String>> headers = s.length > 1 ? Map.of("Retry-After", List.of(s[1])) : Map.of();
            return new Response(in, Integer.parseInt(s[0]), "status", headers, "{}");
        }
    }

    final FakeTime time = new FakeTime();
    final RequestCounts counter = new RequestCounts();

    ResilientHttpClient client(Scripted s, Duration retryTimeout) {
        return new ResilientHttpClient(s, new RateLimiter(1000, time), counter, time, retryTimeout, m -> { });
    }

    static Request get(String path) {
        return new Request("GET", "http://workspace" + path);
    }

    @Test
    void retries429And503HonouringRetryAfter() throws IOException {
        Scripted s = new Scripted().then("429;3").then("503;1").then("200");
        Response r = client(s, Duration.ofMinutes(5)).execute(get("/api/2.1/clusters/get"));
        assertEquals(200, r.getStatusCode());
        assertEquals(3, s.calls);
        assertEquals(3, counter.snapshot().get("GET /api/2.1/clusters/get"), "retries are requests too");
        assertEquals(List.of(3000L, 1000L), time.sleptMs.stream().filter(ms -> ms >= 1000).toList());
    }

    @Test
    void withoutRetryAfterBacksOffExponentially() throws IOException {
        Scripted s = new Scripted().then("429").then("429").then("429").then("200");
        client(s, Duration.ofMinutes(5)).execute(get("/api/2.0/permissions/clusters/x"));
        List<Long> waits = time.sleptMs.stream().filter(ms -> ms >= 100).toList();
        assertEquals(3, waits.size());
        assertEquals(true, waits.get(0) >= 250 && waits.get(1) >= 500 && waits.get(2) >= 1000, waits.toString());
    }

    @Test
    void givesUpAtTheRetryTimeoutWithTheLastAnswer() throws IOException {
        Scripted s = new Scripted();
        for (int i = 0; i < 50; i++) {
            s.then("429;10");
        }
        Response r = client(s, Duration.ofSeconds(25)).execute(get("/api/2.2/jobs/list"));
        assertEquals(429, r.getStatusCode(), "the SDK turns it into an error");
        assertEquals(3, s.calls, "0 s, 10 s, 20 s; the next wait would pass 25 s");
    }

    @Test
    void aCreateIsNotRetriedAfterA503ButIsAfterA429() throws IOException {
        Scripted s = new Scripted().then("503");
        Request create = new Request("POST", "http://workspace/api/2.1/clusters/create", "{}");
        assertEquals(503, client(s, Duration.ofMinutes(5)).execute(create).getStatusCode());
        assertEquals(1, s.calls, "the create may have happened: the caller looks it up first");
        Scripted t = new Scripted().then("429;0").then("200");
        assertEquals(200, client(t, Duration.ofMinutes(5)).execute(create).getStatusCode(), "429: not processed");
    }

    @Test
    void connectionFailuresFailFastUntilTheHostHasAnswered() throws IOException {
        Scripted s = new Scripted().then(new ConnectException("refused"));
        assertThrows(ConnectException.class, () -> client(s, Duration.ofMinutes(5)).execute(get("/api/2.0/x")));
        assertEquals(1, s.calls, "a wrong host is reported at once");
        Scripted t = new Scripted().then("200").then(new ConnectException("blip")).then("200");
        ResilientHttpClient c = client(t, Duration.ofMinutes(5));
        c.execute(get("/api/2.0/x"));
        assertEquals(200, c.execute(get("/api/2.0/x")).getStatusCode(), "after the first answer a blip is retried");
    }

    @Test
    void aBrokenConnectionIsRetriedForReadsButNotForCreates() throws IOException {
        Scripted s = new Scripted().then("200").then(new java.net.SocketTimeoutException("read timed out"));
        ResilientHttpClient c = client(s, Duration.ofMinutes(5));
        c.execute(get("/api/2.0/x"));
        Request create = new Request("POST", "http://workspace/api/2.2/jobs/create", "{}");
        assertThrows(java.net.SocketTimeoutException.class, () -> c.execute(create));
        Scripted t = new Scripted().then("200").then(new java.net.SocketTimeoutException("read timed out"))
                .then("200");
        ResilientHttpClient d = client(t, Duration.ofMinutes(5));
        d.execute(get("/api/2.0/x"));
        assertEquals(200, d.execute(get("/api/2.1/clusters/get")).getStatusCode());
    }

    @Test
    void readsRetryServerErrorsWritesDoNot() throws IOException {
        Scripted s = new Scripted().then("500").then("502").then("504").then("200");
        assertEquals(200, client(s, Duration.ofMinutes(5)).execute(get("/api/2.1/clusters/get")).getStatusCode());
        assertEquals(4, s.calls, "a read changes nothing: 500, 502 and 504 are retried");
        Scripted edit = new Scripted().then("500");
        Request post = new Request("POST", "http://workspace/api/2.1/clusters/edit", "{}");
        assertEquals(500, client(edit, Duration.ofMinutes(5)).execute(post).getStatusCode());
        assertEquals(1, edit.calls, "a write that met a 500 may have happened: not retried blindly");
        Scripted notImplemented = new Scripted().then("501");
        assertEquals(501, client(notImplemented, Duration.ofMinutes(5)).execute(get("/api/2.0/x")).getStatusCode());
        assertEquals(1, notImplemented.calls, "501 is not transient");
    }

    @Test
    void aReadRetriesUntilTheTimeBudgetNotAnAttemptCount() throws IOException {
        Scripted s = new Scripted();
        for (int i = 0; i < 100; i++) {
            s.then("500");
        }
        assertEquals(500, client(s, Duration.ofSeconds(60)).execute(get("/api/2.2/jobs/list")).getStatusCode());
        assertTrue(s.calls > 6, "more than six attempts in 60 s: " + s.calls);
        assertTrue(time.now <= Duration.ofSeconds(60).toNanos(), "and never past the budget");
        Scripted blips = new Scripted().then("200");
        for (int i = 0; i < 8; i++) {
            blips.then(new java.net.SocketTimeoutException("read timed out"));
        }
        blips.then("200");
        ResilientHttpClient c = client(blips, Duration.ofMinutes(5));
        c.execute(get("/api/2.0/x"));
        assertEquals(200, c.execute(get("/api/2.0/x")).getStatusCode(), "eight broken connections, then an answer");
    }

    @Test
    void a429PausesEveryone() throws Exception {
        RateLimiter limiter = new RateLimiter(10, time);
        limiter.acquire();
        limiter.pause(Duration.ofSeconds(2));
        long before = time.now;
        limiter.acquire();
        assertEquals(2000, (time.now - before) / 1_000_000);
    }

    @Test
    void theLimiterSpacesRequests() throws Exception {
        RateLimiter limiter = new RateLimiter(20, time);
        for (int i = 0; i < 21; i++) {
            limiter.acquire();
        }
        assertEquals(1000, time.now / 1_000_000, "21 requests at 20/s: the last one at 1 s");
    }

    @Test
    void endpointsNameTheirIdsAsPlaceholders() {
        assertEquals("PUT /api/2.0/permissions/{type}/{id}", Endpoints.of("PUT",
                "/api/2.0/permissions/clusters/0101-abc"));
        assertEquals("GET /api/2.0/permissions/{type}/{id}", Endpoints.of("GET",
                "/api/2.0/permissions/authorization/tokens"));
        assertEquals("PATCH /api/2.0/preview/scim/v2/Groups/{id}", Endpoints.of("PATCH",
                "/api/2.0/preview/scim/v2/Groups/123"));
        assertEquals("GET /api/2.0/preview/scim/v2/Groups", Endpoints.of("GET",
                "/api/2.0/preview/scim/v2/Groups?filter=x"));
        assertEquals("DELETE /api/2.0/token-management/tokens/{id}", Endpoints.of("DELETE",
                "/api/2.0/token-management/tokens/abc"));
        assertEquals("GET /api/2.1/clusters/get", Endpoints.of("GET", "/api/2.1/clusters/get"));
    }
}
