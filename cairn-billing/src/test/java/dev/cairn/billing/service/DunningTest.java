package dev.cairn.billing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.cairn.billing.BillingFixture;
import dev.cairn.billing.invoice.Invoice;
import dev.cairn.billing.plan.PricedPlan;
import dev.cairn.billing.usage.BillingMonth;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.mail.MailConfig;
import dev.cairn.server.mail.MailSecurity;
import dev.cairn.server.storage.Tenant;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Dunning on a mutable clock: a reminder once the invoice is overdue, new writes refused (with why and how to pay) after
 * the grace period while lock files and deletes still work, payment through the sandbox gateway (declined, then paid)
 * lifting the refusal, and an unpaid account getting the written deletion notice and then being listed, never deleted.
 */
class DunningTest {
    private static final String RELAY_PASSWORD = "relay-pw-b1ll";
    private static final String PUBLIC_URL = "https://backup.example.com";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay", RELAY_PASSWORD));

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void remindThenRefuseWritesThenNoticeNeverDelete(Dialect dialect) throws Exception {
        MailConfig relay = new MailConfig("127.0.0.1", SMTP.getSmtp().getPort(), MailSecurity.NONE, "relay",
                RELAY_PASSWORD, "Cairn <cairn@example.com>", Duration.ofSeconds(5));
        try (BillingFixture f = new BillingFixture(dialect, Instant.parse("2027-01-05T00:00:00Z"),
                c -> c.withPublicUrl(PUBLIC_URL).withMail(relay))) {
            f.billing.plans().put(new PricedPlan("monthly", 1000, 0, 0, 0, 0, 0, null), null, 0);
            Tenant ann = new Tenant(f.account("ann", "monthly"), "ann");
            Tenant bob = new Tenant(f.account("bob", "monthly"), "bob");
            f.core.objects().createRepo(ann, "r");
            BlobName kept = put(f, ann, BlobKind.PACK, 1);

            f.clock.set(Instant.parse("2027-02-01T01:00:00Z"));
            f.billing.invoicing().issue(BillingMonth.parse("2027-01", ZoneOffset.UTC), "test");
            Invoice annInvoice = f.billing.invoices().list(ann.accountId()).getFirst();
            assertThat(annInvoice.totalMinor()).isEqualTo(871); // 10.00 EUR for 27 of 31 days: 870.97
            Instant due = Instant.ofEpochMilli(annInvoice.dueAt());
            assertThat(due).isEqualTo(Instant.parse("2027-02-15T01:00:00Z"));

            f.clock.set(due.plus(Duration.ofDays(1)));
            f.billing.collections().run();
            f.billing.dunning().run();
            assertThat(f.billing.accounts().get(ann.accountId()).state()).isEqualTo("reminded");
            assertThat(subjects()).anyMatch(s -> s.startsWith("Reminder: invoice " + annInvoice.number()));
            put(f, ann, BlobKind.PACK, 2); // still allowed

            f.clock.set(due.plus(Duration.ofDays(14)).plusSeconds(1));
            f.billing.dunning().run();
            assertThat(f.billing.accounts().get(ann.accountId()).state()).isEqualTo("restricted");
            assertThatThrownBy(() -> put(f, ann, BlobKind.PACK, 3)).isInstanceOfSatisfying(ServiceException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_REQUIRED);
                assertThat(e.getMessage()).contains(annInvoice.number()).contains("8.71 EUR")
                        .contains(PUBLIC_URL + "/web/billing").contains("restores");
            });
            put(f, ann, BlobKind.LOCK, 4); // a restore's lock file
            try (var in = f.core.objects().read(ann, "r", kept, 0, 1000)) {
                assertThat(in.content().readAllBytes()).hasSize(1000);
            }
            f.core.objects().delete(ann, "r", kept);

            f.billing.accounts().setPaymentMethod(ann.accountId(), "sandbox-decline-card");
            assertThat(f.billing.collections().run()).isZero();
            f.billing.accounts().setPaymentMethod(ann.accountId(), "sandbox-ok-card");
            assertThat(f.billing.collections().run()).isEqualTo(1); // ann; bob has no payment method
            f.billing.dunning().run();
            assertThat(f.billing.accounts().get(ann.accountId()).state()).isEqualTo("good");
            put(f, ann, BlobKind.PACK, 5);

            long bobStored = f.core.quota().usage(bob.accountId()).storedBytes();
            f.clock.set(due.plus(Duration.ofDays(14 + 60)).plusSeconds(1));
            f.billing.dunning().run();
            assertThat(f.billing.accounts().get(bob.accountId()).state()).isEqualTo("notice");
            assertThat(subjects()).anyMatch(s -> s.startsWith("Notice of deletion"));
            assertThat(f.billing.dunning().deletionDue()).isEmpty();
            f.clock.set(due.plus(Duration.ofDays(14 + 60 + 30)).plusSeconds(2));
            assertThat(f.billing.dunning().deletionDue()).extracting(a -> a.accountName()).containsExactly("bob");
            assertThat(f.core.accounts().require("bob").status().wireName()).isEqualTo("active");
            assertThat(f.core.quota().usage(bob.accountId()).storedBytes()).isEqualTo(bobStored);
        }
    }

    private static java.util.List<String> subjects() {
        return Arrays.stream(SMTP.getReceivedMessages()).map(DunningTest::subject).toList();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BlobName put(BillingFixture f, Tenant t, BlobKind kind, int seed) throws java.io.IOException {
        byte[] data = new byte[1000];
        new java.util.Random(seed).nextBytes(data);
        String id = kind == BlobKind.LOCK ? "%064x".formatted(seed) : "%064x".formatted(seed * 7919L);
        BlobName name = BlobName.of(kind, id);
        f.core.objects().put(t, "r", name, new ByteArrayInputStream(data), data.length, false);
        return name;
    }
}
