package dev.cairn.server.web;

import dev.cairn.server.TestServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript, for page tests over plain HTTP: a cookie jar, {@code Accept: text/html}, no redirect
 * following (tests assert the 303s), url-encoded form posts, and the CSRF token scraped from the last page.
 */
public final class WebClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final TestServer server;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private String lastPage = "";

    public WebClient(TestServer server) {
        this.server = server;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return remember(http.send(server.request(path).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    /** Posts the fields plus the CSRF token of the last page seen (unless a {@code _csrf} field is given). */
    public HttpResponse<String> post(String path, String... fieldsAndValues) throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            fields.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        fields.putIfAbsent("_csrf", csrf().orElse(""));
        return postRaw(path, fields, Map.of());
    }

    /** Posts exactly these fields (no CSRF token added), with extra headers. */
    public HttpResponse<String> postRaw(String path, Map<String, String> fields, Map<String, String> headers)
            throws IOException, InterruptedException {
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = server.request(path).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return remember(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Posts a multipart form: the fields, the CSRF token of the last page, and one file. */
    public HttpResponse<String> postFile(String path, String fileField, String fileName, byte[] content,
            String... fieldsAndValues) throws IOException, InterruptedException {
        String boundary = "cairn-test-boundary-7f3a";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", csrf().orElse(""));
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            fields.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        for (var e : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey()
                    + "\"\r\n\r\n" + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = server.request(path).header("Accept", "text/html")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return remember(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** Signs up through the form; returns the response to the POST (a 303 to the dashboard on success). */
    public HttpResponse<String> signUp(String name, String password) throws IOException, InterruptedException {
        get("/signup");
        return post("/signup", "name", name, "email", name + "@example.com", "password", password);
    }

    public HttpResponse<String> logIn(String name, String password) throws IOException, InterruptedException {
        get("/login");
        return post("/login", "name", name, "password", password);
    }

    public Optional<String> csrf() {
        Matcher m = CSRF.matcher(lastPage);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    public String lastPage() {
        return lastPage;
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        if (response.body() != null && !response.body().isEmpty()) {
            lastPage = response.body();
        }
        return response;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
