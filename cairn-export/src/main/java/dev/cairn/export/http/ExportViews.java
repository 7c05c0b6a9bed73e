package dev.cairn.export.http;

import dev.cairn.export.bundle.SigningKey;
import dev.cairn.export.service.Export;
import dev.cairn.export.service.Recipient;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The JSON shapes of the export API (docs/spec/http-api.md §13), described by the schemas {@code ExportRecipient},
 * {@code Export} and {@code ExportSigningKey} of this module's {@code META-INF/cairn/openapi.json} (cairn-dist's
 * FullOpenApiTest checks live answers against them): a change here changes the spec and the schema with it.
 */
public final class ExportViews {
    private ExportViews() {
    }

    public record RecipientView(long id, String name, String recipient, String createdBy, Instant createdAt) {
        static RecipientView of(Recipient r) {
            return new RecipientView(r.id(), r.name(), r.recipient(), r.createdBy(), r.createdAt());
        }
    }

    /**
     * An export: {@code mode} is what was asked, {@code kind} what it is once done (null before), {@code previous}
     * the id of the export an incremental one chains to.
     */
    public record ExportView(long id, String status, List<String> formats, boolean history, String mode, String kind,
            Long previous, Long cut, String manifestSha256, String bundleSha256, Long bytes, String createdBy,
            Instant createdAt, Instant startedAt, Instant finishedAt, String error, boolean withSoftware,
            String href) {
        static ExportView of(Export e) {
            return new ExportView(e.id(), e.status().wireName(), e.formats(), e.history(), e.mode().wireName(),
                    e.kind() == null ? null : e.kind().wireName(), e.previousId(), e.cut(), e.manifestSha256(),
                    e.bundleSha256(), e.bytes(), e.createdBy(), e.createdAt(), e.startedAt(), e.finishedAt(),
                    e.error(), e.withSoftware(), ExportApi.EXPORTS + "/" + e.id());
        }
    }

    /** The signing key: the public key (base64 of its 32 bytes) and its fingerprint, to compare by eye. */
    public record KeyView(String algorithm, String publicKey, String fingerprint) {
        public static KeyView of(SigningKey key) {
            return new KeyView(SigningKey.ALGORITHM, key.publicKey(), ExportViews.fingerprint(key.publicKey()));
        }
    }

    /** {@code SHA256:} and the unpadded base64 of the SHA-256 of the key's 32 bytes (as OpenSSH shows keys). */
    public static String fingerprint(String publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(publicKey));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
