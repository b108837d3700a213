package com.motoo.gateway;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes an HTTP connection from which nothing has been read for the idle time (a keep-alive
 * connection left open, a request that never completes): such connections would otherwise hold a
 * file descriptor each for ever. A connection upgraded to WebSocket is passed the idle event
 * instead; its handler pings the client and closes it only if nothing comes back. Follows the
 * pipeline's {@link io.netty.handler.timeout.IdleStateHandler}. Stateless; one instance for all
 * connections.
 */
@ChannelHandler.Sharable
final class IdleConnections extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && ctx.pipeline().get(WebSocketFrameEncoder.class) == null) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }
}
