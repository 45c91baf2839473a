package org.barometer.app.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal browser-like HTTP client for tests: keeps cookies, does not follow redirects (so tests see
 * them), asks for English pages unless told otherwise, and can fill in the CSRF token of the last page it
 * fetched.
 */
public final class WebClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String lastCsrf;
    private String language = "en";
    private String forwardedFor;

    /** A new client of the server at {@code baseUrl} (a new visitor, with its own cookies). */
    public WebClient(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A response: status, body and headers. */
    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The redirect target, if any. */
        public String location() {
            return header("Location").orElse(null);
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** The language this client asks for (English unless set). */
    public WebClient language(String lang) {
        this.language = lang;
        return this;
    }

    /**
     * Sends {@code X-Forwarded-For: address} with every request: a visitor at that address behind a proxy (which
     * the server believes only when the proxy is trusted, {@code BAROMETER_TRUSTED_PROXIES}).
     */
    public WebClient forwardedFor(String address) {
        this.forwardedFor = address;
        return this;
    }

    /** The CSRF token of the last page fetched that had a form. */
    public String csrf() {
        if (lastCsrf == null) {
            throw new IllegalStateException("no page with a CSRF token fetched yet");
        }
        return lastCsrf;
    }

    /** Posts a form as is (no token added): for testing refusals. */
    public Response postRaw(String path, Map<String, String> fields) {
        String body = encode(fields);
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .expectContinue(body.length() > 512 * 1024)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a form with the CSRF token of the last fetched page added. */
    public Response post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf());
        return postRaw(path, all);
    }

    /** Fetches {@code formPage} (for its CSRF token), then posts the form to {@code action}. */
    public Response submit(String formPage, String action, Map<String, String> fields) {
        Response page = get(formPage);
        if (page.status() != 200) {
            throw new IllegalStateException("GET " + formPage + " answered " + page.status());
        }
        return post(action, fields);
    }

    /** Posts a multipart form with one file and the CSRF token of the last fetched page. */
    public Response postMultipart(String path, Map<String, String> fields, String fileField, String fileName,
                                  byte[] content) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (lastCsrf != null && !all.containsKey("_csrf")) {
            all.put("_csrf", lastCsrf);
        }
        String boundary = "----barometer" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> e : all.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey()
                        + "\"\r\n\r\n" + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                    + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                // Large bodies wait for the server's go-ahead, so a refusal arrives as a response, not a reset.
                .expectContinue(body.size() > 1024 * 1024)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Signs in through the sign-in form; fails the test unless it redirects onwards. */
    public Response login(String username, String password) {
        Response r = submit("/login", "/login", Map.of("username", username, "password", password));
        if (r.status() != 303) {
            throw new AssertionError("sign-in as " + username + " failed with " + r.status());
        }
        return r;
    }

    /** Sends any request (for headers or methods the helpers do not cover). */
    public Response send(HttpRequest.Builder request) {
        HttpResponse<String> r = exchange(request, HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            lastCsrf = m.group(1);
        }
        return new Response(r.statusCode(), r.body(), r.headers());
    }

    /** A response whose body is kept as bytes: a binary download such as an image. */
    public record Download(int status, byte[] body, java.net.http.HttpHeaders headers) {
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    /** Gets a binary download. */
    public Download download(String path) {
        HttpResponse<byte[]> r = exchange(HttpRequest.newBuilder(uri(path)).GET(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(r.statusCode(), r.body(), r.headers());
    }

    private <B> HttpResponse<B> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<B> body) {
        try {
            request.setHeader("Accept-Language", language);
            if (forwardedFor != null) {
                request.setHeader("X-Forwarded-For", forwardedFor);
            }
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of a cookie this client holds, or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    public URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String encode(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
