package com.motoo.gateway;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Back-pressure for every connection: while a connection's outbound buffer is over its high water
 * mark (the client does not read what it is sent), the gateway stops reading from it, and reads
 * again once the buffer is under the low mark. A client that sends without reading (pipelined
 * requests, pings, anything the gateway answers) then fills its own TCP window instead of the
 * gateway's memory. Order events and market data pushed to such a connection have their own
 * bounds ({@code motoo.gateway.ws.maxPendingBytes}, conflation). Stateless; one instance for all
 * connections; first in each pipeline (after TLS).
 */
@ChannelHandler.Sharable
final class ReadWhileWritable extends ChannelInboundHandlerAdapter {
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }
}
