package dev.cairn.workspace.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.workspace.WorkspaceFeature;
import org.junit.jupiter.api.Test;

/** The size limit of one attached file: 100 MiB by default, a size from the environment, a clear refusal otherwise. */
class AttachmentLimitTest {
    @Test
    void theLimitIsReadAsASize() {
        assertThat(WorkspaceFeature.attachmentLimit(null)).isEqualTo(100L << 20);
        assertThat(WorkspaceFeature.attachmentLimit(" ")).isEqualTo(100L << 20);
        assertThat(WorkspaceFeature.attachmentLimit("250MiB")).isEqualTo(250L << 20);
        assertThatThrownBy(() -> WorkspaceFeature.attachmentLimit("lots")).hasMessageContaining("is invalid");
        assertThatThrownBy(() -> WorkspaceFeature.attachmentLimit("unlimited"))
                .hasMessageContaining(WorkspaceFeature.MAX_ATTACHMENT_SIZE + "=unlimited is not a size");
        assertThatThrownBy(() -> new WorkspaceFeature(0)).hasMessageContaining("at least 1 byte");
    }
}
