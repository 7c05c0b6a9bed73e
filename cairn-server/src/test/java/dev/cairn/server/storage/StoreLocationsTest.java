package dev.cairn.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoreLocationsTest {
    private static final List<String> CHILD = List.of("tenants", "42", "laptop");

    @Test
    void plainPathsAndFileUrisGetSubdirectories() {
        assertThat(StoreLocations.child("/srv/store", CHILD)).isEqualTo("/srv/store/tenants/42/laptop");
        assertThat(StoreLocations.child("file:///srv/store/", CHILD)).isEqualTo("/srv/store/tenants/42/laptop");
    }

    @Test
    void otherUrisGetPathSegmentsAndKeepAuthorityAndQuery() {
        assertThat(StoreLocations.child("s3://bucket/prefix?endpoint=http://minio:9000&region=us-east-1", CHILD))
                .isEqualTo("s3://bucket/prefix/tenants/42/laptop?endpoint=http://minio:9000&region=us-east-1");
        assertThat(StoreLocations.child("s3://bucket", CHILD)).isEqualTo("s3://bucket/tenants/42/laptop");
        assertThat(StoreLocations.child("s3://bucket/", CHILD)).isEqualTo("s3://bucket/tenants/42/laptop");
    }

    @Test
    void unsafeSegmentsAreRefused() {
        for (String bad : new String[] {"..", "a/b", "", ".hidden", "a..b", "%2e"}) {
            assertThatThrownBy(() -> StoreLocations.child("/srv", List.of("tenants", bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
