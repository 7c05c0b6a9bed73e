package dev.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.BlobStores;
import dev.cairn.blob.LocalBlobStore;
import dev.cairn.testkit.DeterministicRandom;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@DisplayName("s3:// locations through BlobStores")
class S3BlobStoreProviderTest {
    private static S3ProxyFixture s3;
    private static S3Client raw;
    private AutoCloseable credentials;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyFixture.start();
        raw = TestS3.rawClient(s3);
    }

    @AfterAll
    static void stopS3() throws Exception {
        raw.close();
        s3.close();
    }

    @BeforeEach
    void useFixtureCredentials() {
        credentials = S3ProxyFixture.useCredentials();
    }

    @AfterEach
    void restoreCredentials() throws Exception {
        credentials.close();
    }

    private static BlobName pack(long seed) {
        return BlobName.of(BlobKind.PACK, HexFormat.of().formatHex(DeterministicRandom.bytes(seed, 32)));
    }

    @Test
    void createMakesTheBucketAndOpenThenFindsTheObjects() throws Exception {
        String location = s3.location(s3.newBucketName(), "repo");
        try (BlobStore store = BlobStores.create(location)) {
            store.put(pack(1), new byte[] {1, 2, 3});
        }
        try (BlobStore store = BlobStores.open(location)) {
            assertThat(store.getAll(pack(1))).containsExactly(1, 2, 3);
        }
    }

    @Test
    void openingAMissingBucketSaysSoAndHowToCreateIt() {
        String bucket = s3.newBucketName();
        assertThatThrownBy(() -> BlobStores.open(s3.location(bucket, "repo"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("bucket '" + bucket + "' does not exist at " + s3.endpoint())
                .hasMessageContaining("cairn init");
    }

    @Test
    void aPrefixIsolatesTwoStoresInOneBucket() throws Exception {
        String bucket = s3.newBucketName();
        try (BlobStore a = BlobStores.create(s3.location(bucket, "tenants/a"));
                BlobStore b = BlobStores.create(s3.location(bucket, "tenants/ab"))) {
            a.put(pack(1), new byte[] {1});
            a.put(BlobName.CONFIG, new byte[] {7});
            b.put(pack(2), new byte[] {2, 2});
            assertThat(a.list(BlobKind.PACK).stream().map(BlobInfo::withoutStoredAt)).containsExactly(new BlobInfo(pack(1), 1));
            assertThat(b.list(BlobKind.PACK).stream().map(BlobInfo::withoutStoredAt)).containsExactly(new BlobInfo(pack(2), 2));
            assertThat(b.list(BlobKind.CONFIG)).isEmpty();
            assertThatThrownBy(() -> b.get(pack(1))).isInstanceOf(BlobNotFoundException.class);
            assertThatThrownBy(() -> b.delete(pack(1))).isInstanceOf(BlobNotFoundException.class);
            b.put(pack(1), new byte[] {9, 9, 9});
            assertThat(a.getAll(pack(1))).containsExactly(1);
        }
    }

    @Test
    @DisplayName("objects are stored in the local store's layout: PREFIX/data/ab/<id>, PREFIX/config, …")
    void keysFollowTheLocalLayout() throws Exception {
        String bucket = s3.newBucketName();
        try (BlobStore store = BlobStores.create(s3.location(bucket, "p"))) {
            store.put(pack(3), new byte[] {3});
            store.put(BlobName.CONFIG, new byte[] {4});
        }
        List<String> keys = raw.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(o -> o.key()).toList();
        String id = pack(3).id();
        assertThat(keys).containsExactlyInAnyOrder("p/config", "p/data/" + id.substring(0, 2) + "/" + id);
    }

    @Test
    @DisplayName("a local repository directory copied into a bucket opens as it is, and foreign keys are ignored")
    void aLocalStoreCopiedToTheBucketOpensAsIs(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("local");
        try (LocalBlobStore local = LocalBlobStore.create(root)) {
            local.put(BlobName.CONFIG, new byte[] {1});
            for (BlobKind kind : List.of(BlobKind.PACK, BlobKind.KEY, BlobKind.INDEX, BlobKind.SNAPSHOT, BlobKind.LOCK)) {
                local.put(BlobName.of(kind, pack(kind.ordinal()).id()), DeterministicRandom.bytes(kind.ordinal(), 10 + kind.ordinal()));
            }
        }
        String bucket = s3.newBucketName();
        raw.createBucket(b -> b.bucket(bucket));
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = "synced/" + root.relativize(file).toString().replace('\\', '/');
                raw.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
            }
        }
        raw.putObject(b -> b.bucket(bucket).key("synced/index/notes.txt"), RequestBody.fromString("not an object"));
        try (BlobStore local = LocalBlobStore.open(root); BlobStore remote = BlobStores.open(s3.location(bucket, "synced"))) {
            for (BlobKind kind : BlobKind.values()) {
                List<BlobInfo> expected = local.list(kind).stream().map(BlobInfo::withoutStoredAt).toList();
                assertThat(expected).as(kind.dirName()).hasSize(1);
                assertThat(remote.list(kind).stream().map(BlobInfo::withoutStoredAt)).as(kind.dirName()).containsExactlyElementsOf(expected);
                assertThat(remote.getAll(expected.getFirst().name())).isEqualTo(local.getAll(expected.getFirst().name()));
            }
        }
    }
}
