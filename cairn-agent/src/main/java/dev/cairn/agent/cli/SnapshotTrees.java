package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.TreeCursor;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * Depth-first walks over a snapshot's trees, with absolute paths as the snapshot records them ({@code /home/me/x}); memory
 * holds the current directory chain, not the snapshot.
 */
final class SnapshotTrees {
    private SnapshotTrees() {
    }

    /** Called per node in name order; returns whether to descend into it (ignored for non-directories). */
    @FunctionalInterface
    interface Visitor {
        boolean visit(String path, Node node) throws IOException;
    }

    /**
     * Walks the tree {@code treeId}, whose directory has path {@code dir} ({@code "/"} for a snapshot's root tree), reading
     * one part of one tree per directory level at a time.
     */
    static void walk(Repository repo, String treeId, String dir, Visitor visitor) throws IOException {
        TreeCursor nodes = TreeCursor.open(repo, treeId);
        for (Node node = nodes.next(); node != null; node = nodes.next()) {
            String path = child(dir, node.name());
            if (visitor.visit(path, node) && node.isDir() && node.subtree() != null) {
                walk(repo, node.subtree(), path, visitor);
            }
        }
    }

    /** Whether the absolute {@code path} is in the snapshot whose root tree is {@code rootTree} (reads only the trees on the way). */
    static boolean contains(Repository repo, String rootTree, String path) throws IOException {
        String tree = rootTree;
        java.nio.file.Path p = java.nio.file.Path.of(path);
        for (int i = 0; i < p.getNameCount(); i++) {
            Node found = named(repo, tree, p.getName(i).toString());
            if (found == null || (i + 1 < p.getNameCount() && (!found.isDir() || found.subtree() == null))) {
                return false;
            }
            tree = found.subtree();
        }
        return true;
    }

    private static Node named(Repository repo, String treeId, String name) throws IOException {
        TreeCursor nodes = TreeCursor.open(repo, treeId);
        for (Node n = nodes.next(); n != null; n = nodes.next()) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        return null;
    }

    static String child(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** Whether {@code path} is {@code ancestor} or lies below it. */
    static boolean within(String path, String ancestor) {
        return path.equals(ancestor) || ancestor.equals("/") || path.startsWith(ancestor + "/");
    }

    /** A node as JSON, named by its path. */
    static Map<String, Object> json(String path, Node n) {
        return JsonOutput.object("path", path, "name", n.name(), "type", n.type(), "size", n.isFile() ? n.size() : null,
                "mode", n.mode(), "permissions", Formats.mode(n.type(), n.mode()), "mtime", instant(n.mtimeNs()), "uid", n.uid(),
                "gid", n.gid(), "user", n.user(), "group", n.group(), "link_target", n.linkTarget());
    }

    /** {@code ls -l} style line. */
    static String longLine(String path, Node n) {
        String owner = n.user() != null ? n.user() : String.valueOf(n.uid());
        String group = n.group() != null ? n.group() : String.valueOf(n.gid());
        String target = n.isSymlink() ? " -> " + n.linkTarget() : "";
        return String.format("%s %8s %8s %12d %s %s%s", Formats.mode(n.type(), n.mode()), owner, group, n.isFile() ? n.size() : 0,
                Formats.time(instant(n.mtimeNs())), path, target);
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
