package dev.cairn.export.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signature file with a byte outside ASCII (a bit flip at rest) is reported as damaged, naming it, instead of failing
 * the whole verify with the decoder's "Input length = 1" (found by the reliability corruption suite).
 */
class BundleCheckSignatureFileTest {
    @Test
    void aNonAsciiByteInTheSignatureFileIsReportedAsNotBase64(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(Manifest.PATH), "{}", StandardCharsets.UTF_8);
        byte[] signature = "c2lnbmF0dXJl\n".getBytes(StandardCharsets.US_ASCII);
        signature[3] ^= (byte) 0x80;
        Files.write(dir.resolve(Manifest.SIGNATURE_PATH), signature);

        assertThat(BundleCheck.problems(dir, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))
                .containsExactly("the signature file is not base64");
    }
}
