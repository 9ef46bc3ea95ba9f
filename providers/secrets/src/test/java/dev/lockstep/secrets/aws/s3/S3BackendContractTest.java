package dev.lockstep.secrets.aws.s3;

import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.sandbox.aws.AwsSettings;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.s3.S3Emulator;
import dev.lockstep.state.remote.RemoteStore;
import dev.lockstep.state.remote.SharedBackendContract;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared backend's guarantees on S3 objects with conditional writes, through the real SDK
 * against the sandbox's S3 over HTTP; two clients per test.
 */
class S3BackendContractTest extends SharedBackendContract {
    private static final AtomicInteger N = new AtomicInteger();
    private static S3Emulator s3;
    private String key;

    @BeforeAll
    static void start() {
        s3 = new S3Emulator(new AwsSettings(), EmulatorServer.Options.defaults());
        s3.start();
        s3.ensureBucket("lockstep-sandbox", "us-east-1");
    }

    @AfterAll
    static void stop() {
        s3.stop();
    }

    @Override
    protected RemoteStore store() throws Exception {
        key = "shared/" + N.incrementAndGet() + "/terraform.tfstate";
        return sameStore();
    }

    @Override
    protected RemoteStore sameStore() throws Exception {
        return new S3BackendFactory().open(S3Fixture.config(S3Fixture.settings("ignored-in-sandbox", key), Map.of(),
                S3Fixture.sandbox(s3.baseUri().toString(), "lockstep-sandbox"), ProviderLog.NONE));
    }
}
