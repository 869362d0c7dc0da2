package dev.ledgerloop.command.delivery.sending;

import dev.ledgerloop.command.webhook.TargetUrlPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The webhook sender's HTTP client. Two guarantees the JDK's client cannot give:
 *
 * <ul>
 *   <li>It connects only to addresses {@link TargetUrlPolicy} checked in the same look-up (its resolver is the
 *       check), so a host cannot pass the check with a public address and then connect to an internal one.
 *   <li>One deadline bounds the whole attempt, the answer's body included: a receiver that trickles its body is cut
 *       off when the deadline passes, where a read timeout alone would wait as long as bytes keep coming.
 * </ul>
 *
 * <p>Blocking: each call holds its caller's thread for at most the deadline, so callers run it on a pool sized to the
 * attempts allowed in flight.
 */
final class WebhookHttp implements AutoCloseable {
    static final int MAX_BODY_PREFIX = 1024;

    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;
    private final Duration deadline;

    WebhookHttp(TargetUrlPolicy targets, Duration deadline, int maxConnections) {
        this.deadline = deadline;
        Timeout timeout = Timeout.of(deadline);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedResolver(targets))
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-deadline");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** What the receiver answered: its status and the first KiB of its body. */
    record Answer(int status, String bodyPrefix) {}

    /** An attempt that got no answer, classified for the delivery record. */
    static final class NoAnswer extends Exception {
        private final String errorClass;

        NoAnswer(String errorClass, Throwable cause) {
            super(errorClass, cause);
            this.errorClass = errorClass;
        }

        String errorClass() {
            return errorClass;
        }
    }

    Answer post(URI target, Map<String, String> headers, String body) throws NoAnswer {
        HttpPost post = new HttpPost(target);
        headers.forEach(post::setHeader);
        post.setEntity(
                new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.create("application/json")));
        AtomicBoolean cutOff = new AtomicBoolean();
        ScheduledFuture<?> cutter = deadlines.schedule(
                () -> {
                    cutOff.set(true);
                    post.cancel();
                },
                deadline.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return client.execute(
                    post,
                    response -> new Answer(
                            response.getCode(),
                            prefixOf(
                                    response.getEntity() == null
                                            ? null
                                            : response.getEntity().getContent())));
        } catch (IOException | RuntimeException e) {
            throw new NoAnswer(cutOff.get() ? "timeout" : errorClass(e), e);
        } finally {
            cutter.cancel(false);
        }
    }

    /** Keeps the first KiB and reads the rest to its end, so that the connection can serve the next attempt. */
    private static String prefixOf(InputStream content) throws IOException {
        if (content == null) {
            return "";
        }
        try (content) {
            byte[] prefix = content.readNBytes(MAX_BODY_PREFIX);
            content.transferTo(OutputStream.nullOutputStream());
            // A multi-byte character cut at the limit decodes as a replacement character, fine for diagnosis.
            return new String(prefix, StandardCharsets.UTF_8);
        }
    }

    static String errorClass(Throwable failure) {
        if (failure instanceof TargetUrlPolicy.BlockedAddressException) {
            return "blocked_address";
        }
        if (failure instanceof UnknownHostException) {
            return "dns";
        }
        if (failure instanceof ConnectTimeoutException) {
            return "connect_timeout";
        }
        if (failure instanceof SocketTimeoutException || failure instanceof InterruptedIOException) {
            return "timeout";
        }
        if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
            return "connect";
        }
        if (failure instanceof IOException) {
            return "io";
        }
        return "error";
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }

    /** Resolves through the policy: the addresses returned are the ones checked, and the only ones connected to. */
    private record CheckedResolver(TargetUrlPolicy targets) implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return targets.permittedAddresses(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return host;
        }
    }
}
