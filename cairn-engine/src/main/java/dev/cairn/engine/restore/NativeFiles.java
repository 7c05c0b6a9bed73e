package dev.cairn.engine.restore;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The few POSIX calls a restored file needs, made directly on Linux through the C library (FFM), so that creating, writing
 * and finishing a small file costs five or six system calls and no per-file Java objects beyond its path: {@code open}
 * (exclusive, never following a symlink), {@code pwrite}, {@code ftruncate}, {@code fchown} (as root), {@code fchmod},
 * {@code futimens} (modification time only: the access time is left as the kernel set it) and {@code close}. The NIO path
 * the JDK offers costs about thirteen for the same work (a stat and a throw-away open per attribute, a second stat to
 * keep the access time). Only on Linux x86-64 and AArch64, whose flag values are known; elsewhere, or with
 * {@code -Dcairn.restore.native=false}, or without native access, {@link #instance()} is empty and the NIO path is used.
 * Thread-safe: per-thread native buffers.
 */
final class NativeFiles {
    private static final String DISABLE_PROPERTY = "cairn.restore.native";
    private static final int O_WRONLY = 01;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    private static final int O_CLOEXEC = 02000000;
    private static final int EINTR = 4;
    private static final int ENOENT = 2;
    private static final int EACCES = 13;
    private static final int EPERM = 1;
    private static final int EEXIST = 17;
    private static final int EINVAL = 22;
    private static final long UTIME_OMIT = (1L << 30) - 2;
    /** Largest write per {@code pwrite} call (a critical call: the JVM defers garbage collection while it runs). */
    private static final int SLICE = 256 << 10;
    private static final Optional<NativeFiles> INSTANCE = load();

    private final int nofollow;
    private final MethodHandle open;
    private final MethodHandle pwrite;
    private final MethodHandle ftruncate;
    private final MethodHandle fchown;
    private final MethodHandle fchmod;
    private final MethodHandle futimens;
    private final MethodHandle close;
    private final MethodHandle strerror;
    private final MethodHandle getpwnam;
    private final MethodHandle getgrnam;
    private final VarHandle errno;
    private final MemoryLayout stateLayout;
    private final Charset pathCharset = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(this::newBuffers);
    private final Map<String, Integer> uids = new ConcurrentHashMap<>();
    private final Map<String, Integer> gids = new ConcurrentHashMap<>();

    /** One thread's native memory: the call state (errno), a path, two timespecs (file data is written from the heap). */
    private record Buffers(MemorySegment state, MemorySegment path, MemorySegment times) {
    }

    private NativeFiles(int nofollow, SymbolLookup libc, Linker linker) {
        this.nofollow = nofollow;
        Linker.Option errnoOption = Linker.Option.captureCallState("errno");
        this.stateLayout = Linker.Option.captureStateLayout();
        this.errno = stateLayout.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        ValueLayout i = ValueLayout.JAVA_INT;
        ValueLayout l = ValueLayout.JAVA_LONG;
        ValueLayout a = ValueLayout.ADDRESS;
        this.open = linker.downcallHandle(libc.findOrThrow("open"), FunctionDescriptor.of(i, a, i, i), errnoOption);
        this.pwrite = linker.downcallHandle(libc.findOrThrow("pwrite"), FunctionDescriptor.of(l, i, a, l, l), errnoOption,
                Linker.Option.critical(true));
        this.ftruncate = linker.downcallHandle(libc.findOrThrow("ftruncate"), FunctionDescriptor.of(i, i, l), errnoOption);
        this.fchown = linker.downcallHandle(libc.findOrThrow("fchown"), FunctionDescriptor.of(i, i, i, i), errnoOption);
        this.fchmod = linker.downcallHandle(libc.findOrThrow("fchmod"), FunctionDescriptor.of(i, i, i), errnoOption);
        this.futimens = linker.downcallHandle(libc.findOrThrow("futimens"), FunctionDescriptor.of(i, i, a), errnoOption);
        this.close = linker.downcallHandle(libc.findOrThrow("close"), FunctionDescriptor.of(i, i), errnoOption);
        this.strerror = linker.downcallHandle(libc.findOrThrow("strerror"), FunctionDescriptor.of(a, i));
        this.getpwnam = linker.downcallHandle(libc.findOrThrow("getpwnam"), FunctionDescriptor.of(a, a));
        this.getgrnam = linker.downcallHandle(libc.findOrThrow("getgrnam"), FunctionDescriptor.of(a, a));
    }

    /** The native calls, unless this platform's are unknown, native access is denied, or they are turned off. */
    static Optional<NativeFiles> instance() {
        return INSTANCE;
    }

    /**
     * Creates {@code path} exclusively, write-only, owner-only ({@code O_CREAT|O_EXCL|O_NOFOLLOW}: never through a symlink,
     * never over an existing entry); returns the file descriptor.
     */
    int create(Path path) throws IOException {
        Buffers b = buffers.get();
        MemorySegment cPath = cString(b, path);
        while (true) {
            int fd = open(b, cPath, O_WRONLY | O_CREAT | O_EXCL | nofollow | O_CLOEXEC, 0600);
            if (fd >= 0) {
                return fd;
            }
            if (errno(b) != EINTR) {
                throw failure(path, errno(b));
            }
        }
    }

    /**
     * Writes {@code data[from, from + length)} at {@code position}, all of it, straight from the array: {@code pwrite} is
     * linked as a critical function with heap access, so the bytes are not copied into native memory first (the JVM
     * holds off garbage collection for the call, which is why one call writes at most {@value #SLICE} bytes).
     */
    void write(int fd, Path path, byte[] data, int from, int length, long position) throws IOException {
        Buffers b = buffers.get();
        MemorySegment heap = MemorySegment.ofArray(data);
        int done = 0;
        while (done < length) {
            int n = Math.min(SLICE, length - done);
            long w = pwrite(b, fd, heap.asSlice(from + done, n), n, position + done);
            if (w < 0) {
                if (errno(b) == EINTR) {
                    continue;
                }
                throw failure(path, errno(b));
            }
            done += (int) w;
        }
    }

    /** Sets the file's size (zeros beyond what was written). */
    void truncate(int fd, Path path, long size) throws IOException {
        Buffers b = buffers.get();
        if (ftruncate(b, fd, size) != 0) {
            throw failure(path, errno(b));
        }
    }

    /**
     * Applies owner and group by name (only if {@code owner}, and only names that exist here), then the permission bits
     * (after the owner: chown clears setuid), then the modification time in nanoseconds, through the open file.
     */
    void applyMetadata(int fd, Path path, dev.cairn.engine.snapshot.Node node, boolean owner) throws IOException {
        Buffers b = buffers.get();
        if (owner) {
            int uid = node.user() == null ? -1 : uids.computeIfAbsent(node.user(), n -> lookupId(getpwnam, n));
            int gid = node.group() == null ? -1 : gids.computeIfAbsent(node.group(), n -> lookupId(getgrnam, n));
            if ((uid != -1 || gid != -1) && fchown(b, fd, uid, gid) != 0) {
                throw failure(path, errno(b));
            }
        }
        if (fchmod(b, fd, node.mode() & 07777) != 0) {
            throw failure(path, errno(b));
        }
        long mtime = node.mtimeNs();
        if (!setMtime(b, fd, mtime) && !(errno(b) == EINVAL && mtime < 0 && setMtime(b, fd, 0))) {
            throw failure(path, errno(b)); // a negative time refused: the epoch, as the JDK does
        }
    }

    private boolean setMtime(Buffers b, int fd, long mtimeNs) {
        MemorySegment t = b.times();
        t.set(ValueLayout.JAVA_LONG, 0, 0L);
        t.set(ValueLayout.JAVA_LONG, 8, UTIME_OMIT);
        t.set(ValueLayout.JAVA_LONG, 16, Math.floorDiv(mtimeNs, 1_000_000_000L));
        t.set(ValueLayout.JAVA_LONG, 24, Math.floorMod(mtimeNs, 1_000_000_000L));
        return futimens(b, fd, t) == 0;
    }

    /** Closes the file; a failure (a delayed write error) is reported. */
    void close(int fd, Path path) throws IOException {
        Buffers b = buffers.get();
        if (close(b, fd) != 0 && errno(b) != EINTR) {
            throw failure(path, errno(b));
        }
    }

    /** Closes the file, ignoring failures (the file already failed). */
    void closeQuietly(int fd) {
        close(buffers.get(), fd);
    }

    /** The id of a user or group name, or -1 if there is none here (the owner is then left as is, as the NIO path does). */
    private int lookupId(MethodHandle lookup, String name) {
        synchronized (NativeFiles.class) { // getpwnam and getgrnam return static storage
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment entry = (MemorySegment) lookup.invokeExact(arena.allocateFrom(name, pathCharset));
                if (entry.equals(MemorySegment.NULL)) {
                    return -1;
                }
                return entry.reinterpret(24).get(ValueLayout.JAVA_INT, 16); // pw_uid / gr_gid after two char pointers
            } catch (Throwable e) {
                return -1;
            }
        }
    }

    private MemorySegment cString(Buffers b, Path path) {
        byte[] bytes = path.toString().getBytes(pathCharset);
        MemorySegment out = bytes.length < b.path().byteSize() ? b.path() : Arena.ofAuto().allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, out, ValueLayout.JAVA_BYTE, 0, bytes.length);
        out.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
        return out;
    }

    private int errno(Buffers b) {
        return (int) errno.get(b.state(), 0L);
    }

    private IOException failure(Path path, int err) {
        String message = message(err);
        String file = path.toString();
        return switch (err) {
            case ENOENT -> new NoSuchFileException(file);
            case EEXIST -> new FileAlreadyExistsException(file);
            case EACCES, EPERM -> new AccessDeniedException(file, null, message);
            default -> new FileSystemException(file, null, message);
        };
    }

    private String message(int err) {
        try {
            MemorySegment text = (MemorySegment) strerror.invokeExact(err);
            return text.equals(MemorySegment.NULL) ? "error " + err : text.reinterpret(256).getString(0);
        } catch (Throwable e) {
            return "error " + err;
        }
    }

    // Exact invocations (invokeExact: no boxing, no varargs); a Throwable here is a linkage bug, not a file error.

    private int open(Buffers b, MemorySegment path, int flags, int mode) {
        try {
            return (int) open.invokeExact(b.state(), path, flags, mode);
        } catch (Throwable e) {
            throw bug(e);
        }
    }

    private long pwrite(Buffers b, int fd, MemorySegment data, long length, long position) {
        try {
            return (long) pwrite.invokeExact(b.state(), fd, data, length, position);
        } catch (Throwable e) {
            throw bug(e);
        }
    }

    private int ftruncate(Buffers b, int fd, long size) {
        try {
            return (int) ftruncate.invokeExact(b.state(), fd, size);
        } catch (Throwable e) {
            throw bug(e);
        }
    }

    private int fchown(Buffers b, int fd, int uid, int gid) {
        try {
            return (int) fchown.invokeExact(b.state(), fd, uid, gid);
        } catch (Throwable e) {
            throw bug(e);
        }
    }

    private int fchmod(Buffers b, int fd, int mode) {
        try {
            return (int) fchmod.invokeExact(b.state(), fd, mode);
        } catch (Throwable e) {
            throw bug(e);
        }
    }

    private int futimens(Buffers b, int fd, MemorySegment times) {
        try {
            return (int) futimens.invokeExact(b.state(), fd, times);
        } catch (Throwable e) {
            throw bug(e);
        }
    }

    private int close(Buffers b, int fd) {
        try {
            return (int) close.invokeExact(b.state(), fd);
        } catch (Throwable e) {
            throw bug(e);
        }
    }

    private static IllegalStateException bug(Throwable e) {
        return new IllegalStateException("native call failed: " + e, e);
    }

    private Buffers newBuffers() {
        Arena arena = Arena.ofAuto(); // freed when the thread's buffers are unreachable
        return new Buffers(arena.allocate(stateLayout), arena.allocate(4097), arena.allocate(32, 8));
    }

    private static Optional<NativeFiles> load() {
        if ("false".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY))
                || !System.getProperty("os.name", "").equals("Linux")) {
            return Optional.empty();
        }
        int nofollow = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> 0400000;
            case "aarch64" -> 0100000;
            default -> -1;
        };
        if (nofollow < 0) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            return Optional.of(new NativeFiles(nofollow, linker.defaultLookup(), linker));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // native access denied or a symbol missing: the NIO path
        }
    }
}
