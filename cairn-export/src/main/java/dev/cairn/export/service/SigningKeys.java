package dev.cairn.export.service;

import dev.cairn.export.bundle.SigningKey;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import org.jdbi.v3.core.Jdbi;

/**
 * The server's one export signing key ({@code export_keys}, row 1): made on the first start with {@code random}, then
 * read. Several processes starting at once agree on the first one stored. The private key is never logged.
 */
public final class SigningKeys {
    private SigningKeys() {
    }

    /** The stored key, made and stored first if there is none. */
    public static SigningKey load(Jdbi jdbi, SecureRandom random, InstantSource clock) {
        SigningKey fresh = SigningKey.generate(random);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO export_keys (id, algorithm, public_key, private_key, created_at) "
                + "VALUES (1, :alg, :pub, :priv, :now) ON CONFLICT (id) DO NOTHING")
                .bind("alg", SigningKey.ALGORITHM).bind("pub", fresh.publicKey())
                .bind("priv", Base64.getEncoder().encodeToString(fresh.privateBytes()))
                .bind("now", clock.millis()).execute());
        return jdbi.withHandle(h -> h.createQuery("SELECT public_key, private_key FROM export_keys WHERE id = 1")
                .map((rs, ctx) -> SigningKey.of(Base64.getDecoder().decode(rs.getString(2)), rs.getString(1)))
                .one());
    }
}
