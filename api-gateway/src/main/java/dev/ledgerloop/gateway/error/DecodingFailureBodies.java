package dev.ledgerloop.gateway.error;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Reactor Netty answers a request it cannot decode (a request line over 4 KiB: 414, headers over 8 KiB: 431, a
 * malformed request: 400) itself, before any of the gateway's code runs, with an empty body and the connection closed.
 * This gives those answers the API's error body (docs/api.md §Errors), as every other refusal has: a handler right
 * behind the HTTP codec, which sees only the server's own answers of that kind (empty, no content type, closing).
 */
@Component
class DecodingFailureBodies implements NettyServerCustomizer {
    private static final String NAME = "ledgerloop.decodingFailureBodies";
    private static final Map<Integer, String> MESSAGES = Map.of(
            400, "The request could not be read as HTTP",
            414, "The request line (method, path and query) is too long",
            431, "The request headers are too large");

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null
                    && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, new ErrorBodies());
            }
        });
    }

    private static final class ErrorBodies extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            if (message instanceof FullHttpResponse response && isDecodingFailure(response)) {
                String text = MESSAGES.get(response.status().code());
                byte[] body = ("{\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"" + text + "\"}}")
                        .getBytes(StandardCharsets.UTF_8);
                FullHttpResponse answer = response.replace(Unpooled.wrappedBuffer(body));
                response.release();
                answer.headers()
                        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                context.write(answer, promise);
                return;
            }
            context.write(message, promise);
        }

        private static boolean isDecodingFailure(FullHttpResponse response) {
            return MESSAGES.containsKey(response.status().code())
                    && response.content().readableBytes() == 0
                    && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)
                    && response.headers().contains(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
        }
    }
}
