package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.storage.Tenant;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attacks on tenant isolation: mallory holds valid credentials of her own and tries to read, list, overwrite or delete
 * bob's objects by naming bob in the URL, smuggling path segments ({@code ..}, encoded slashes and dots), using bob's
 * token under her name, and sending invalid ids. Every attempt is refused and bob's data is unchanged.
 */
class TenantIsolationTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static String malloryToken;
    static String bobToken;
    static final byte[] SECRET = "bob's secret pack".getBytes(StandardCharsets.UTF_8);
    static String secretId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir);
        var bob = server.account("bob");
        server.account("mallory");
        malloryToken = server.token("mallory", TokenScope.FULL);
        bobToken = server.token("bob", TokenScope.FULL);
        secretId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(SECRET));
        Tenant tenant = new Tenant(bob.id(), "bob");
        var objects = server.core().objects();
        objects.put(tenant, "secret", BlobName.CONFIG, new ByteArrayInputStream(SECRET), SECRET.length, false);
        objects.put(tenant, "secret", BlobName.of(BlobKind.PACK, secretId), new ByteArrayInputStream(SECRET),
                SECRET.length, true);
        server.core().objects().createRepo(new Tenant(server.core().accounts().require("mallory").id(), "mine"), "mine");
    }

    @AfterAll
    static void stop() throws Exception {
        bobsDataIsUnchanged();
        server.close();
    }

    private static void bobsDataIsUnchanged() throws Exception {
        Tenant bob = new Tenant(server.core().accounts().require("bob").id(), "bob");
        assertThat(server.core().objects().list(bob, "secret", BlobKind.PACK)).hasSize(1);
        try (var d = server.core().objects().read(bob, "secret", BlobName.of(BlobKind.PACK, secretId), 0, -1)) {
            assertThat(d.content().readAllBytes()).isEqualTo(SECRET);
        }
    }

    private static String mallory() {
        return TestServer.basic("mallory", malloryToken);
    }

    private static int raw(String method, String path, String auth) throws Exception {
        return RawHttp.status(server.app().port(), method, path, auth, new byte[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bob/secret/config", "/bob/secret/data/", "/bob/secret/keys/"})
    void anotherTenantsNameInTheUrlIsForbidden(String path) throws Exception {
        assertThat(raw("GET", path, mallory())).isEqualTo(403);
    }

    @Test
    void anotherTenantsObjectCannotBeReadOverwrittenOrDeleted() throws Exception {
        String object = "/bob/secret/data/" + secretId;
        assertThat(raw("GET", object, mallory())).isEqualTo(403);
        assertThat(raw("HEAD", object, mallory())).isEqualTo(403);
        assertThat(RawHttp.status(server.app().port(), "POST", object, mallory(), SECRET)).isEqualTo(403);
        assertThat(raw("DELETE", object, mallory())).isEqualTo(403);
        assertThat(raw("DELETE", "/bob/secret/config", mallory())).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/mallory/../bob/secret/config",
        "/mallory/mine/../../bob/secret/config",
        "/mallory/%2e%2e/bob/secret/config",
        "/mallory/mine/%2e%2e/%2e%2e/bob/secret/config",
        "/mallory/mine%2F..%2F..%2Fbob%2Fsecret/config",
        "/mallory/..%2Fbob%2Fsecret/config",
        "/mallory/mine/data/..%2F..%2F..%2Fbob%2Fsecret%2Fconfig",
        "/mallory/mine/%2E%2E%2F%2E%2E%2Fbob/config",
        "/mallory/mine/data/%2e%2e%2f%2e%2e%2f%2e%2e%2fbob%2fsecret%2fdata%2f",
        "/mallory//bob/secret/config",
        "/mallory/mine/data/.." })
    void smuggledPathSegmentsNeverReachAnotherTenant(String path) throws Exception {
        int status = raw("GET", path, mallory());
        assertThat(status).as(path).isIn(400, 403, 404);
    }

    @Test
    void anotherTenantsTokenUnderYourNameIsRejected() throws Exception {
        assertThat(raw("GET", "/mallory/mine/keys/", TestServer.basic("mallory", bobToken))).isEqualTo(401);
        assertThat(raw("GET", "/bob/secret/keys/", TestServer.basic("mallory", bobToken))).isEqualTo(401);
    }

    @Test
    void nativeApiOnlySeesYourOwnRepositories() throws Exception {
        var list = server.send(server.request("/api/v1/repos").header("Authorization", "Bearer " + malloryToken).build());
        assertThat(list.body()).contains("mine").doesNotContain("secret");
        var read = server.send(server.request("/api/v1/repos/secret/objects/data/" + secretId)
                .header("Authorization", "Bearer " + malloryToken).build());
        assertThat(read.statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mallory/mine/data/ABCDEF0123456789", "/mallory/mine/data/xyz", "/mallory/mine/data/12",
        "/mallory/mine/config/config", "/mallory/mine/nope/0123456789abcdef", "/mallory/Mine/config",
        "/mallory/.hidden/config", "/mallory/mine/data/0123456789abcdef%00"})
    void invalidNamesAreRefused(String path) throws Exception {
        int status = raw("GET", path, mallory());
        assertThat(status).as(path).isIn(400, 404);
    }

    @Test
    void noCredentialsOrWrongPasswordAreUnauthenticated() throws Exception {
        assertThat(raw("GET", "/bob/secret/config", null)).isEqualTo(401);
        assertThat(raw("GET", "/bob/secret/config", TestServer.basic("bob", "wrong-password"))).isEqualTo(401);
        var ok = server.send(HttpRequest.newBuilder(server.uri("/bob/secret/config"))
                .header("Authorization", TestServer.basic("bob", bobToken)).build());
        assertThat(ok.statusCode()).isEqualTo(200);
    }
}
