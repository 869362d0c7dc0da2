package dev.ledgerloop.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * HTTP/1.1 to the gateway exactly as a case says: the raw target, every header in order (repeats too), the body bytes.
 * A streaming answer ({@code text/event-stream}) is taken as its status and headers, then closed.
 */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 4 << 20;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    Http(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    /** What the gateway answered; {@code status} 0 when no answer came within {@code timeout}. */
    record Answer(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                return null;
            }
        }

        boolean timedOut() {
            return status == 0;
        }
    }

    /** Sends the case; throws IllegalArgumentException when the client cannot express it (not sent). */
    Answer send(FuzzCase request, Duration timeout) throws Exception {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + request.target())).timeout(timeout);
        for (Map.Entry<String, String> header : request.headers()) {
            builder.header(header.getKey(), header.getValue());
        }
        builder.method(
                request.method(),
                request.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        return exchange(builder.build());
    }

    /** A plain JSON call for the set-up. */
    Answer call(String method, String path, List<Map.Entry<String, String>> headers, String json) throws Exception {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(header -> builder.header(header.getKey(), header.getValue()));
        if (json == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return exchange(builder.build());
    }

    /** A multipart upload of one small file in the part {@code file}, for the set-up. */
    Answer upload(String path, List<Map.Entry<String, String>> headers) throws Exception {
        String boundary = "fuzz-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n";
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(header -> builder.header(header.getKey(), header.getValue()));
        return exchange(builder.build());
    }

    private Answer exchange(HttpRequest request) throws Exception {
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            return new Answer(0, "", new byte[0]);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        try (InputStream body = response.body()) {
            if (contentType.startsWith("text/event-stream")) {
                return new Answer(response.statusCode(), contentType, new byte[0]);
            }
            return new Answer(response.statusCode(), contentType, body.readNBytes(MAX_BODY));
        }
    }
}
