package dev.ledgerloop.command.delivery.sending;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;

/** Keeps the first KiB of an answer's body for the delivery record and discards the rest as it arrives. */
final class ResponsePrefix implements HttpResponse.BodySubscriber<String> {
    static final int MAX_BYTES = 1024;

    private final ByteArrayOutputStream prefix = new ByteArrayOutputStream();
    private final java.util.concurrent.CompletableFuture<String> body = new java.util.concurrent.CompletableFuture<>();

    static HttpResponse.BodyHandler<String> handler() {
        return info -> new ResponsePrefix();
    }

    @Override
    public java.util.concurrent.CompletionStage<String> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int take = Math.min(buffer.remaining(), MAX_BYTES - prefix.size());
            if (take > 0) {
                byte[] bytes = new byte[take];
                buffer.get(bytes);
                prefix.write(bytes, 0, take);
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        body.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        // A multi-byte character cut at the limit decodes as a replacement character, which is fine for diagnosis.
        body.complete(prefix.toString(StandardCharsets.UTF_8));
    }
}
