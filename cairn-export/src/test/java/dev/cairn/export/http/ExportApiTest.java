package dev.cairn.export.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.export.bundle.BundleCheck;
import dev.cairn.export.bundle.BundleUnpacker;
import dev.cairn.export.crypt.Age;
import dev.cairn.protocol.TokenScope;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export API against a real server (SQLite, local store): recipients, an export, its download and its refusals. */
class ExportApiTest {
    @TempDir
    Path dir;
    ExportServer s;

    @BeforeEach
    void start() throws Exception {
        s = new ExportServer(dir.resolve("server"));
    }

    @AfterEach
    void stop() throws Exception {
        s.close();
    }

    @Test
    void anOwnerAddsAKeyExportsAndDownloadsABundleThatDecryptsAndVerifies() throws Exception {
        var key = s.json(s.send("GET", ExportApi.SIGNING_KEY, null, null));
        assertThat(key.get("fingerprint").asText()).startsWith("SHA256:");
        var none = s.send("POST", ExportApi.EXPORTS, "{\"formats\":[\"csv\"]}", s.token);
        assertThat(none.statusCode()).as(none.body()).isEqualTo(409);
        assertThat(none.body()).contains("no-recipient", "add a recipient first");
        var bad = s.send("POST", ExportApi.RECIPIENTS, "{\"name\":\"nas\",\"recipient\":\"age1nope\"}", s.token);
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(422);

        String[] identity = Age.newIdentity();
        var added = s.send("POST", ExportApi.RECIPIENTS, "{\"name\":\"office NAS\",\"recipient\":\"" + identity[1]
                + "\"}", s.token);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        var started = s.send("POST", ExportApi.EXPORTS, "{\"formats\":[\"jsonl\",\"csv\"]}", s.token);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode done = s.awaitEnd(s.json(started).get("id").asLong());
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.get("formats").toString()).isEqualTo("[\"csv\",\"jsonl\"]");

        var whole = s.download(done.get("href").asText(), s.token, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat((long) whole.body().length).isEqualTo(done.get("bytes").asLong());
        Path unpacked = dir.resolve("copy");
        BundleUnpacker.unpack(Age.decrypt(new ByteArrayInputStream(whole.body()), identity[0]), unpacked);
        assertThat(BundleCheck.problems(unpacked, key.get("publicKey").asText())).isEmpty();
        assertThat(Files.readString(unpacked.resolve("csv/customers.csv"))).contains("\"Zoë \"\"Ltd\"\"\"", "12.30");

        var part = s.download(done.get("href").asText(), s.token, "bytes=10-19");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 10, 20));
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 10-19/" + whole.body().length);
        var past = s.download(done.get("href").asText(), s.token, "bytes=" + whole.body().length + "-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).contains("bytes */" + whole.body().length);

        long ann = s.server.core().accounts().require("ann").id();
        assertThat(s.server.core().quota().usage(ann).storedBytes()).isEqualTo(done.get("bytes").asLong());
        var deleted = s.send("DELETE", done.get("href").asText(), null, s.token);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(s.server.core().quota().usage(ann).storedBytes()).isZero();
        assertThat(s.download(done.get("href").asText(), s.token, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aReadTokenListsAndDownloadsButChangesNothingAndOthersSeeNothing() throws Exception {
        String read = s.server.token("ann", TokenScope.READ);
        s.send("POST", ExportApi.RECIPIENTS, "{\"name\":\"nas\",\"recipient\":\"" + Age.newIdentity()[1] + "\"}",
                s.token);
        var started = s.json(s.send("POST", ExportApi.EXPORTS, null, s.token));
        assertThat(started.get("formats")).hasSize(6);
        JsonNode done = s.awaitEnd(started.get("id").asLong());
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");

        assertThat(s.send("GET", ExportApi.EXPORTS, null, read).statusCode()).isEqualTo(200);
        assertThat(s.download(done.get("href").asText(), read, null).statusCode()).isEqualTo(200);
        var refused = s.send("POST", ExportApi.EXPORTS, "{}", read);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("only lists and downloads");
        assertThat(s.send("DELETE", ExportApi.RECIPIENTS + "/1", null, read).statusCode()).isEqualTo(403);

        s.server.account("bob");
        String bob = s.server.token("bob", TokenScope.FULL);
        assertThat(s.download(done.get("href").asText(), bob, null).statusCode()).isEqualTo(404);
        assertThat(s.json(s.send("GET", ExportApi.EXPORTS, null, bob)).get("exports")).isEmpty();
        assertThat(s.send("GET", ExportApi.EXPORTS, null, null).statusCode()).isEqualTo(401);
        var unknown = s.send("POST", ExportApi.EXPORTS, "{\"formats\":[\"pdf\"]}", s.token);
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("unknown format pdf");
    }

    @Test
    void historyIsOptionalAndAnIncrementalChainsToThePreviousExport() throws Exception {
        String[] identity = Age.newIdentity();
        s.send("POST", ExportApi.RECIPIENTS, "{\"name\":\"nas\",\"recipient\":\"" + identity[1] + "\"}", s.token);
        String key = s.json(s.send("GET", ExportApi.SIGNING_KEY, null, null)).get("publicKey").asText();
        var noSoftware = s.send("POST", ExportApi.EXPORTS, "{\"withSoftware\":true}", s.token);
        assertThat(noSoftware.statusCode()).as("a server run from classes has no distribution to escrow")
                .isEqualTo(409);
        assertThat(noSoftware.body()).contains("no-software", "export without the software");
        var badMode = s.send("POST", ExportApi.EXPORTS, "{\"mode\":\"delta\"}", s.token);
        assertThat(badMode.statusCode()).isEqualTo(422);
        assertThat(badMode.body()).contains("full or incremental");

        JsonNode full = s.awaitEnd(s.json(s.send("POST", ExportApi.EXPORTS, "{\"formats\":[\"csv\"],"
                + "\"history\":false}", s.token)).get("id").asLong());
        assertThat(full.get("history").asBoolean()).isFalse();
        assertThat(full.get("withSoftware").asBoolean()).isFalse();
        assertThat(full.get("kind").asText()).isEqualTo("full");
        Path fullCopy = unpack(full, identity[0], "full");
        assertThat(BundleCheck.problems(fullCopy, key)).isEmpty();
        assertThat(fullCopy.resolve("workspace/history.jsonl")).doesNotExist();
        var fullManifest = dev.cairn.export.bundle.Manifest.parse(Files.readAllBytes(fullCopy.resolve("manifest.json")));
        assertThat(fullManifest.history()).isFalse();
        assertThat(fullManifest.kind()).isEqualTo("full");

        var asked = s.json(s.send("POST", ExportApi.EXPORTS, "{\"formats\":[\"csv\"],\"mode\":\"incremental\"}",
                s.token));
        assertThat(asked.get("formats").toString()).isEqualTo("[\"csv\",\"jsonl\"]");
        JsonNode built = s.awaitEnd(asked.get("id").asLong());
        assertThat(built.get("mode").asText()).isEqualTo("incremental");
        assertThat(built.get("kind").asText()).as("the previous export has no jsonl: built full").isEqualTo("full");
        JsonNode increment = s.awaitEnd(s.json(s.send("POST", ExportApi.EXPORTS, "{\"mode\":\"incremental\"}",
                s.token)).get("id").asLong());
        assertThat(increment.get("kind").asText()).isEqualTo("incremental");
        assertThat(increment.get("previous").asLong()).isEqualTo(built.get("id").asLong());
        Path copy = unpack(increment, identity[0], "increment");
        assertThat(BundleCheck.problems(copy, key)).isEmpty();
        var m = dev.cairn.export.bundle.Manifest.parse(Files.readAllBytes(copy.resolve("manifest.json")));
        assertThat(m.kind()).isEqualTo("incremental");
        assertThat(m.history()).isTrue();
        assertThat(m.previous().manifestSha256()).isEqualTo(built.get("manifestSha256").asText());
        assertThat(m.previous().cut()).isEqualTo(built.get("cut").asLong());

        var inUse = s.send("DELETE", built.get("href").asText(), null, s.token);
        assertThat(inUse.statusCode()).isEqualTo(409);
        assertThat(inUse.body()).contains("in-use", "the base of incremental export " + increment.get("id"));
        assertThat(s.send("DELETE", increment.get("href").asText(), null, s.token).statusCode()).isEqualTo(204);
        assertThat(s.send("DELETE", built.get("href").asText(), null, s.token).statusCode()).isEqualTo(204);
    }

    private Path unpack(JsonNode export, String identity, String name) throws Exception {
        var bytes = s.download(export.get("href").asText(), s.token, null).body();
        Path target = dir.resolve(name);
        BundleUnpacker.unpack(Age.decrypt(new ByteArrayInputStream(bytes), identity), target);
        return target;
    }
}
