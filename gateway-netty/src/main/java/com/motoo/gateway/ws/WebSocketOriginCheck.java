package com.motoo.gateway.ws;

import com.motoo.gateway.http.HttpAnswers;
import com.motoo.gateway.metrics.GatewayMetrics;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;

import java.util.List;

/**
 * Refuses the WebSocket handshake of a browser page whose origin may not use the API: browsers do
 * not apply CORS to WebSockets, so the server checks their {@code Origin} against the same list as
 * the REST API's CORS ({@code motoo.gateway.http.corsOrigins}). With the default, {@code *}, every
 * origin may connect; a handshake without {@code Origin} (bots, tools, anything not a browser)
 * always passes, as the token is what admits a connection. A refused handshake gets 403
 * {@code FORBIDDEN} and the connection closes. Stateless; shared by every connection.
 */
@ChannelHandler.Sharable
public final class WebSocketOriginCheck extends ChannelInboundHandlerAdapter {
    private final List<String> origins;
    private final GatewayMetrics metrics;

    /** @param origins the origins whose pages may connect, or just {@code *} for any */
    public WebSocketOriginCheck(List<String> origins, GatewayMetrics metrics) {
        this.origins = List.copyOf(origins);
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && isWebSocketPath(request.uri())
            && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            final String origin = request.headers().get(HttpHeaderNames.ORIGIN);
            if (origin != null && !origins.contains("*") && !origins.contains(origin)) {
                ReferenceCountUtil.release(msg);
                metrics.requestInvalid();
                HttpAnswers.error(ctx, false, 403, "FORBIDDEN", "pages of " + origin + " may not open a WebSocket here");
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean isWebSocketPath(String uri) {
        return uri.equals("/ws") || uri.startsWith("/ws?") || uri.startsWith("/ws/");
    }
}
