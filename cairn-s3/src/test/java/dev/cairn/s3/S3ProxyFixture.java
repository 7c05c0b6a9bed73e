package dev.cairn.s3;

import dev.cairn.testkit.Directories;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * An S3Proxy server in this JVM, on a free loopback port, storing into a temporary directory ({@code filesystem-nio2}),
 * with SigV2/V4 authentication by {@link #ACCESS_KEY}/{@link #SECRET_KEY}. For tests of anything that stores on S3: this
 * module's own, and (through cairn-s3's test-jar) the agent's and the server's.
 *
 * <p>It serves HTTPS with a self-signed certificate for {@code 127.0.0.1}, made once per JVM with the JDK's
 * {@code keytool}, and makes the JVM trust it by pointing {@code javax.net.ssl.trustStore} at it (JVM-wide; tests that
 * need the normal CA certificates must not run in the same JVM). Why HTTPS: over plain HTTP the AWS SDK streams uploads
 * in {@code aws-chunked} encoding, which S3Proxy 4.1 answers before reading to the end, so a few percent of uploads fail
 * on the client (see {@code S3Connector}); over HTTPS bodies are sent plainly.
 *
 * <pre>{@code
 * try (S3ProxyFixture s3 = S3ProxyFixture.start();
 *      AutoCloseable creds = S3ProxyFixture.useCredentials()) {
 *     BlobStore store = BlobStores.create(s3.location(s3.newBucketName(), "repo"));
 * }
 * }</pre>
 * Start one per test class (about half a second) and give each test its own bucket or prefix. Thread-safe. Closing stops
 * the server and deletes its directory. Besides {@code s3proxy} (test scope) it needs nothing.
 */
public final class S3ProxyFixture implements AutoCloseable {
    public static final String ACCESS_KEY = "cairn-test-access";
    public static final String SECRET_KEY = "cairn-test-secret-not-a-real-one";
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final String KEYSTORE_PASSWORD = "cairn-test-keystore";
    private static Path keystore;

    private final S3Proxy proxy;
    private final Path dir;
    private final URI endpoint;

    private S3ProxyFixture(S3Proxy proxy, Path dir) {
        this.proxy = proxy;
        this.dir = dir;
        this.endpoint = URI.create("https://127.0.0.1:" + proxy.getSecurePort());
    }

    /** Starts a server; waits until it accepts requests (at most 30 s). */
    public static S3ProxyFixture start() throws Exception {
        Path dir = Files.createTempDirectory("cairn-s3proxy-");
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dir.toString());
        Path keys = trustedKeystore();
        S3Proxy proxy = S3Proxy.builder().blobStore(BlobStores.create("filesystem-nio2", properties))
                .secureEndpoint(URI.create("https://127.0.0.1:0"))
                .keyStore(keys.toString(), KEYSTORE_PASSWORD)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(5);
        }
        return new S3ProxyFixture(proxy, dir);
    }

    /**
     * A PKCS#12 key store with a self-signed certificate for 127.0.0.1 (made on first use; deleted when the JVM exits),
     * which the JVM is then told to trust.
     */
    private static synchronized Path trustedKeystore() throws IOException, InterruptedException {
        if (keystore == null) {
            Path dir = Files.createTempDirectory("cairn-s3proxy-tls-");
            Path file = dir.resolve("keystore.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "s3proxy", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "7",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                    "-keystore", file.toString(), "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD)
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IOException("keytool could not make the test certificate: " + output);
            }
            dev.cairn.testkit.Directories.deleteAtExit(dir);
            keystore = file;
        }
        System.setProperty("javax.net.ssl.trustStore", keystore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", KEYSTORE_PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        return keystore;
    }

    /** Where S3Proxy keeps the buckets' objects (its file-system back end): what a storage provider would hold. */
    public Path dataDirectory() {
        return dir;
    }

    /** {@code https://127.0.0.1:PORT}. */
    public URI endpoint() {
        return endpoint;
    }

    /** A bucket name no other test of this JVM uses (the bucket is not created: {@code create} locations do that). */
    public String newBucketName() {
        return "cairn-test-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
    }

    /** {@code s3://BUCKET[/PREFIX]?endpoint=…} for this server; {@code prefix} may be empty. */
    public String location(String bucket, String prefix) {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + "?endpoint=" + endpoint;
    }

    /**
     * Makes the AWS default credentials chain find this server's keys (through the {@code aws.accessKeyId} and
     * {@code aws.secretAccessKey} system properties, which the chain reads before the environment) and keeps it off the
     * network's instance metadata service. Closing restores the previous values. JVM-wide: tests that use it must not run
     * in parallel with tests that need other credentials.
     */
    public static AutoCloseable useCredentials() {
        return useCredentials(ACCESS_KEY, SECRET_KEY);
    }

    /** As {@link #useCredentials()} with the given keys (e.g. wrong ones). */
    public static AutoCloseable useCredentials(String accessKey, String secretKey) {
        String[][] saved = {
                {"aws.accessKeyId", System.getProperty("aws.accessKeyId")},
                {"aws.secretAccessKey", System.getProperty("aws.secretAccessKey")},
                {"aws.disableEc2Metadata", System.getProperty("aws.disableEc2Metadata")}};
        System.setProperty("aws.accessKeyId", accessKey);
        System.setProperty("aws.secretAccessKey", secretKey);
        System.setProperty("aws.disableEc2Metadata", "true");
        return () -> {
            for (String[] property : saved) {
                if (property[1] == null) {
                    System.clearProperty(property[0]);
                } else {
                    System.setProperty(property[0], property[1]);
                }
            }
        };
    }

    /** Stops the server (requests then fail to connect) and deletes its data. Idempotent. */
    @Override
    public void close() throws Exception {
        if (!"STOPPED".equals(proxy.getState())) {
            proxy.stop();
        }
        Directories.deleteRecursively(dir);
    }
}
