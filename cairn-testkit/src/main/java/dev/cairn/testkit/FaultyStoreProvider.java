package dev.cairn.testkit;

import dev.cairn.blob.BlobOp;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.BlobStoreProvider;
import dev.cairn.blob.LocalBlobStore;
import dev.cairn.blob.Sleeper;
import dev.cairn.blob.TransientBlobStoreException;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongPredicate;

/**
 * Test scheme {@code faulty:/path/to/store?seed=N&RULE=…}: a local store with seeded faults, so the shipped jar, run with
 * the cairn-testkit jar on its class path ({@code java -cp cairn.jar:cairn-testkit.jar dev.cairn.dist.Main …}), can be
 * driven through them by the reliability harness (issue 21). Works as the agent's repository and as the server's
 * {@code --store} root (each repository's store is {@code faulty:/root/tenants/…?same-query}). Rules, repeatable:
 * <ul>
 *   <li>{@code fail=OP:P} a share P (0..1) of the calls of OP (put, get, stat, list, delete) fail transiently
 *       before reaching the store ({@link TransientBlobStoreException}, what a 503 is);</li>
 *   <li>{@code broken=OP:P} the same with a plain {@link IOException} (not retryable: a disk error);</li>
 *   <li>{@code lost=OP:P} the call completes in the store, then fails transiently: a lost acknowledgement;</li>
 *   <li>{@code partial=P} a share of puts hand the store half their bytes, then fail transiently;</li>
 *   <li>{@code slow=OP:MS} every call of OP waits MS milliseconds;</li>
 *   <li>{@code lag=MS} listings lag MS milliseconds behind puts and deletes ({@link LaggingBlobStore}).</li>
 * </ul>
 * {@code P} may also be {@code @N}: exactly the N-th call. Which calls fail is a function of (seed, rule, call number),
 * so one process with one seed repeats its faults. Deliberately not registered in this jar's META-INF/services (every
 * test class path would then list the scheme): the harness adds a directory holding that registration to the class
 * path (bench/reliability/lib/rel.py {@code faulty_classpath}).
 */
public final class FaultyStoreProvider implements BlobStoreProvider {
    /** For {@link java.util.ServiceLoader}. */
    public FaultyStoreProvider() {
    }

    @Override
    public String scheme() {
        return "faulty";
    }

    @Override
    public BlobStore open(URI location) throws IOException {
        return wrap(LocalBlobStore.open(Path.of(location.getPath())), location);
    }

    @Override
    public BlobStore create(URI location) throws IOException {
        return wrap(LocalBlobStore.create(Path.of(location.getPath())), location);
    }

    static BlobStore wrap(BlobStore local, URI location) {
        String query = location.getRawQuery() == null ? "" : location.getRawQuery();
        long seed = 1;
        for (String pair : query.split("&")) {
            if (pair.startsWith("seed=")) {
                seed = Long.parseLong(pair.substring(5));
            }
        }
        LaggingBlobStore timing = LaggingBlobStore.wrap(local, Clock.systemUTC(), Sleeper.system());
        FaultyBlobStore faulty = FaultyBlobStore.wrap(timing);
        int salt = 0;
        for (String pair : query.split("&")) {
            if (pair.isEmpty() || pair.startsWith("seed=")) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("faulty: rule '" + pair + "' needs a value, e.g. fail=put:0.1");
            }
            String value = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            salt++;
            switch (kv[0]) {
                case "fail" -> faulty.failCalls(op(value), calls(seed, salt, share(value)), transientError("fails"));
                case "broken" -> faulty.failCalls(op(value), calls(seed, salt, share(value)),
                        new IOException("injected fault: the store's disk failed (faulty:)"));
                case "lost" -> faulty.loseAnswers(op(value), calls(seed, salt, share(value)), transientError("lost its answer"));
                case "partial" -> faulty.failPutsHalfway(calls(seed, salt, value), transientError("broke off halfway"));
                case "slow" -> timing.delay(op(value), Duration.ofMillis(Long.parseLong(share(value))));
                case "lag" -> timing.listLag(Duration.ofMillis(Long.parseLong(value)));
                default -> throw new IllegalArgumentException("faulty: unknown rule '" + kv[0]
                        + "' (fail, broken, lost, partial, slow, lag)");
            }
        }
        return faulty;
    }

    private static TransientBlobStoreException transientError(String what) {
        return new TransientBlobStoreException("injected fault: the store " + what + " (faulty:)");
    }

    private static BlobOp op(String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("faulty: '" + value + "' must be OP:VALUE, e.g. put:0.1");
        }
        return BlobOp.valueOf(value.substring(0, colon).toUpperCase(Locale.ROOT));
    }

    private static String share(String value) {
        return value.substring(value.indexOf(':') + 1);
    }

    /** The calls a rule hits: {@code @N} the N-th, else each call with probability P, fixed by (seed, salt, call). */
    static LongPredicate calls(long seed, int salt, String share) {
        if (share.startsWith("@")) {
            long n = Long.parseLong(share.substring(1));
            return call -> call == n;
        }
        double p = Double.parseDouble(share);
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("faulty: share " + share + " must be between 0 and 1");
        }
        return call -> new SplittableRandom(seed * 1_000_003L + salt * 7919L + call).nextDouble() < p;
    }
}
