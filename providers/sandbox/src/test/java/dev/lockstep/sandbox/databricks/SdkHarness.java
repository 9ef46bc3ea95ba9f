package dev.lockstep.sandbox.databricks;

import com.databricks.sdk.core.ApiClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.PatCredentialsProvider;
import com.databricks.sdk.core.commons.CommonsHttpClient;
import com.databricks.sdk.core.utils.Timer;
import dev.lockstep.sandbox.http.EmulatorServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Starts a fresh emulator per test (fast cluster transitions) and builds SDK clients the way
 * lockstep does: {@link ApiClient.Builder} with a {@link PatCredentialsProvider} and an explicit
 * HTTP client, so that no discovery request is made. The SDK's retry sleeps go to a recording
 * timer that does not sleep.
 */
abstract class SdkHarness {
  protected DatabricksEmulator emulator;
  protected ApiClient admin;
  protected final RecordingTimer timer = new RecordingTimer();

  /** Records the SDK's backoff sleeps instead of sleeping. */
  static class RecordingTimer implements Timer {
    final List<Long> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(long milliseconds) {
      sleeps.add(milliseconds);
    }

    @Override
    public long getCurrentTime() {
      return System.currentTimeMillis();
    }
  }

  protected WorkspaceSettings settings() {
    return new WorkspaceSettings().clusterTransitions(Duration.ofMillis(150));
  }

  @BeforeEach
  void startEmulator() {
    emulator = new DatabricksEmulator(settings(), EmulatorServer.Options.defaults());
    emulator.start();
    admin = client(emulator.adminToken());
  }

  @AfterEach
  void stopEmulator() {
    emulator.stop();
  }

  protected ApiClient client(String token) {
    return client(emulator.baseUri(), token, timer);
  }

  static ApiClient client(URI base, String token, Timer timer) {
    DatabricksConfig cfg = new DatabricksConfig()
        .setHost(base.toString())
        .setToken(token)
        .setCredentialsProvider(new PatCredentialsProvider())
        .setHttpClient(new CommonsHttpClient.Builder().withTimeoutSeconds(30).build());
    return new ApiClient.Builder().withDatabricksConfig(cfg).withTimer(timer).build();
  }

  /** Polls (with short real sleeps) until the condition holds or two seconds pass. */
  static void eventually(Runnable assertion) {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
