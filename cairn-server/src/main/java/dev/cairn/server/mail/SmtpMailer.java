package dev.cairn.server.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Date;
import java.util.Properties;

/**
 * Sends through the configured SMTP relay (Jakarta Mail / Angus Mail), one connection per email. STARTTLS is required
 * when configured (never a silent fallback to clear text) and the relay's certificate must match its host name.
 * Thread-safe.
 */
public final class SmtpMailer implements Mailer {
    private final MailConfig config;
    private final Session session;
    private final InternetAddress from;
    private final InstantSource clock;

    public SmtpMailer(MailConfig config, InstantSource clock) {
        this.config = config;
        this.clock = clock;
        this.session = Session.getInstance(properties(config));
        try {
            this.from = new InternetAddress(config.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("mail.from: " + e.getMessage(), e); // MailConfig validated it
        }
    }

    static Properties properties(MailConfig c) {
        Properties p = new Properties();
        String millis = Long.toString(c.timeout().toMillis());
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", c.host());
        p.setProperty("mail.smtp.port", Integer.toString(c.port()));
        p.setProperty("mail.smtp.connectiontimeout", millis);
        p.setProperty("mail.smtp.timeout", millis);
        p.setProperty("mail.smtp.writetimeout", millis);
        p.setProperty("mail.smtp.auth", Boolean.toString(c.authenticates()));
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        switch (c.security()) {
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
            }
            case TLS -> p.setProperty("mail.smtp.ssl.enable", "true");
            case NONE -> p.setProperty("mail.smtp.starttls.enable", "false");
        }
        if (c.trust() != null) { // used for the STARTTLS upgrade and for implicit TLS alike; the identity check stays on
            p.put("mail.smtp.ssl.socketFactory", trusting(c.trust()));
        }
        return p;
    }

    /**
     * TLS sockets that accept exactly the certificates of {@code pem} as trust anchors.
     *
     * @throws IllegalArgumentException naming the file if it cannot be read or holds no certificate
     */
    static SSLSocketFactory trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int n = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                anchors.setCertificateEntry("trusted-" + n++, cert);
            }
            if (n == 0) {
                throw new IllegalArgumentException("mail.trust " + pem + " holds no PEM certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("mail.trust " + pem + " cannot be used: " + e.getMessage(), e);
        }
    }

    @Override
    public void send(OutgoingMail mail) throws MailException {
        try (Transport transport = session.getTransport("smtp")) {
            MimeMessage message = message(mail);
            if (config.authenticates()) {
                transport.connect(config.host(), config.port(), config.username(), config.password());
            } else {
                transport.connect();
            }
            transport.sendMessage(message, message.getAllRecipients());
        } catch (AuthenticationFailedException e) {
            throw new MailException("the mail relay " + relay() + " refused the server's login; the administrator "
                    + "should check mail.username and the password", false, e);
        } catch (SendFailedException e) {
            throw new MailException("the mail relay " + relay() + " refused the address " + mail.to(), false, e);
        } catch (MessagingException e) {
            throw new MailException("the mail relay " + relay() + " could not be used (" + rootCause(e) + ")",
                    !(rootOf(e) instanceof UnknownHostException), e);
        }
    }

    private MimeMessage message(OutgoingMail mail) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(from);
        m.setRecipient(Message.RecipientType.TO, recipient(mail.to()));
        m.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        m.setSentDate(Date.from(clock.instant()));
        m.setText(mail.text(), StandardCharsets.UTF_8.name());
        m.setHeader("Auto-Submitted", "auto-generated");
        return m;
    }

    private static InternetAddress recipient(String to) throws SendFailedException {
        try {
            return new InternetAddress(to, true);
        } catch (AddressException e) {
            throw new SendFailedException("not an address: " + to, e);
        }
    }

    private String relay() {
        return config.host() + ":" + config.port();
    }

    private static Throwable rootOf(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** The innermost cause's class and message: what went wrong on the network ("Connection refused"). */
    private static String rootCause(Throwable e) {
        Throwable t = rootOf(e);
        String message = t.getMessage() == null ? "" : ": " + OutgoingMail.oneLine(t.getMessage());
        String name = t instanceof IOException || t instanceof MessagingException ? t.getClass().getSimpleName()
                : t.getClass().getName();
        return name + message;
    }
}
