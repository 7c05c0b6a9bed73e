package dev.cairn.testkit;

import dev.cairn.testkit.RandomTreeOptions.Feature;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the tree of {@link TestTree#random}. Everything derives from the seed, so one seed gives one tree; file contents
 * are seeded descriptions, so the tree costs no memory until it is written. Not thread-safe (used once).
 */
final class RandomTreeGenerator {
    private static final String[] FILE_MODES = {"rw-r--r--", "rw-------", "rw-r-----", "rwxr-xr-x", "r--r--r--",
        "r--------", "rw-rw-r--"};
    private static final String[] DIR_MODES = {"rwxr-xr-x", "rwx------", "rwxr-x---", "rwxrwxr-x", "rwx--x--x"};
    private static final String[] EXTENSIONS = {".txt", ".dat", "", ".tar.gz", ".jpg", ".json"};
    private static final long MTIME_FROM = Instant.parse("1995-01-01T00:00:00Z").getEpochSecond();
    private static final long MTIME_TO = Instant.parse("2035-01-01T00:00:00Z").getEpochSecond();

    private final DeterministicRandom random;
    private final RandomTreeOptions options;

    RandomTreeGenerator(long seed, RandomTreeOptions options) {
        this.random = new DeterministicRandom(seed);
        this.options = options;
    }

    TreeDir generate() {
        DirBuilder root = new DirBuilder("");
        root.add(ordinaryFiles());
        root.add(sizedFiles());
        if (options.deepNesting() > 0) {
            root.add(deepChain());
        }
        if (options.has(Feature.EMPTY_DIRECTORIES)) {
            root.add(emptyDirectories());
        }
        root.add(names());
        if (options.has(Feature.SYMLINKS)) {
            root.add(symlinks());
        }
        return root.build();
    }

    private TestTree ordinaryFiles() {
        List<DirBuilder> dirs = new ArrayList<>(List.of(new DirBuilder("files")));
        for (int i = 1; i <= options.directories(); i++) {
            DirBuilder dir = new DirBuilder("dir-" + i);
            dirs.get(random.nextInt(dirs.size())).add(dir);
            dirs.add(dir);
        }
        for (int i = 0; i < options.files(); i++) {
            long size = random.nextLong(options.maxSmallFileSize() + 1L);
            dirs.get(random.nextInt(dirs.size())).add(file("file-" + i + random.pick(EXTENSIONS), size));
        }
        if (options.has(Feature.EMPTY_FILES)) {
            for (int i = 0; i < 3; i++) {
                dirs.get(random.nextInt(dirs.size())).add(file("empty-" + i, 0));
            }
        }
        return dirs.getFirst().build();
    }

    private TestTree sizedFiles() {
        DirBuilder dir = new DirBuilder("sized");
        for (int i = 0; i < options.mediumFiles(); i++) {
            long span = options.maxMediumFileSize() - RandomTreeOptions.MEDIUM_MIN + 1L;
            dir.add(file("medium-" + i + ".bin", RandomTreeOptions.MEDIUM_MIN + random.nextLong(span)));
        }
        for (int i = 0; i < options.largeFiles(); i++) {
            dir.add(metadata(TestTree.file("large-" + i + ".img", sparse(options.largeFileSize()))));
        }
        return dir.build();
    }

    /** Four regions, one per quarter of the file: the first starts at 0 and the last ends at the end. */
    private FileContent sparse(long size) {
        if (size < 4096) {
            return new FileContent.Random(random.nextLong(), size);
        }
        long quarter = size / 4;
        List<FileContent.Region> regions = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            int length = (int) Math.min(1 + random.nextLong(Math.min(1 << 20, quarter)), quarter);
            long start = q * quarter;
            long offset = q == 0 ? 0 : q == 3 ? size - length : start + random.nextLong(quarter - length + 1);
            regions.add(new FileContent.Region(offset, length, random.nextLong()));
        }
        return new FileContent.Sparse(size, regions);
    }

    private TestTree deepChain() {
        TestTree bottom = file("bottom.txt", 1 + random.nextInt(100));
        for (int depth = options.deepNesting(); depth >= 1; depth--) {
            bottom = new DirBuilder(String.format("d%02d", depth)).add(bottom).build();
        }
        return new DirBuilder("deep").add(bottom).build();
    }

    private TestTree emptyDirectories() {
        DirBuilder nested = new DirBuilder("nested").add(new DirBuilder("a").add(new DirBuilder("b").build()).build());
        TreeDir privateDir = new TreeDir("private-empty", List.of(), PosixFilePermissions.fromString("rwx------"),
                mtime());
        return new DirBuilder("empty-dirs").add(new DirBuilder("empty").build()).add(nested.build()).add(privateDir)
                .build();
    }

    private TestTree names() {
        DirBuilder dir = new DirBuilder("names");
        if (options.has(Feature.UNICODE_NAMES)) {
            dir.add(filesNamed("nfc", RandomNames.normalized(Normalizer.Form.NFC)));
            dir.add(filesNamed("nfd", RandomNames.normalized(Normalizer.Form.NFD)));
            dir.add(filesNamed("unicode", RandomNames.unicode()));
        }
        if (options.has(Feature.ODD_ASCII_NAMES)) {
            dir.add(filesNamed("odd", RandomNames.oddAscii()));
        }
        if (options.has(Feature.LONG_NAMES)) {
            List<String> longest = RandomNames.longest();
            dir.add(filesNamed("long", longest).with(new DirBuilder(longest.getFirst().replace('a', 'd'))
                    .add(file("inside-long-dir.txt", 10)).build()));
        }
        return dir.build();
    }

    private TreeDir filesNamed(String dirName, List<String> names) {
        DirBuilder dir = new DirBuilder(dirName);
        names.forEach(name -> dir.add(file(name, random.nextInt(200))));
        return dir.build();
    }

    private TestTree symlinks() {
        return new DirBuilder("links")
                .add(file("target.txt", 42))
                .add(new DirBuilder("sub").add(file("in-sub.txt", 7)).build())
                .add(TestTree.symlink("relative", "target.txt"))
                .add(TestTree.symlink("to-dir", "sub"))
                .add(TestTree.symlink("up-and-over", "../links/sub/in-sub.txt"))
                .add(TestTree.symlink("link-to-link", "relative"))
                .add(TestTree.symlink("dangling", "does-not-exist"))
                .add(TestTree.symlink("self", "self"))
                .add(TestTree.symlink("absolute-dangling", "/nonexistent/cairn-test/" + Long.toHexString(random.nextLong())))
                .build();
    }

    private TreeFile file(String name, long size) {
        return metadata(TestTree.file(name, new FileContent.Random(random.nextLong(), size)));
    }

    private TreeFile metadata(TreeFile file) {
        return file.withMode(options.has(Feature.VARIED_PERMISSIONS) ? random.pick(FILE_MODES) : "rw-r--r--")
                .withMtime(mtime());
    }

    private Instant mtime() {
        if (!options.has(Feature.VARIED_MTIMES)) {
            return TestTree.DEFAULT_MTIME;
        }
        return Instant.ofEpochSecond(MTIME_FROM + random.nextLong(MTIME_TO - MTIME_FROM), random.nextInt(1_000_000_000));
    }

    /** A directory under construction; {@link #build()} fixes its mode and mtime from the generator. */
    private final class DirBuilder {
        private final String name;
        private final List<Object> children = new ArrayList<>();

        DirBuilder(String name) {
            this.name = name;
        }

        DirBuilder add(Object child) {
            children.add(child);
            return this;
        }

        TreeDir build() {
            List<TestTree> built = children.stream()
                    .map(c -> c instanceof DirBuilder b ? b.build() : (TestTree) c).toList();
            Set<PosixFilePermission> mode = PosixFilePermissions.fromString(
                    options.has(Feature.VARIED_PERMISSIONS) ? random.pick(DIR_MODES) : "rwxr-xr-x");
            return new TreeDir(name, built, mode, name.isEmpty() ? TestTree.DEFAULT_MTIME : mtime());
        }
    }
}
