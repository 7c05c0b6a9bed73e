package dev.cairn.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.engine.snapshot.SnapshotRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("includes and excludes")
class RestoreFilterTest {
    @TempDir
    Path tmp;
    private Path src;
    private Path target;
    private TestRepo t;
    private SnapshotRef snap;

    @BeforeEach
    void backUp() throws IOException {
        src = Files.createDirectories(tmp.resolve("src"));
        for (String f : List.of("docs/a.txt", "docs/b.md", "docs/sub/c.txt", "other/d.txt", "top.txt", "cache/x.tmp")) {
            Files.createDirectories(src.resolve(f).getParent());
            Files.writeString(src.resolve(f), f);
        }
        Files.createDirectories(src.resolve("docs/emptydir"));
        Sources.stampTimes(src);
        target = tmp.resolve("target");
        t = new TestRepo();
        snap = t.backup(src);
    }

    /** Restores with the options and lists what was created below the restored source, as relative paths. */
    private TreeSet<String> restore(RestoreOptions options) throws IOException {
        RestoreResult r = Restorer.create(t.repo, options, RestoreListener.NONE).restore(snap, target);
        assertThat(r.errors()).isZero();
        Path out = TestRepo.restored(target, src);
        TreeSet<String> names = new TreeSet<>();
        if (Files.exists(out)) {
            try (Stream<Path> walk = Files.walk(out)) {
                walk.forEach(p -> names.add(out.relativize(p).toString()));
            }
        }
        return names;
    }

    @Test
    @DisplayName("including one file restores it and the directories that lead to it, with their metadata")
    void singleFile() throws IOException {
        assertThat(restore(RestoreOptions.defaults().withIncludes(src + "/docs/a.txt")))
                .containsExactly("", "docs", "docs/a.txt");
        Path out = TestRepo.restored(target, src);
        assertThat(TreeListing.describe(out.resolve("docs"))).isEqualTo(TreeListing.describe(src.resolve("docs")));
    }

    @Test
    @DisplayName("including a directory restores everything below it, empty directories too")
    void directory() throws IOException {
        assertThat(restore(RestoreOptions.defaults().withIncludes(src + "/docs/")))
                .containsExactly("", "docs", "docs/a.txt", "docs/b.md", "docs/emptydir", "docs/sub", "docs/sub/c.txt");
    }

    @Test
    @DisplayName("a relative pattern matches at any depth; directories without a match are not created")
    void relativePattern() throws IOException {
        assertThat(restore(RestoreOptions.defaults().withIncludes("*.txt")))
                .containsExactly("", "docs", "docs/a.txt", "docs/sub", "docs/sub/c.txt", "other", "other/d.txt", "top.txt");
    }

    @Test
    @DisplayName("excludes drop matching paths and everything below them")
    void excludes() throws IOException {
        assertThat(restore(RestoreOptions.defaults().withExcludes("*.tmp", src + "/other", "sub")))
                .containsExactly("", "cache", "docs", "docs/a.txt", "docs/b.md", "docs/emptydir", "top.txt");
    }

    @Test
    @DisplayName("excludes win over includes")
    void excludesWin() throws IOException {
        assertThat(restore(RestoreOptions.defaults().withIncludes(src + "/docs").withExcludes("**/sub", "*.md")))
                .containsExactly("", "docs", "docs/a.txt", "docs/emptydir");
    }

    @Test
    @DisplayName("an include that matches nothing restores nothing")
    void nothing() throws IOException {
        RestoreResult r = Restorer.create(t.repo, RestoreOptions.defaults().withIncludes("/no/such/path"), RestoreListener.NONE)
                .restore(snap, target);
        assertThat(r).isEqualTo(new RestoreResult(0, 0, 0, 0, 0, 0));
        assertThat(target).isEmptyDirectory();
    }

    @Test
    @DisplayName("with filters, verify checks exactly the selected files")
    void verifySelected() throws IOException {
        RestoreResult r = Restorer.create(t.repo, RestoreOptions.defaults().withIncludes("*.txt").withVerify(true),
                RestoreListener.NONE).restore(snap, target);
        assertThat(r.verified()).isEqualTo(4);
        assertThat(r.files()).isEqualTo(4);
    }

    @Nested
    @DisplayName("PathFilter")
    class Filter {
        @Test
        @DisplayName("may-include-below follows pattern components and is conservative about **")
        void mayIncludeBelow() {
            PathFilter f = PathFilter.of(List.of("/home/*/docs/x.txt"), List.of());
            assertThat(f.mayIncludeBelow(Path.of("/home"))).isTrue();
            assertThat(f.mayIncludeBelow(Path.of("/home/a/docs"))).isTrue();
            assertThat(f.mayIncludeBelow(Path.of("/home/a/pics"))).isFalse();
            assertThat(f.mayIncludeBelow(Path.of("/etc"))).isFalse();
            assertThat(f.mayIncludeBelow(Path.of("/home/a/docs/x.txt"))).isFalse();
            assertThat(PathFilter.of(List.of("/home/**/x"), List.of()).mayIncludeBelow(Path.of("/home/a/b/c"))).isTrue();
            assertThat(PathFilter.of(List.of("x"), List.of()).mayIncludeBelow(Path.of("/anything"))).isTrue();
        }

        @Test
        @DisplayName("'/' selects everything and relative patterns match at any depth")
        void matching() {
            assertThat(PathFilter.of(List.of("/"), List.of()).included(Path.of("/etc"))).isTrue();
            PathFilter f = PathFilter.of(List.of("*.txt"), List.of("/tmp/"));
            assertThat(f.included(Path.of("/a.txt"))).isTrue();
            assertThat(f.included(Path.of("/a/b/c.txt"))).isTrue();
            assertThat(f.included(Path.of("/a/b/c.md"))).isFalse();
            assertThat(f.excluded(Path.of("/tmp"))).isTrue();
            assertThat(f.excluded(Path.of("/tmpx"))).isFalse();
        }

        @Test
        @DisplayName("invalid options are refused with the reason")
        void invalid() {
            assertThatThrownBy(() -> RestoreOptions.defaults().withIncludes("[")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'['");
            assertThatThrownBy(() -> RestoreOptions.defaults().withExcludes("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RestoreOptions.defaults().withWorkers(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("workers 0");
        }
    }
}
