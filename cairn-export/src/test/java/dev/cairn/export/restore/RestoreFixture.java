package dev.cairn.export.restore;

import dev.cairn.export.ExportFixture;
import dev.cairn.export.bundle.BundleUnpacker;
import dev.cairn.workspace.members.Caller;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Copies made by the export of an {@link ExportFixture}, unpacked, and the restore service of a fixture. */
final class RestoreFixture {
    private RestoreFixture() {
    }

    /** Builds a bundle of {@code formats} of {@code f}'s workspace and unpacks it into a new directory under {@code tmp}. */
    static Path copy(ExportFixture f, List<String> formats, Path tmp) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            f.builder().build(new dev.cairn.export.build.BundleBuilder.Request(f.ann.workspaceId(), formats, true),
                    ExportFixture.KEY, out);
            Path dir = Files.createTempDirectory(tmp, "copy-");
            BundleUnpacker.unpack(new ByteArrayInputStream(out.toByteArray()), dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RestoreService service(ExportFixture f) {
        return new RestoreService(f.db.jdbi(), f.db.reads(), f.schema, f.clock, ExportFixture.KEY.publicKey(),
                f.files);
    }

    static Caller owner(ExportFixture f) {
        return f.ann;
    }
}
