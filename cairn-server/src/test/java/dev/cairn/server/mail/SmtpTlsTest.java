package dev.cairn.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The two TLS modes of the relay connection against real SMTP servers (SubEtha SMTP) that require TLS before the login:
 * {@code starttls} (the default; the server offers STARTTLS on a plain connection) and {@code tls} (implicit TLS). Their
 * certificate, made for this test by the JDK's keytool for localhost/127.0.0.1, is trusted through {@code mail.trust},
 * never by switching verification off: without it, or with a certificate for another host, nothing is sent.
 */
class SmtpTlsTest {
    private static final String USER = "cairn-relay";
    private static final String PASSWORD = "relay-pw-tls-4e1d";
    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    @TempDir
    static Path dir;
    static Path trust;
    static Path otherHostTrust;
    static SMTPServer starttls;
    static SMTPServer implicitTls;
    static SMTPServer misnamed;

    @BeforeAll
    static void start() throws Exception {
        SSLContext tls = serverTls(certificate("relay", "SAN=dns:localhost,ip:127.0.0.1"));
        trust = dir.resolve("relay.pem");
        otherHostTrust = dir.resolve("other.pem");
        SSLContext other = serverTls(certificate("other", "SAN=dns:mail.example.org"));
        starttls = relay(SMTPServer.port(freePort()).startTlsSocketFactory(tls).requireTLS());
        implicitTls = relay(SMTPServer.port(freePort()).serverSocketFactory(tls));
        misnamed = relay(SMTPServer.port(freePort()).serverSocketFactory(other)); // trusted, but for mail.example.org
    }

    @AfterAll
    static void stop() {
        starttls.stop();
        implicitTls.stop();
        misnamed.stop();
    }

    @ParameterizedTest
    @EnumSource(value = MailSecurity.class, names = {"STARTTLS", "TLS"})
    void anInvitationGoesOutOverTlsWithTheConfiguredTrust(MailSecurity security) throws Exception {
        String to = security.wireName() + "@example.com";
        mailer(security, trust).send(invite(to));
        assertThat(RECEIVED).as("delivered over %s after the login", security)
                .anySatisfy(m -> assertThat(m).contains("To: " + to).contains("/web/invitation?code=x"));
    }

    @ParameterizedTest
    @EnumSource(value = MailSecurity.class, names = {"STARTTLS", "TLS"})
    void anUntrustedCertificateStopsTheSend(MailSecurity security) {
        assertThatThrownBy(() -> mailer(security, null).send(invite("untrusted@example.com")))
                .as("the JVM's default trust store does not know the test's certificate").isInstanceOf(MailException.class);
        assertThat(RECEIVED).noneSatisfy(m -> assertThat(m).contains("untrusted@"));
    }

    @org.junit.jupiter.api.Test
    void aTrustedCertificateForAnotherHostStopsTheSend() {
        SmtpMailer mailer = mailer(MailSecurity.TLS, misnamed.getPortAllocated(), otherHostTrust);
        assertThatThrownBy(() -> mailer.send(invite("misnamed@example.com"))).isInstanceOf(MailException.class);
        assertThat(RECEIVED).noneSatisfy(m -> assertThat(m).contains("misnamed@"));
    }

    private static SmtpMailer mailer(MailSecurity security, Path trusted) {
        return mailer(security, security == MailSecurity.TLS ? implicitTls.getPortAllocated() : starttls.getPortAllocated(),
                trusted);
    }

    private static SmtpMailer mailer(MailSecurity security, int port, Path trusted) {
        return new SmtpMailer(new MailConfig("127.0.0.1", port, security, USER, PASSWORD, "Cairn <cairn@example.com>",
                Duration.ofSeconds(5), trusted), InstantSource.system());
    }

    private static OutgoingMail invite(String to) {
        return new OutgoingMail(to, "ann invites you to the workspace Acme on cairn",
                "Accept the invitation: https://cairn.example.com/web/invitation?code=x\n");
    }

    private static SMTPServer relay(SMTPServer.Builder builder) {
        SMTPServer server = builder.bindAddress(java.net.InetAddress.getLoopbackAddress()).requireAuth()
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                    if (!USER.equals(user) || !PASSWORD.equals(password)) {
                        throw new LoginFailedException();
                    }
                }))
                .simpleMessageListener(new org.subethamail.smtp.helper.SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return true;
                    }

                    @Override
                    public void deliver(String from, String recipient, InputStream data) throws IOException {
                        RECEIVED.add(new String(data.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }).connectionTimeout(10, TimeUnit.SECONDS).build();
        server.start();
        return server;
    }

    /** A key pair and self-signed certificate in {@code name}.p12, the certificate also in {@code name}.pem. */
    private static Path certificate(String name, String san) throws Exception {
        Path p12 = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", san, "-validity", "2", "-keystore", p12.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", p12.toString(), "-storepass", "changeit",
                "-file", dir.resolve(name + ".pem").toString());
        return p12;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(p.exitValue()).as("keytool %s: %s", args[0], out).isZero();
    }

    private static SSLContext serverTls(Path p12) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        return tls;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
