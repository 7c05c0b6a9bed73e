package dev.cairn.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.cairn.engine.snapshot.Node;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("restored files are created, written, sized and given their metadata alike through the native calls and NIO")
class OutputFileTest {
    @TempDir
    Path tmp;

    private OutputFile create(String kind, Path path) throws IOException {
        if (kind.equals("native")) {
            assumeThat(NativeFiles.instance()).as("native calls on this platform").isPresent();
            return new OutputFile.Native(NativeFiles.instance().orElseThrow(), path, NativeFiles.instance().orElseThrow().create(path));
        }
        return new OutputFile.Nio(FileChannel.open(path, OutputFile.Nio.CREATE, Metadata.privateAttributes(false)));
    }

    private static Node file(int mode, long mtimeNs) {
        return owned(mode, mtimeNs, null, null);
    }

    private static Node owned(int mode, long mtimeNs, String user, String group) {
        return new Node("f", Node.FILE, mode, mtimeNs, 0, 0, 0, user, group, 0, 0, 1, 10, List.of(), null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "nio"})
    @DisplayName("out-of-order writes of large and small pieces, the size set first, then mode and nanosecond mtime")
    void writesAndMetadata(String kind) throws IOException {
        Path path = tmp.resolve("ünï file");
        byte[] big = Sources.random(3 * (1 << 20) + 5, 1); // more than one native slice
        byte[] small = Sources.random(100, 2);
        long mtime = 1_234_567_890_123_456_789L;
        OutputFile out = create(kind, path);

        out.size(big.length + 200L);
        out.write(small, small.length, big.length + 100L);
        out.write(big, big.length, 0);
        boolean applied = out.applyMetadata(file(0444, mtime), false);
        out.close();
        if (!applied) {
            Metadata.apply(path, file(0444, mtime), false);
        }

        byte[] expected = new byte[big.length + 200];
        System.arraycopy(big, 0, expected, 0, big.length);
        System.arraycopy(small, 0, expected, big.length + 100, small.length);
        assertThat(path).hasBinaryContent(expected);
        assertThat((Integer) Files.getAttribute(path, "unix:mode") & 07777).isEqualTo(0444);
        assertThat(Files.getLastModifiedTime(path).to(TimeUnit.NANOSECONDS)).isEqualTo(mtime);
        assertThat(applied).isEqualTo(kind.equals("native"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "nio"})
    @DisplayName("a time before 1970 and setuid/sticky bits (NIO: whole seconds only, the JDK sets a fraction to the epoch)")
    void oldTimesAndSpecialBits(String kind) throws IOException {
        Path path = tmp.resolve("old");
        long mtime = kind.equals("native") ? -86_400_000_000_123L : -86_400_000_000_000L; // a day (and a bit) before the epoch
        OutputFile out = create(kind, path);
        boolean applied = out.applyMetadata(file(01755, mtime), false);
        out.close();
        if (!applied) {
            Metadata.apply(path, file(01755, mtime), false);
        }

        assertThat((Integer) Files.getAttribute(path, "unix:mode") & 07777).isEqualTo(01755);
        assertThat(Files.getLastModifiedTime(path)).isEqualTo(FileTime.from(mtime, TimeUnit.NANOSECONDS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "nio"})
    @DisplayName("creation is exclusive: an existing file and a symlink (even a dangling one) are never opened")
    void exclusive(String kind) throws IOException {
        Path existing = Files.writeString(tmp.resolve("existing"), "keep");
        Path outside = tmp.resolve("outside");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), outside);

        assertThatThrownBy(() -> create(kind, existing)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(existing.toString());
        assertThatThrownBy(() -> create(kind, link)).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> create(kind, tmp.resolve("no/such/dir/file"))).isInstanceOf(NoSuchFileException.class);
        assertThat(existing).hasContent("keep");
        assertThat(outside).doesNotExist();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "nio"})
    @DisplayName("a new file is private until its mode is applied")
    void privateUntilFinished(String kind) throws IOException {
        Path path = tmp.resolve("new");
        OutputFile out = create(kind, path);
        try {
            assertThat((Integer) Files.getAttribute(path, "unix:mode") & 0077).isZero();
        } finally {
            out.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "nio"})
    @DisplayName("as root, owner and group by name; names unknown here leave the owner as is")
    void owners(String kind) throws IOException {
        assumeThat(Metadata.asRoot()).as("running as root").isTrue();
        Path known = tmp.resolve("known");
        Path unknown = tmp.resolve("unknown");
        for (Path p : List.of(known, unknown)) {
            Node node = p == known ? owned(0640, 0, "nobody", "nogroup") : owned(0640, 0, "no-such-user-x", "no-such-group-x");
            OutputFile out = create(kind, p);
            boolean applied = out.applyMetadata(node, true);
            out.close();
            if (!applied) {
                Metadata.apply(p, node, false);
            }
        }

        assertThat(Files.getOwner(known).getName()).isEqualTo("nobody");
        assertThat(Files.getAttribute(known, "posix:group").toString()).isEqualTo("nogroup");
        assertThat(Files.getOwner(unknown).getName()).isEqualTo("root");
        assertThat((Integer) Files.getAttribute(known, "unix:mode") & 07777).isEqualTo(0640);
    }
}
