import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.constant.ClassDesc;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Build step of cairn-dist (run by Maven after the shade step, as a single-file Java program):
 * {@code java ModernizeOldClasses.java JAR PREFIX...} rewrites every class file under the given package prefixes of JAR
 * whose class-file version is below 50 (Java 6) as version 52 (Java 8) with stack maps, and leaves everything else alone.
 *
 * <p>Why: the JVM's ahead-of-time cache (JEP 483, which ./cairn makes once per build) skips "old" classes, those below
 * version 50: picocli ships as Java 5 bytecode, so its ~170 classes were loaded, verified with the old type-inferring
 * verifier and linked from the jar on every run of every command (about 50 ms of CPU per command, ADR 54). The rewrite
 * re-emits each method body unchanged and computes the stack maps the newer verifier needs; a class the ClassFile API
 * cannot re-emit (e.g. one using jsr/ret) fails the build rather than shipping half-rewritten.
 *
 * <p>Silent on success (the launcher's first-run build shows the build's output); exit status 0, or non-zero with the
 * reason on stderr.
 */
public final class ModernizeOldClasses {
    private static final int FIRST_MODERN_MAJOR = 50;
    private static final int TARGET_MAJOR = 52;

    private ModernizeOldClasses() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java ModernizeOldClasses.java JAR PACKAGE-PREFIX...");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            List<Path> old = oldClasses(fs, List.of(args).subList(1, args.length));
            ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver(fs)));
            for (Path path : old) {
                Files.write(path, modernize(classFile, Files.readAllBytes(path)));
            }
        }
    }

    private static List<Path> oldClasses(FileSystem fs, List<String> prefixes) throws IOException {
        List<Path> old = new ArrayList<>();
        for (String prefix : prefixes) {
            Path root = fs.getPath("/" + prefix);
            if (!Files.isDirectory(root)) {
                throw new IOException("no " + prefix + " in the jar: the build step's package list is out of date");
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path path : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
                    if (ClassFile.of().parse(Files.readAllBytes(path)).majorVersion() < FIRST_MODERN_MAJOR) {
                        old.add(path);
                    }
                }
            }
        }
        return old;
    }

    /** Every method body re-emitted (so stack maps are generated), the version element replaced. */
    static byte[] modernize(ClassFile classFile, byte[] bytes) {
        ClassModel model = classFile.parse(bytes);
        ClassTransform dropVersion = (builder, element) -> {
            if (!(element instanceof ClassFileVersion)) {
                builder.with(element);
            }
        };
        return classFile.transformClass(model, dropVersion
                .andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL))
                .andThen(ClassTransform.endHandler(builder -> builder.withVersion(TARGET_MAJOR, 0))));
    }

    /** Class hierarchy for the stack maps: the JDK's classes, then the jar's own. */
    private static ClassHierarchyResolver resolver(FileSystem fs) {
        ClassHierarchyResolver inJar = ClassHierarchyResolver.ofResourceParsing((ClassDesc desc) -> {
            String descriptor = desc.descriptorString();
            Path path = fs.getPath("/" + descriptor.substring(1, descriptor.length() - 1) + ".class");
            try {
                return Files.exists(path) ? (InputStream) Files.newInputStream(path) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return ClassHierarchyResolver.defaultResolver().orElse(inJar);
    }
}
