package dev.ledgerloop.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.stream.Stream;

/** The API over java.net.http: credentials on every request, JSON in and out, error answers as exceptions. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String baseUrl;
    private final String apiKey;
    private final String agentName;
    private final Duration requestTimeout;

    Http(String baseUrl, String apiKey, String agentName, Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.agentName = agentName;
        this.requestTimeout = requestTimeout;
    }

    JsonNode get(String path) {
        return send("GET", path, null, requestTimeout);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body, requestTimeout);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body, requestTimeout);
    }

    JsonNode patch(String path, Object body) {
        return send("PATCH", path, body, requestTimeout);
    }

    void delete(String path) {
        send("DELETE", path, null, requestTimeout);
    }

    /** Any method; answers the JSON body, or null for an answer without one (204). */
    JsonNode send(String method, String path, Object body, Duration timeout) {
        HttpRequest.Builder request = request(path, timeout);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json(body)));
        }
        HttpResponse<byte[]> response = exchange(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return jsonOf(response);
    }

    /** A multipart upload of one file in the part {@code file}. */
    JsonNode upload(String path, String filename, String contentType, byte[] bytes) {
        String boundary = "ledgerloop-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename.replace("\"", "%22").replace("\r", "").replace("\n", "") + "\"\r\nContent-Type: "
                + contentType + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = request(path, requestTimeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return jsonOf(exchange(request, HttpResponse.BodyHandlers.ofByteArray()));
    }

    /** A GET answering raw bytes. */
    byte[] bytes(String path) {
        HttpResponse<byte[]> response =
                exchange(request(path, requestTimeout).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        failUnlessSuccessful(response.statusCode(), response.body());
        return response.body();
    }

    /** A GET whose body is read line by line as it arrives (server-sent events), with extra headers. */
    HttpResponse<Stream<String>> lines(String path, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).header("X-API-Key", apiKey);
        if (agentName != null) {
            request.header("X-Hiloop", agentName);
        }
        request.header("Accept", "text/event-stream");
        headers.forEach(request::header);
        HttpResponse<Stream<String>> response = exchange(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() >= 300) {
            String body = String.join("\n", response.body().toList());
            failUnlessSuccessful(response.statusCode(), body.getBytes(StandardCharsets.UTF_8));
        }
        return response;
    }

    /** A path with query parameters; null values are left out. */
    static String query(String path, Map<String, ?> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        new LinkedHashMap<>(parameters).forEach((name, value) -> {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
            }
        });
        return path + query;
    }

    /** A path segment from a caller's value (ids, user ids), percent-encoded. */
    static String segment(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("An id is required");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("X-API-Key", apiKey)
                .header("Accept", "application/json");
        if (agentName != null) {
            request.header("X-Hiloop", agentName);
        }
        return request;
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw new LedgerloopException(
                    0,
                    LedgerloopException.UNREACHABLE,
                    "No answer in time from " + request.uri().getPath(),
                    e);
        } catch (IOException e) {
            throw new LedgerloopException(
                    0,
                    LedgerloopException.UNREACHABLE,
                    "Cannot reach " + baseUrl + ": " + e.getClass().getSimpleName(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerloopException(0, LedgerloopException.UNREACHABLE, "Interrupted", e);
        }
    }

    private static JsonNode jsonOf(HttpResponse<byte[]> response) {
        failUnlessSuccessful(response.statusCode(), response.body());
        if (response.body().length == 0) {
            return null;
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new LedgerloopException(
                    response.statusCode(), LedgerloopException.UNEXPECTED_ANSWER, "The answer is not JSON", e);
        }
    }

    private static void failUnlessSuccessful(int status, byte[] body) {
        if (status >= 200 && status < 300) {
            return;
        }
        String code = "HTTP_" + status;
        String message = "HTTP " + status;
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.hasNonNull("code")) {
                code = error.get("code").asText();
            }
            if (error.hasNonNull("message")) {
                message = error.get("message").asText();
            }
        } catch (IOException | RuntimeException e) {
            // not the API's error body (a proxy's page): the status says it all
        }
        throw new LedgerloopException(status, code, message);
    }

    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
