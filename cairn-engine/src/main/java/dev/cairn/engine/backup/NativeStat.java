package dev.cairn.engine.backup;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One {@code statx(2)} call per entry through the FFM API (glibc's wrapper, Linux only), filling a {@link Metadata.Stat}
 * directly: {@code Files.readAttributes(path, "unix:…")} makes the same system call but first parses the attribute list,
 * then boxes ten values into a map and two {@code FileTime}s, per file of every backup. The values are those the JDK
 * reports ({@code dev} is glibc's {@code makedev} of the major and minor numbers, as {@code st_dev} is), which
 * {@code NativeStatTest} checks against {@code Files.readAttributes}.
 *
 * <p>{@link #stat} returns null whenever the JDK should answer instead: no {@code statx} on this system, file names not
 * encoded in UTF-8 by the JDK ({@code sun.jnu.encoding}; the launcher sets a UTF-8 locale), a path whose name is not valid
 * UTF-8 (the JDK keeps such names as raw bytes, which its {@code String} form cannot give back), or a failed call (the JDK then throws the right exception, e.g. {@code NoSuchFileException}). Thread-safe: the buffers are
 * per thread.
 */
final class NativeStat {
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int AT_NO_AUTOMOUNT = 0x800;
    /** STATX_BASIC_STATS: type, mode, nlink, uid, gid, atime, mtime, ctime, ino, size, blocks. */
    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final int STATX_SIZE = 256;
    private static final int PATH_MAX = 4096;
    private static final MethodHandle STATX = link();
    private static final ThreadLocal<MemorySegment> BUFFERS = ThreadLocal.withInitial(
            () -> Arena.ofAuto().allocate(STATX_SIZE + PATH_MAX + 1, 8));

    private NativeStat() {
    }

    /** Whether statx is used (false off Linux, with non-UTF-8 file names, or with {@code -Dcairn.native-stat=false}). */
    static boolean available() {
        return STATX != null;
    }

    /**
     * The metadata of {@code path} ({@code follow}: of what a symlink points to), or null if the JDK must be asked (see the
     * class comment).
     */
    static Metadata.Stat stat(Path path, boolean follow) {
        if (STATX == null) {
            return null;
        }
        String text = path.toString();
        if (text.indexOf('\uFFFD') >= 0 || text.indexOf('\0') >= 0) {
            return null; // possibly a name that is not UTF-8: only the JDK has its real bytes
        }
        byte[] name = text.getBytes(StandardCharsets.UTF_8);
        if (name.length > PATH_MAX) {
            return null;
        }
        MemorySegment buf = BUFFERS.get();
        MemorySegment pathSeg = buf.asSlice(STATX_SIZE, PATH_MAX + 1);
        MemorySegment.copy(name, 0, pathSeg, ValueLayout.JAVA_BYTE, 0, name.length);
        pathSeg.set(ValueLayout.JAVA_BYTE, name.length, (byte) 0);
        int flags = AT_NO_AUTOMOUNT | (follow ? 0 : AT_SYMLINK_NOFOLLOW);
        int rc;
        try {
            rc = (int) STATX.invokeExact(AT_FDCWD, pathSeg, flags, STATX_BASIC_STATS, buf);
        } catch (Throwable e) {
            return null;
        }
        return rc == 0 ? decode(buf) : null;
    }

    /** Reads {@code struct statx} (the same layout on every Linux architecture). */
    private static Metadata.Stat decode(MemorySegment b) {
        int nlink = b.get(ValueLayout.JAVA_INT, 16);
        int uid = b.get(ValueLayout.JAVA_INT, 20);
        int gid = b.get(ValueLayout.JAVA_INT, 24);
        int mode = Short.toUnsignedInt(b.get(ValueLayout.JAVA_SHORT, 28));
        long ino = b.get(ValueLayout.JAVA_LONG, 32);
        long size = b.get(ValueLayout.JAVA_LONG, 40);
        long ctimeNs = nanos(b, 96);
        long mtimeNs = nanos(b, 112);
        long major = Integer.toUnsignedLong(b.get(ValueLayout.JAVA_INT, 136));
        long minor = Integer.toUnsignedLong(b.get(ValueLayout.JAVA_INT, 140));
        return Metadata.of(mode, mtimeNs, ctimeNs, uid, gid, ino, makedev(major, minor), nlink, size);
    }

    /** A {@code struct statx_timestamp} (signed seconds, then nanoseconds) as nanoseconds since the epoch. */
    private static long nanos(MemorySegment b, long offset) {
        return b.get(ValueLayout.JAVA_LONG, offset) * 1_000_000_000L + Integer.toUnsignedLong(b.get(ValueLayout.JAVA_INT, offset + 8));
    }

    /** glibc's {@code makedev}: how {@code st_dev} packs a device's major and minor numbers. */
    static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0x00000fffL) << 8) | ((minor & 0xffffff00L) << 12) | (minor & 0x000000ffL);
    }

    private static MethodHandle link() {
        String names = System.getProperty("sun.jnu.encoding", "");
        boolean utf8 = "UTF-8".equalsIgnoreCase(names) || "UTF8".equalsIgnoreCase(names);
        if (utf8 && !"false".equals(System.getProperty("cairn.native-stat")) && System.getProperty("os.name", "").startsWith("Linux")) {
            try {
                Linker linker = Linker.nativeLinker();
                return linker.defaultLookup().find("statx").map(address -> linker.downcallHandle(address,
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT, ValueLayout.ADDRESS))).orElse(null);
            } catch (RuntimeException | LinkageError e) {
                return null; // native access not allowed, or no such symbol: the JDK's stat is used
            }
        }
        return null;
    }
}
