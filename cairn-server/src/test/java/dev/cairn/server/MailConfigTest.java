package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.server.mail.MailConfig;
import dev.cairn.server.mail.MailSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code mail:} section of the config file: defaults, the password from the environment, and start-up checks. */
class MailConfigTest {
    @TempDir
    Path dir;

    private ServerConfig read(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("cairn-server.yaml");
        Files.writeString(file, yaml);
        return ConfigFile.apply(file, ServerConfig.defaults(dir), env);
    }

    @Test
    void aMinimalSectionUsesStartTlsOnPort587AndTheEnvironmentsPassword() throws IOException {
        ServerConfig c = read("""
                public-url: https://backup.example.com
                mail:
                  host: smtp.example.com
                  username: cairn
                  from: Cairn <cairn@example.com>
                """, Map.of("CAIRN_SMTP_PASSWORD", "from-env-secret"));
        MailConfig mail = c.mail();
        assertThat(mail.security()).isEqualTo(MailSecurity.STARTTLS);
        assertThat(mail.port()).isEqualTo(587);
        assertThat(mail.password()).isEqualTo("from-env-secret");
        assertThat(mail.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(mail.toString()).doesNotContain("from-env-secret");
        assertThat(c.toString()).doesNotContain("from-env-secret");
    }

    @Test
    void everyKeyIsRead() throws IOException {
        MailConfig mail = read("""
                public-url: https://backup.example.com
                mail:
                  host: smtp.example.com
                  port: 2465
                  security: tls
                  username: cairn
                  password: in-file
                  from: cairn@example.com
                  timeout: 3s
                  trust: /etc/cairn/relay-ca.pem
                """, Map.of()).mail();
        assertThat(mail).isEqualTo(new MailConfig("smtp.example.com", 2465, MailSecurity.TLS, "cairn", "in-file",
                "cairn@example.com", Duration.ofSeconds(3), java.nio.file.Path.of("/etc/cairn/relay-ca.pem")));
    }

    @Test
    void noSectionMeansNoRelay() throws IOException {
        assertThat(read("listen: 127.0.0.1:9000\n", Map.of("CAIRN_SMTP_PASSWORD", "x")).mail()).isNull();
    }

    @Test
    void badSectionsAreRefusedWithWhatToFix() {
        String url = "public-url: https://backup.example.com\n";
        assertRefused(url + "mail:\n  host: smtp.example.com\n", Map.of(), "mail.from");
        assertRefused(url + "mail:\n  from: a@example.com\n", Map.of(), "mail.host");
        assertRefused(url + "mail:\n  host: h\n  from: a@example.com\n  security: ssl\n", Map.of(),
                "not one of starttls, tls, none");
        assertRefused(url + "mail:\n  host: h\n  from: a@example.com\n  hostname: x\n", Map.of(), "mail.hostname");
        assertRefused(url + "mail:\n  host: localhost\n  from: a@example.com\n  security: none\n  trust: ca.pem\n",
                Map.of(), "mail.trust");
        assertRefused(url + "mail:\n  host: h\n  from: a@example.com\n  username: u\n", Map.of(),
                "CAIRN_SMTP_PASSWORD");
        assertRefused(url + "mail:\n  host: h\n  from: a@example.com\n  username: u\n  password: p\n",
                Map.of("CAIRN_SMTP_PASSWORD", "q"), "keep one");
        assertRefused(url + "mail:\n  host: smtp.example.com\n  from: a@example.com\n  security: none\n  username: u\n"
                + "  password: p\n", Map.of(), "clear text");
        assertRefused(url + "mail:\n  host: h\n  from: not an address\n", Map.of(), "mail.from");
        assertRefused("mail:\n  host: h\n  from: a@example.com\n", Map.of(), "public-url");
    }

    private void assertRefused(String yaml, Map<String, String> env, String message) {
        assertThatThrownBy(() -> read(yaml, env)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cairn-server.yaml").hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("q\"").doesNotContain("password: p"));
    }
}
