package dev.cairn.agent.mount;

import dev.cairn.engine.snapshot.Node;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The tree the mount serves:
 * <pre>
 * /                          snapshots/, latest/, hosts/
 * /snapshots/&lt;time&gt;/…         each snapshot's root tree (also reached by short or full id)
 * /latest/…                  the newest snapshot's
 * /hosts/&lt;host&gt;/&lt;time&gt;/…    the snapshots of one host, with latest/ among them
 * </pre>
 * Reads trees through {@link Trees}; thread-safe.
 */
final class Namespace {
    static final String SNAPSHOTS = "snapshots";
    static final String LATEST = "latest";
    static final String HOSTS = "hosts";

    /** What a listing hands each child to. */
    @FunctionalInterface
    interface ChildVisitor {
        void visit(Resource child) throws IOException;
    }

    private final java.util.function.Supplier<SnapshotCatalog> catalogs;
    private final Trees trees;

    /** @param catalogs the catalog in force (it may change between requests: {@link LiveCatalog}) */
    Namespace(java.util.function.Supplier<SnapshotCatalog> catalogs, Trees trees) {
        this.catalogs = catalogs;
        this.trees = trees;
    }

    /** The resource at {@code path} (decoded segments), or null if there is none. */
    Resource resolve(List<String> path) throws IOException {
        if (path.isEmpty()) {
            return virtual("");
        }
        List<String> rest = path.subList(1, path.size());
        return switch (path.get(0)) {
            case SNAPSHOTS -> rest.isEmpty() ? virtual(SNAPSHOTS) : descend(catalogs.get().find(rest.get(0)), rest.get(0), rest.subList(1, rest.size()));
            case LATEST -> descend(catalogs.get().latest(), LATEST, rest);
            case HOSTS -> resolveHost(rest);
            default -> null;
        };
    }

    private Resource resolveHost(List<String> path) throws IOException {
        if (path.isEmpty()) {
            return virtual(HOSTS);
        }
        List<SnapshotCatalog.Entry> own = catalogs.get().ofHost(path.get(0));
        if (own.isEmpty()) {
            return null;
        }
        if (path.size() == 1) {
            return new Resource.Virtual(path.get(0), own.get(own.size() - 1).ref().snapshot().time(), catalogs.get().version());
        }
        String name = path.get(1);
        SnapshotCatalog.Entry entry = name.equals(LATEST) ? own.get(own.size() - 1)
                : own.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
        return descend(entry, name, path.subList(2, path.size()));
    }

    private Resource descend(SnapshotCatalog.Entry snapshot, String name, List<String> path) throws IOException {
        if (snapshot == null) {
            return null;
        }
        Resource at = new Resource.Dir(name, snapshot.ref().snapshot().time(), snapshot.ref().snapshot().tree());
        for (String segment : path) {
            if (!(at instanceof Resource.Dir dir)) {
                return null;
            }
            Node node = trees.find(dir.treeId(), segment);
            at = node == null ? null : resource(dir.treeId(), node);
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    /** A node as a resource; null for what is not served (symlinks, devices, fifos, sockets). */
    private static Resource resource(String parentTree, Node node) {
        if (node.isDir()) {
            return new Resource.Dir(node.name(), instant(node.mtimeNs()), node.subtree());
        }
        return node.isFile() ? new Resource.File(node, parentTree + "/" + node.name()) : null;
    }

    /** Visits the children of {@code dir} (at {@code path}) in listing order. */
    void children(List<String> path, Resource dir, ChildVisitor visitor) throws IOException {
        switch (dir) {
            case Resource.Dir d -> trees.list(d.treeId(), n -> {
                Resource r = resource(d.treeId(), n);
                if (r != null) {
                    visitor.visit(r);
                }
                return true;
            });
            case Resource.Virtual v -> virtualChildren(path, visitor);
            case Resource.File f -> {
            }
        }
    }

    private void virtualChildren(List<String> path, ChildVisitor visitor) throws IOException {
        if (path.isEmpty()) {
            visitor.visit(virtual(SNAPSHOTS));
            if (catalogs.get().latest() != null) {
                visitor.visit(resolve(List.of(LATEST)));
            }
            visitor.visit(virtual(HOSTS));
        } else if (path.equals(List.of(SNAPSHOTS))) {
            for (SnapshotCatalog.Entry e : catalogs.get().entries()) {
                visitor.visit(new Resource.Dir(e.name(), e.ref().snapshot().time(), e.ref().snapshot().tree()));
            }
        } else if (path.equals(List.of(HOSTS))) {
            for (String host : catalogs.get().hosts()) {
                visitor.visit(resolveHost(List.of(host)));
            }
        } else if (path.size() == 2 && path.get(0).equals(HOSTS)) {
            List<SnapshotCatalog.Entry> own = catalogs.get().ofHost(path.get(1));
            for (SnapshotCatalog.Entry e : own) {
                visitor.visit(new Resource.Dir(e.name(), e.ref().snapshot().time(), e.ref().snapshot().tree()));
            }
            visitor.visit(resolveHost(List.of(path.get(1), LATEST)));
        }
    }

    private Resource.Virtual virtual(String name) {
        SnapshotCatalog.Entry latest = catalogs.get().latest();
        return new Resource.Virtual(name, latest == null ? Instant.EPOCH : latest.ref().snapshot().time(), catalogs.get().version());
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
