package dev.cairn.workspace.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** File names made safe, content types sniffed or declared, and the download's disposition header (ADR 29). */
class FileNamesAndTypesTest {
    @Test
    void namesKeepTheirLastSegmentWithoutControlQuoteOrBackslash() {
        assertThat(FileNames.safe("C:\\Users\\ann\\März.pdf")).isEqualTo("März.pdf");
        assertThat(FileNames.safe("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.safe("a\"b\r\nc\u0000d\u202ee.txt")).isEqualTo("abcde.txt");
        assertThat(FileNames.safe("..")).isEqualTo("file");
        assertThat(FileNames.safe("dir/")).isEqualTo("file");
        assertThat(FileNames.safe(null)).isEqualTo("file");
        String longName = "x".repeat(300) + ".pdf";
        assertThat(FileNames.safe(longName)).hasSize(FileNames.MAX).endsWith("x.pdf");
        assertThat(FileNames.safe("🎉".repeat(300))).hasSize(FileNames.MAX * 2).isEqualTo("🎉".repeat(FileNames.MAX));
    }

    @Test
    void magicBytesWinOverTheDeclaredTypeWhichWinsOverNothing() {
        assertThat(type("%PDF-1.4 rest", "text/html")).isEqualTo("application/pdf");
        assertThat(type("\u0089PNG\r\n\u001a\n....", null)).isEqualTo("image/png");
        assertThat(type("GIF89a...", "application/octet-stream")).isEqualTo("image/gif");
        assertThat(type("RIFF....WEBPVP8 ", null)).isEqualTo("image/webp");
        assertThat(type("plain words", "Text/Plain; charset=UTF-8")).isEqualTo("text/plain");
        assertThat(type("plain words", "not a type")).isEqualTo("application/octet-stream");
        assertThat(type("plain words", "multipart/form-data; boundary=x")).isEqualTo("application/octet-stream");
        assertThat(type("", null)).isEqualTo("application/octet-stream");
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0};
        assertThat(ContentTypes.of(jpeg, jpeg.length, null)).isEqualTo("image/jpeg");
    }

    private static String type(String head, String declared) {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        return ContentTypes.of(b, Math.min(b.length, ContentTypes.HEAD), declared);
    }

    @Test
    void theDispositionIsAnAttachmentWithAnAsciiAndAnExactName() {
        assertThat(Disposition.attachment("Rechnung März.pdf"))
                .isEqualTo("attachment; filename=\"Rechnung M_rz.pdf\"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf");
        assertThat(Disposition.attachment("a;b%c\".txt"))
                .isEqualTo("attachment; filename=\"a_b_c.txt\"; filename*=UTF-8''a%3Bb%25c.txt");
        assertThat(Disposition.attachment("x\r\nSet-Cookie: y")).doesNotContain("\r", "\n");
    }
}
