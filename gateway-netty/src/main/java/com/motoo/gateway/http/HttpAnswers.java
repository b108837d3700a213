package com.motoo.gateway.http;

import com.motoo.gateway.order.RequestException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/**
 * Writes HTTP responses: JSON bodies, the error body {@code {"code","message"}} (plus the
 * {@code orderId} a refused request collides with, if any), plain text. Any thread (Netty hands
 * the write to the channel's event loop). Allocates the response.
 */
public final class HttpAnswers {
    private HttpAnswers() {
    }

    /** Writes a JSON body with a status. */
    public static void json(ChannelHandlerContext ctx, boolean keepAlive, int status, String json) {
        write(ctx, keepAlive, status, "application/json; charset=utf-8", json);
    }

    /** Writes the error body with a machine code and a message. */
    public static void error(ChannelHandlerContext ctx, boolean keepAlive, int status, String code, String message) {
        error(ctx, keepAlive, new RequestException(code, status, message));
    }

    /** Writes a refused request's error body ({@link RequestException#appendFields}) with its status. */
    public static void error(ChannelHandlerContext ctx, boolean keepAlive, RequestException e) {
        json(ctx, keepAlive, e.httpStatus(), e.appendFields(new StringBuilder(96).append('{')).append('}').toString());
    }

    /** Writes a body of any type. */
    public static void write(ChannelHandlerContext ctx, boolean keepAlive, int status, String contentType, String text) {
        final ByteBuf content = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(status), content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpUtil.setContentLength(response, content.readableBytes());
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        final ChannelFuture done = ctx.writeAndFlush(response);
        if (!keepAlive) {
            done.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Writes an empty 204. */
    public static void noContent(ChannelHandlerContext ctx, boolean keepAlive) {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        HttpUtil.setContentLength(response, 0);
        final ChannelFuture done = ctx.writeAndFlush(response);
        if (!keepAlive) {
            done.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
