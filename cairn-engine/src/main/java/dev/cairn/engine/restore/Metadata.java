package dev.cairn.engine.restore;

import dev.cairn.engine.snapshot.Node;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Applies a node's metadata to a restored entry, never following a symlink: owner and group (only when running as root, by
 * name, and only if that user or group exists here; otherwise silently left as is), then the permission bits including
 * setuid/setgid/sticky (after the owner, since chown clears setuid), then the modification time in nanoseconds. Symlinks
 * get owner and time only (Linux has no symlink modes). Thread-safe.
 */
final class Metadata {
    private static final Set<String> VIEWS = FileSystems.getDefault().supportedFileAttributeViews();
    private static final boolean UNIX = VIEWS.contains("unix");
    private static final boolean POSIX = VIEWS.contains("posix");
    private static final boolean ROOT = runningAsRoot();
    private static final Map<String, Optional<UserPrincipal>> USERS = new ConcurrentHashMap<>();
    private static final Map<String, Optional<GroupPrincipal>> GROUPS = new ConcurrentHashMap<>();

    private Metadata() {
    }

    /** Whether owners are restored (the process runs as root). */
    static boolean asRoot() {
        return ROOT;
    }

    /** Attributes for files and directories created before their metadata is applied: readable by the owner only. */
    static FileAttribute<?>[] privateAttributes(boolean dir) {
        if (!POSIX) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(dir ? "rwx------" : "rw-------"))};
    }

    /**
     * Applies owner (as root), mode and mtime of {@code node} to {@code path}.
     *
     * @throws IOException if the file system refuses a change
     */
    static void apply(Path path, Node node, boolean symlink) throws IOException {
        if (ROOT) {
            applyOwner(path, node);
        }
        if (!symlink) {
            applyMode(path, node.mode() & 07777);
        }
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(node.mtimeNs(), TimeUnit.NANOSECONDS), null, null);
    }

    private static void applyMode(Path path, int mode) throws IOException {
        if (UNIX) {
            Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
        } else if (POSIX) {
            Files.setPosixFilePermissions(path, permissions(mode));
        }
    }

    private static void applyOwner(Path path, Node node) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return;
        }
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        Optional<UserPrincipal> user = node.user() == null ? Optional.empty()
                : USERS.computeIfAbsent(node.user(), name -> find(() -> lookup.lookupPrincipalByName(name)));
        if (user.isPresent()) {
            view.setOwner(user.get());
        }
        Optional<GroupPrincipal> group = node.group() == null ? Optional.empty()
                : GROUPS.computeIfAbsent(node.group(), name -> find(() -> lookup.lookupPrincipalByGroupName(name)));
        if (group.isPresent()) {
            view.setGroup(group.get());
        }
    }

    private interface Lookup<T> {
        T get() throws IOException;
    }

    private static <T> Optional<T> find(Lookup<T> lookup) {
        try {
            return Optional.of(lookup.get());
        } catch (IOException e) {
            return Optional.empty(); // UserPrincipalNotFoundException: no such user or group here
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values();
        for (int i = 0; i < 9; i++) {
            if ((mode & (0400 >> i)) != 0) {
                out.add(bits[i]);
            }
        }
        return out;
    }

    private static boolean runningAsRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }
}
