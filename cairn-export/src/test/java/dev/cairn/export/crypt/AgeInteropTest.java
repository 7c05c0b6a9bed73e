package dev.cairn.export.crypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cairn's age files open with the Debian {@code age}, and {@code age}'s open with cairn; bad input fails clearly. */
class AgeInteropTest {
    static final byte[] PLAIN = new byte[200_000];

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() throws Exception {
        DebianTool.ensure("age", "age");
        new Random(3).nextBytes(PLAIN);
    }

    @Test
    void theAgeToolDecryptsWhatCairnEncryptsToTwoRecipients() throws Exception {
        Path key = dir.resolve("key.txt");
        DebianTool.run(List.of("age-keygen", "-o", key.toString()), null);
        String recipient = DebianTool.run(List.of("age-keygen", "-y", key.toString()), null).strip();
        Path enc = dir.resolve("bundle.age");
        try (OutputStream out = Age.encrypt(Files.newOutputStream(enc), List.of(
                AgeRecipient.parse(Age.newIdentity()[1]).recipient().orElseThrow(),
                AgeRecipient.parse(recipient).recipient().orElseThrow()))) {
            out.write(PLAIN);
        }
        Path dec = dir.resolve("bundle.zip");
        DebianTool.run(List.of("age", "-d", "-i", key.toString(), "-o", dec.toString(), enc.toString()), null);
        assertThat(Files.readAllBytes(dec)).isEqualTo(PLAIN);
    }

    @Test
    void cairnDecryptsWhatTheAgeToolEncryptsToAKeyCairnMade() throws Exception {
        String[] identity = Age.newIdentity();
        assertThat(identity[0]).startsWith("AGE-SECRET-KEY-1");
        Path plain = dir.resolve("plain");
        Files.write(plain, PLAIN);
        Path enc = dir.resolve("plain.age");
        DebianTool.run(List.of("age", "-r", identity[1], "-o", enc.toString(), plain.toString()), null);
        try (InputStream in = Age.decrypt(Files.newInputStream(enc), identity[0])) {
            assertThat(in.readAllBytes()).isEqualTo(PLAIN);
        }
    }

    @Test
    void aWrongIdentityATruncatedFileAndAnAlteredFileFailClearly() throws Exception {
        String[] mine = Age.newIdentity();
        byte[] enc = encrypt(mine[1]);
        assertThatThrownBy(() -> Age.decrypt(new ByteArrayInputStream(enc), Age.newIdentity()[0]).readAllBytes())
                .isInstanceOf(IOException.class);
        byte[] truncated = Arrays.copyOf(enc, enc.length - 100);
        assertThatThrownBy(() -> Age.decrypt(new ByteArrayInputStream(truncated), mine[0]).readAllBytes())
                .isInstanceOf(IOException.class);
        byte[] altered = enc.clone();
        altered[altered.length / 2] ^= 1;
        assertThatThrownBy(() -> Age.decrypt(new ByteArrayInputStream(altered), mine[0]).readAllBytes())
                .isInstanceOf(IOException.class);
    }

    @Test
    void malformedRecipientsAreRefusedWithTheReason() {
        assertThat(AgeRecipient.parse("ssh-ed25519 AAAA").problem()).contains("starts with 'age1'");
        String good = Age.newIdentity()[1];
        String broken = good.substring(0, good.length() - 1) + (good.endsWith("q") ? "p" : "q");
        assertThat(AgeRecipient.parse(broken).problem()).contains("does not check out");
        assertThat(AgeRecipient.parse(" " + good + "\n").recipient()).contains(new AgeRecipient(good));
        assertThatThrownBy(() -> Age.encrypt(new ByteArrayOutputStream(), List.of()))
                .hasMessageContaining("no recipient");
    }

    private static byte[] encrypt(String recipient) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = Age.encrypt(out, List.of(new AgeRecipient(recipient)))) {
            enc.write(PLAIN);
        }
        return out.toByteArray();
    }
}
