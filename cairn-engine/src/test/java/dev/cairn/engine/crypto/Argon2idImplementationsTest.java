package dev.cairn.engine.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The native library and Bouncy Castle must agree bit for bit, or a repository made on one machine would not open on another.
 * The test setup ({@code scripts/test}) installs {@code libargon2-1}, so the native side is required here, not skipped.
 */
class Argon2idImplementationsTest {

    @Test
    void theNativeLibraryIsLoaded() {
        assertThat(NativeArgon2.instance())
                .as("libargon2 (Debian libargon2-1) should be installed by scripts/test and linkable via FFM")
                .isPresent();
        assertThat(Argon2idKdf.usesNativeLibrary()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"8,1,1,16,32", "64,3,1,16,32", "256,2,2,32,64", "1024,1,4,8,16", "4096,3,1,32,32"})
    void nativeAndJavaAgree(int memoryKiB, int iterations, int parallelism, int saltLength, int outLength) {
        Random random = new Random(memoryKiB * 31L + iterations);
        byte[] pass = new byte[random.nextInt(40)];
        random.nextBytes(pass);
        byte[] salt = new byte[saltLength];
        random.nextBytes(salt);
        KdfParams params = new KdfParams(memoryKiB, iterations, parallelism);
        byte[] viaJava = Argon2idKdf.deriveInJava(pass, salt, params, outLength);
        byte[] viaNative = NativeArgon2.instance().orElseThrow().derive(pass, salt, params, outLength);
        assertThat(HexFormat.of().formatHex(viaNative)).isEqualTo(HexFormat.of().formatHex(viaJava));
    }

    @Test
    void theFacadeGivesTheSameKeyAsBouncyCastle() {
        byte[] salt = "cairn-kat-salt-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        KdfParams params = new KdfParams(64, 3, 1);
        byte[] viaJava = Argon2idKdf.deriveInJava(
                "correct horse battery staple".getBytes(StandardCharsets.UTF_8), salt, params, 32);
        assertThat(Argon2idKdf.derive("correct horse battery staple".toCharArray(), salt, params, 32)).isEqualTo(viaJava);
    }

    @Test
    void aRequestTheLibraryRefusesIsAClearCryptoError() {
        byte[] salt = new byte[4]; // libargon2 requires at least 8 bytes of salt
        assertThatThrownBy(() -> NativeArgon2.instance().orElseThrow().derive(new byte[8], salt, new KdfParams(64, 1, 1), 32))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("libargon2 failed")
                .hasMessageContaining("Salt");
    }
}
