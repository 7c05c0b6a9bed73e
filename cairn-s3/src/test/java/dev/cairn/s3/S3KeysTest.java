package dev.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("S3 key layout (the local store's, under a prefix)")
class S3KeysTest {
    private static final String ID = "ab" + "0123456789abcdef".repeat(3) + "0123456789abcd";
    private final S3Keys keys = new S3Keys("backups/laptop");
    private final S3Keys atRoot = new S3Keys("");

    @Test
    void keysMirrorTheLocalLayout() {
        assertThat(keys.key(BlobName.CONFIG)).isEqualTo("backups/laptop/config");
        assertThat(keys.key(BlobName.of(BlobKind.PACK, ID))).isEqualTo("backups/laptop/data/ab/" + ID);
        assertThat(keys.key(BlobName.of(BlobKind.KEY, ID))).isEqualTo("backups/laptop/keys/" + ID);
        assertThat(keys.key(BlobName.of(BlobKind.INDEX, ID))).isEqualTo("backups/laptop/index/" + ID);
        assertThat(keys.key(BlobName.of(BlobKind.SNAPSHOT, ID))).isEqualTo("backups/laptop/snapshots/" + ID);
        assertThat(keys.key(BlobName.of(BlobKind.LOCK, ID))).isEqualTo("backups/laptop/locks/" + ID);
        assertThat(atRoot.key(BlobName.of(BlobKind.PACK, ID))).isEqualTo("data/ab/" + ID);
        assertThat(atRoot.key(BlobName.CONFIG)).isEqualTo("config");
    }

    @Test
    void parseInvertsKey() {
        for (BlobKind kind : BlobKind.values()) {
            BlobName name = kind == BlobKind.CONFIG ? BlobName.CONFIG : BlobName.of(kind, ID);
            assertThat(keys.parse(kind, keys.key(name))).contains(name);
            assertThat(atRoot.parse(kind, atRoot.key(name))).contains(name);
            assertThat(keys.key(name)).startsWith(keys.listPrefix(kind));
        }
    }

    @Test
    void keysOutsideTheLayoutAreNotNames() {
        assertThat(keys.parse(BlobKind.PACK, "backups/laptop/data/cd/" + ID)).as("wrong fan-out").isEmpty();
        assertThat(keys.parse(BlobKind.PACK, "backups/laptop/data/" + ID)).as("no fan-out").isEmpty();
        assertThat(keys.parse(BlobKind.PACK, "backups/laptop/data/ab/")).as("directory marker").isEmpty();
        assertThat(keys.parse(BlobKind.INDEX, "backups/laptop/index/README.txt")).isEmpty();
        assertThat(keys.parse(BlobKind.INDEX, "backups/laptop/index/sub/" + ID)).isEmpty();
        assertThat(keys.parse(BlobKind.CONFIG, "backups/laptop/config.bak")).isEmpty();
        assertThat(keys.parse(BlobKind.KEY, "other/keys/" + ID)).isEqualTo(Optional.empty());
    }
}
