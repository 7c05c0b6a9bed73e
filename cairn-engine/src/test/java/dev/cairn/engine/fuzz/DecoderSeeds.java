package dev.cairn.engine.fuzz;

import static dev.cairn.testkit.TestTree.dir;
import static dev.cairn.testkit.TestTree.file;
import static dev.cairn.testkit.TestTree.randomFile;
import static dev.cairn.testkit.TestTree.root;
import static dev.cairn.testkit.TestTree.symlink;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.MemoryBlobStore;
import dev.cairn.engine.backup.Archiver;
import dev.cairn.engine.backup.ArchiverOptions;
import dev.cairn.engine.backup.BackupListener;
import dev.cairn.engine.crypto.KdfParams;
import dev.cairn.engine.crypto.MasterKey;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.format.SealedFiles;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.pack.PackHeaderCodec;
import dev.cairn.engine.pack.PackReader;
import dev.cairn.engine.repo.Environment;
import dev.cairn.engine.repo.Repositories;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.Snapshots;
import dev.cairn.testkit.MutableClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The seed corpus of {@link DecoderFuzzTest}: objects of a real repository (a backup of a small tree with a sub-directory,
 * an empty file, a symlink and a non-ASCII name) sealed with the fuzz test's key, and near-valid variants of each (cut,
 * one byte flipped, a number or a string replaced, a header length off). Written by {@code scripts/fuzz seeds} into
 * {@code src/test/resources/dev/cairn/engine/fuzz/DecoderFuzzTestInputs/<target>/} as {@code valid-*} and {@code near-*};
 * other files there (findings kept as regression inputs) are left alone.
 */
final class DecoderSeeds {
    /** The master key of {@link DecoderFuzzTest}: {@code MasterKey.generate(new Random(7))}, the first draw of init. */
    static final long KEY_SEED = 7;

    private DecoderSeeds() {
    }

    /** Target name to (file name to bytes), in a stable order. */
    static Map<String, Map<String, byte[]>> generate(Path scratch) throws IOException, FormatException {
        root(file("notes.txt", "cairn fuzz seed: a small text file\n".repeat(20)), file("empty", new byte[0]),
                randomFile("random.bin", 3, 6000), symlink("link", "notes.txt"),
                dir("sub", file("Grüße.txt", "non-ASCII name"), randomFile("more.bin", 4, 5000))).materialize(scratch);
        MemoryBlobStore store = MemoryBlobStore.create();
        Environment env = new Environment(new Random(KEY_SEED), MutableClock.create(), "fuzz-host", "fuzz", 1);
        Map<String, Map<String, byte[]>> seeds = new LinkedHashMap<>();
        try (Repository repo = Repositories.init(store, "fuzz".toCharArray(),
                Repositories.InitOptions.defaults().withKdf(KdfParams.TEST).withPackSize(4096), env)) {
            if (!Arrays.equals(dev.cairn.engine.repo.TestKeys.masterKey(repo).encryptionKey(), MasterKey.generate(new Random(KEY_SEED)).encryptionKey())) {
                throw new IllegalStateException("init no longer draws the master key first: seal the seeds with the test's key");
            }
            String snapshotId = Archiver.create(repo, ArchiverOptions.defaults(), BackupListener.NONE).run(List.of(scratch))
                    .snapshotId();
            packs(repo, store, seeds);
            String indexId = repo.list(BlobKind.INDEX).getFirst();
            byte[] sealedIndex = store.getAll(BlobName.of(BlobKind.INDEX, indexId));
            byte[] sealedSnapshot = store.getAll(BlobName.of(BlobKind.SNAPSHOT, snapshotId));
            put(seeds, "sealedObject", "index", sealedIndex, binary(sealedIndex));
            seeds.get("sealedObject").put("near-snapshot-under-the-index-label", sealedSnapshot);
            json(seeds, "indexDocument", "index", repo.loadUnpacked(BlobKind.INDEX, indexId));
            byte[] snapshot = repo.loadUnpacked(BlobKind.SNAPSHOT, snapshotId);
            json(seeds, "snapshotDocument", "snapshot", snapshot);
            String tree = Snapshots.load(repo, snapshotId).tree();
            json(seeds, "treeDocument", "root-tree", repo.loadBlob(BlobType.TREE, BlobId.parse(tree)));
            while (Snapshots.loadTree(repo, tree).nodes().stream().noneMatch(n -> n.name().equals("notes.txt"))) {
                tree = Snapshots.loadTree(repo, tree).nodes().getFirst().subtree(); // down the backed-up path
            }
            json(seeds, "treeDocument", "files-tree", repo.loadBlob(BlobType.TREE, BlobId.parse(tree)));
            String keyId = store.list(BlobKind.KEY).getFirst().name().id();
            json(seeds, "keyFileDocument", "key", store.getAll(BlobName.of(BlobKind.KEY, keyId)));
            json(seeds, "configDocument", "config",
                    new SealedFiles(repo.aead(), dev.cairn.engine.repo.TestKeys.masterKey(repo)).open("config", store.getAll(BlobName.CONFIG)));
        }
        return seeds;
    }

    /** The smallest and the largest pack, whole and as their opened headers. */
    private static void packs(Repository repo, MemoryBlobStore store, Map<String, Map<String, byte[]>> seeds)
            throws IOException, FormatException {
        List<BlobInfo> packs = new ArrayList<>(store.list(BlobKind.PACK));
        packs.sort(Comparator.comparingLong(BlobInfo::size).thenComparing(i -> i.name().id()));
        for (BlobInfo info : List.of(packs.getFirst(), packs.getLast())) {
            String what = info == packs.getFirst() ? "small-pack" : "large-pack";
            byte[] pack = store.getAll(info.name());
            Map<String, byte[]> near = new LinkedHashMap<>(binary(pack));
            near.put("header-length-huge", withLength(pack, 0x7fffffff));
            near.put("header-length-negative", withLength(pack, -1));
            near.put("header-length-one-more", withLength(pack, headerLength(pack) + 1));
            put(seeds, "sealedPack", what, pack, near);
            var entries = PackReader.parse(BlobId.parse(info.name().id()), pack, repo.aead(), dev.cairn.engine.repo.TestKeys.masterKey(repo).encryptionKey());
            byte[] header = PackHeaderCodec.encode(entries);
            put(seeds, "packHeader", what + "-header", header, binary(header));
        }
    }

    private static void put(Map<String, Map<String, byte[]>> seeds, String target, String what, byte[] valid,
            Map<String, byte[]> near) {
        Map<String, byte[]> files = seeds.computeIfAbsent(target, t -> new LinkedHashMap<>());
        files.put("valid-" + what, valid);
        near.forEach((how, bytes) -> files.put("near-" + how + "-" + what, bytes));
    }

    private static void json(Map<String, Map<String, byte[]>> seeds, String target, String what, byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        Map<String, byte[]> near = new LinkedHashMap<>();
        near.put("cut", Arrays.copyOf(json, json.length / 2));
        near.put("first-number-negative", utf8(text.replaceFirst("(?<=:)\\d+", "-1")));
        near.put("first-number-huge", utf8(text.replaceFirst("(?<=:)\\d+", "99999999999999999999")));
        near.put("first-string-null", utf8(text.replaceFirst(":\"[^\"]*\"", ":null")));
        near.put("first-string-number", utf8(text.replaceFirst(":\"[^\"]*\"", ":12")));
        near.put("first-field-renamed", utf8(text.replaceFirst("\\{\"", "{\"x")));
        near.put("deeply-nested", utf8("[".repeat(5000) + text + "]".repeat(5000)));
        put(seeds, target, what, json, near);
    }

    /** Cut to half, cut by one byte, one byte flipped in the middle and at the end. */
    private static Map<String, byte[]> binary(byte[] valid) {
        Map<String, byte[]> near = new LinkedHashMap<>();
        near.put("cut-half", Arrays.copyOf(valid, valid.length / 2));
        near.put("cut-one", Arrays.copyOf(valid, valid.length - 1));
        near.put("flip-middle", flip(valid, valid.length / 2));
        near.put("flip-last", flip(valid, valid.length - 1));
        return near;
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x01;
        return copy;
    }

    private static int headerLength(byte[] pack) {
        return ByteBuffer.wrap(pack, pack.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static byte[] withLength(byte[] pack, int length) {
        byte[] copy = pack.clone();
        ByteBuffer.wrap(copy, copy.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(length);
        return copy;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces the generated files of every target directory under {@code inputs} (findings stay). */
    static void write(Path inputs, Map<String, Map<String, byte[]>> seeds) throws IOException {
        for (var target : seeds.entrySet()) {
            Path dir = Files.createDirectories(inputs.resolve(target.getKey()));
            try (var old = Files.list(dir)) {
                for (Path f : old.toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith("valid-") || name.startsWith("near-")) {
                        Files.delete(f);
                    }
                }
            }
            for (var file : target.getValue().entrySet()) {
                Files.write(dir.resolve(file.getKey()), file.getValue());
            }
        }
    }
}
