package dev.cairn.agent.mount;

import static dev.cairn.agent.mount.DavClient.hrefs;
import static dev.cairn.agent.mount.DavClient.responses;
import static dev.cairn.agent.mount.DavClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

@DisplayName("cairn mount --webdav answers WebDAV as RFC 4918 says (JDK HTTP client)")
class WebDavProtocolTest {
    @TempDir
    static java.nio.file.Path tmp;
    static MountFixture fx;
    static DavClient dav;
    static String src;

    @BeforeAll
    static void serve() throws Exception {
        fx = MountFixture.create(tmp, 6 << 20).serve();
        dav = new DavClient(fx.url());
        src = fx.firstSourcePath();
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Nested
    @DisplayName("the namespace")
    class Names {
        @Test
        void rootListsSnapshotsLatestHosts() throws Exception {
            HttpResponse<byte[]> r = dav.propfind("/", "1");
            assertThat(r.statusCode()).isEqualTo(207);
            assertThat(hrefs(r)).containsExactly("/", "/snapshots/", "/latest/", "/hosts/");
        }

        @Test
        @DisplayName("snapshots are named by their time in UTC; ids resolve but are not listed twice")
        void snapshotsByTime() throws Exception {
            assertThat(hrefs(dav.propfind("/snapshots/", "1"))).containsExactly("/snapshots/",
                    "/snapshots/2026-12-06T15:04:05Z/", "/snapshots/2026-12-06T16:04:05Z/");
            String shortId = fx.snapshots.get(0).shortId();
            assertThat(body(dav.send("GET", "/snapshots/" + shortId + fx.source + "/notes.txt", null))).isEqualTo("first version\n");
            String fullId = fx.snapshots.get(0).id();
            assertThat(dav.propfind("/snapshots/" + fullId + "/", "0").statusCode()).isEqualTo(207);
            assertThat(dav.propfind("/snapshots/deadbeef/", "0").statusCode()).isEqualTo(404);
        }

        @Test
        void latestAndHosts() throws Exception {
            assertThat(body(dav.send("GET", "/latest" + fx.source + "/notes.txt", null))).isEqualTo("second version\n");
            assertThat(hrefs(dav.propfind("/hosts/", "1"))).containsExactly("/hosts/", "/hosts/desktop/", "/hosts/laptop/");
            assertThat(hrefs(dav.propfind("/hosts/laptop/", "1"))).containsExactly("/hosts/laptop/",
                    "/hosts/laptop/2026-12-06T15:04:05Z/", "/hosts/laptop/latest/");
            assertThat(body(dav.send("GET", "/hosts/laptop/latest" + fx.source + "/notes.txt", null))).isEqualTo("first version\n");
            assertThat(dav.propfind("/hosts/nobody/", "0").statusCode()).isEqualTo(404);
        }

        @Test
        @DisplayName("a directory lists files and directories, not symlinks; odd names are escaped both ways")
        void listingAndOddNames() throws Exception {
            List<String> names = hrefs(dav.propfind(src + "/", "1"));
            assertThat(names).contains(src + "/notes.txt", src + "/docs/", src + "/empty.bin", src + "/big.bin")
                    .noneMatch(h -> h.endsWith("/link"));
            HttpResponse<byte[]> deep = dav.propfind(src + "/docs/deep/", "1");
            Element odd = responses(deep).get(1);
            assertThat(text(odd, "displayname")).isEqualTo(MountFixture.ODD_NAME);
            String href = text(odd, "href");
            assertThat(href).isEqualTo(src + "/docs/deep/a%20b&c%3C%C3%BC%3E%25.txt");
            assertThat(body(dav.send("GET", href, null))).isEqualTo("odd");
        }
    }

    @Nested
    @DisplayName("PROPFIND")
    class Properties {
        @Test
        @DisplayName("a file: size, mtime, content type, ETag as GET gives them")
        void fileProperties() throws Exception {
            Element e = responses(dav.propfind(src + "/docs/report.html", "0")).get(0);
            assertThat(text(e, "getcontentlength")).isEqualTo("19");
            assertThat(text(e, "getlastmodified")).isEqualTo("Mon, 30 Nov 2026 08:00:00 GMT");
            assertThat(text(e, "getcontenttype")).isEqualTo("text/html");
            assertThat(e.getElementsByTagNameNS("DAV:", "collection").getLength()).isZero();
            HttpResponse<byte[]> get = dav.send("GET", src + "/docs/report.html", null);
            assertThat(get.headers().firstValue("ETag")).contains(text(e, "getetag"));
            assertThat(get.headers().firstValue("Last-Modified")).contains("Mon, 30 Nov 2026 08:00:00 GMT");
            assertThat(get.headers().firstValue("Content-Type")).contains("text/html");
            Element big = responses(dav.propfind(src + "/big.bin", "0")).get(0);
            assertThat(text(big, "getcontentlength")).isEqualTo(Long.toString(Files.size(fx.big)));
            assertThat(text(big, "getcontenttype")).isEqualTo("application/octet-stream");
        }

        @Test
        void directoryIsACollectionWithTheSnapshotTime() throws Exception {
            Element e = responses(dav.propfind("/snapshots/2026-12-06T16:04:05Z/", "0")).get(0);
            assertThat(e.getElementsByTagNameNS("DAV:", "collection").getLength()).isEqualTo(1);
            assertThat(text(e, "getlastmodified")).isEqualTo("Sun, 06 Dec 2026 16:04:05 GMT");
            assertThat(text(e, "getcontentlength")).isNull();
        }

        @Test
        @DisplayName("Depth infinity (also an absent Depth) is refused with 403 propfind-finite-depth; a bad Depth is 400")
        void depthInfinity() throws Exception {
            HttpResponse<byte[]> inf = dav.propfind("/", "infinity");
            assertThat(fx.problems).isEmpty();
            assertThat(inf.statusCode()).isEqualTo(403);
            assertThat(body(inf)).contains("propfind-finite-depth");
            assertThat(dav.send("PROPFIND", "/", null).statusCode()).isEqualTo(403);
            assertThat(dav.propfind("/", "2").statusCode()).isEqualTo(400);
        }

        @Test
        @DisplayName("prop asks for named properties: unknown ones come back under 404")
        void namedProperties() throws Exception {
            String body = "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\" xmlns:Z=\"urn:x\"><D:prop><D:getcontentlength/>"
                    + "<Z:color/></D:prop></D:propfind>";
            HttpResponse<byte[]> r = dav.send("PROPFIND", src + "/notes.txt", body, "Depth", "0");
            String xml = body(r);
            assertThat(r.statusCode()).isEqualTo(207);
            assertThat(xml).contains("<D:getcontentlength>14</D:getcontentlength>").contains("HTTP/1.1 404 Not Found")
                    .contains("color").doesNotContain("getlastmodified");
            String names = body(dav.send("PROPFIND", src + "/notes.txt",
                    "<propfind xmlns=\"DAV:\"><propname/></propfind>", "Depth", "0"));
            assertThat(names).contains("<D:getetag/>").doesNotContain("GMT");
        }

        @Test
        @DisplayName("malformed XML and a DOCTYPE (external entities) are refused with 400, nothing is read")
        void malformedXml() throws Exception {
            assertThat(dav.send("PROPFIND", "/", "<D:propfind xmlns:D=\"DAV:\"><D:prop>", "Depth", "0").statusCode()).isEqualTo(400);
            assertThat(dav.send("PROPFIND", "/", "<x/>", "Depth", "0").statusCode()).isEqualTo(400);
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                    + "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:e>&e;</D:e></D:prop></D:propfind>";
            HttpResponse<byte[]> r = dav.send("PROPFIND", "/", xxe, "Depth", "0");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(body(r)).doesNotContain("root:");
            assertThat(dav.send("PROPFIND", "/", "<a>" + "x".repeat(DavHandler.MAX_BODY) + "</a>", "Depth", "0").statusCode())
                    .isEqualTo(400);
        }
    }

    @Nested
    @DisplayName("GET and HEAD")
    class Reads {
        @Test
        void wholeFilesByteExact() throws Exception {
            HttpResponse<byte[]> r = dav.send("GET", src + "/big.bin", null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Accept-Ranges")).contains("bytes");
            assertThat(Arrays.equals(r.body(), Files.readAllBytes(fx.big))).isTrue();
            HttpResponse<byte[]> empty = dav.send("GET", src + "/empty.bin", null);
            assertThat(empty.statusCode()).isEqualTo(200);
            assertThat(empty.body()).isEmpty();
        }

        @Test
        void headHasTheLengthAndNoBody() throws Exception {
            HttpResponse<byte[]> r = dav.send("HEAD", src + "/big.bin", null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValueAsLong("Content-Length").orElseThrow()).isEqualTo(Files.size(fx.big));
            assertThat(r.body()).isEmpty();
        }

        @Test
        @DisplayName("Range: one range across a blob boundary, an open end, a suffix; 416 outside; If-Range with another tag gives 200")
        void ranges() throws Exception {
            byte[] all = Files.readAllBytes(fx.big);
            long size = all.length;
            HttpResponse<byte[]> mid = dav.send("GET", src + "/big.bin", null, "Range", "bytes=1000000-3999999");
            assertThat(mid.statusCode()).isEqualTo(206);
            assertThat(mid.headers().firstValue("Content-Range")).contains("bytes 1000000-3999999/" + size);
            assertThat(mid.body()).isEqualTo(Arrays.copyOfRange(all, 1_000_000, 4_000_000));
            HttpResponse<byte[]> open = dav.send("GET", src + "/big.bin", null, "Range", "bytes=" + (size - 10) + "-");
            assertThat(open.body()).isEqualTo(Arrays.copyOfRange(all, all.length - 10, all.length));
            HttpResponse<byte[]> suffix = dav.send("GET", src + "/big.bin", null, "Range", "bytes=-5");
            assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(all, all.length - 5, all.length));
            HttpResponse<byte[]> outside = dav.send("GET", src + "/big.bin", null, "Range", "bytes=" + size + "-");
            assertThat(outside.statusCode()).isEqualTo(416);
            assertThat(outside.headers().firstValue("Content-Range")).contains("bytes */" + size);
            HttpResponse<byte[]> stale = dav.send("GET", src + "/notes.txt", null, "Range", "bytes=0-1", "If-Range", "\"old\"");
            assertThat(stale.statusCode()).isEqualTo(200);
            assertThat(body(stale)).isEqualTo("first version\n");
        }

        @Test
        @DisplayName("a range read goes straight to the blob holding it: the blobs before are not read")
        void rangeSeeksWithoutReadingEarlierBlobs() throws Exception {
            long size = Files.size(fx.big);
            try (DavServer fresh = fx.start(MountFixture.loopback())) { // an empty blob cache
                DavClient client = new DavClient("http://127.0.0.1:" + fresh.address().getPort());
                client.send("GET", src + "/notes.txt", null); // the trees on the way are cached now
                Thread.sleep(100);
                fx.store.packReads.clear();
                HttpResponse<byte[]> tail = client.send("GET", src + "/big.bin", null, "Range", "bytes=" + (size - 100) + "-");
                assertThat(tail.statusCode()).isEqualTo(206);
                assertThat(tail.body()).hasSize(100);
                assertThat(fx.store.packReads).hasSize(1); // the last blob, nothing before it
                assertThat(fx.store.packReads.get(0).length()).isLessThan(size / 2);
            }
        }

        @Test
        void ifNoneMatchGives304() throws Exception {
            String etag = dav.send("HEAD", src + "/notes.txt", null).headers().firstValue("ETag").orElseThrow();
            assertThat(dav.send("GET", src + "/notes.txt", null, "If-None-Match", etag).statusCode()).isEqualTo(304);
            assertThat(dav.send("GET", src + "/notes.txt", null, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
        }

        @Test
        void directoryGetIsAnHtmlIndex() throws Exception {
            HttpResponse<byte[]> r = dav.send("GET", src + "/docs/", null);
            assertThat(r.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(body(r)).contains("href=\"" + src + "/docs/report.html\"");
        }
    }

    @Nested
    @DisplayName("read-only and bad requests")
    class Refusals {
        @Test
        void optionsAdvertisesClass1() throws Exception {
            HttpResponse<byte[]> r = dav.send("OPTIONS", "/", null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("DAV")).contains("1");
            assertThat(r.headers().firstValue("Allow")).contains("OPTIONS, GET, HEAD, PROPFIND");
        }

        @Test
        @DisplayName("every write method is 405 with Allow; an unknown method is 501")
        void writesAre405() throws Exception {
            for (String m : List.of("PUT", "DELETE", "MKCOL", "COPY", "MOVE", "PROPPATCH", "LOCK", "UNLOCK", "POST")) {
                HttpResponse<byte[]> r = dav.send(m, src + "/notes.txt", "x", "Destination", fx.url() + "/x");
                assertThat(r.statusCode()).as(m).isEqualTo(405);
                assertThat(r.headers().firstValue("Allow")).as(m).contains(DavHandler.ALLOW);
            }
            assertThat(dav.send("FROB", "/", null).statusCode()).isEqualTo(501);
            assertThat(body(dav.send("GET", src + "/notes.txt", null))).isEqualTo("first version\n");
        }

        @Test
        @DisplayName("path traversal: .., encoded .. and encoded / are 400, whatever the spelling")
        void traversal() throws Exception {
            assertThat(dav.raw("GET /snapshots/../../../../etc/passwd HTTP/1.1\nHost: 127.0.0.1\nConnection: close"))
                    .startsWith("HTTP/1.1 400").doesNotContain("root:");
            assertThat(dav.send("GET", "/latest/%2e%2e/%2e%2e/etc/passwd", null).statusCode()).isEqualTo(400);
            assertThat(dav.send("GET", "/latest/a%2Fb", null).statusCode()).isEqualTo(400);
            assertThat(dav.raw("GET /latest/%zz HTTP/1.1\nHost: 127.0.0.1\nConnection: close")).startsWith("HTTP/1.1 400");
            assertThat(dav.send("GET", "/latest/%C3", null).statusCode()).isEqualTo(400);
            assertThat(dav.send("GET", "/etc/passwd", null).statusCode()).isEqualTo(404);
        }

        @Test
        @DisplayName("on loopback, a Host that is not this machine is refused (DNS rebinding)")
        void foreignHost() throws Exception {
            assertThat(dav.raw("GET /latest/ HTTP/1.1\nHost: evil.example:4918\nConnection: close")).startsWith("HTTP/1.1 403");
            assertThat(dav.raw("OPTIONS / HTTP/1.1\nHost: localhost:4918\nConnection: close")).startsWith("HTTP/1.1 200");
            assertThat(dav.raw("OPTIONS / HTTP/1.1\nHost: [::1]:4918\nConnection: close")).startsWith("HTTP/1.1 200");
        }
    }

    static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
