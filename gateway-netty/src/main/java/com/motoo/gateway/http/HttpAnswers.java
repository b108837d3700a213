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
    private static final String JSON = "application/json; charset=utf-8";

    private HttpAnswers() {
    }

    /** Writes a JSON body with a status. */
    public static void json(ChannelHandlerContext ctx, boolean keepAlive, int status, String json) {
        write(ctx, keepAlive, status, JSON, json);
    }

    /** Writes the error body with a machine code and a message. */
    public static void error(ChannelHandlerContext ctx, boolean keepAlive, int status, String code, String message) {
        error(ctx, keepAlive, new RequestException(code, status, message));
    }

    /** Writes a refused request's error body ({@link RequestException#appendFields}) with its status. */
    public static void error(ChannelHandlerContext ctx, boolean keepAlive, RequestException e) {
        send(ctx, keepAlive, errorResponse(e));
    }

    /** Writes a refused request's error body with its status and one more header (Allow, Retry-After). */
    public static void error(ChannelHandlerContext ctx, boolean keepAlive, RequestException e, CharSequence header,
                             Object value) {
        final FullHttpResponse response = errorResponse(e);
        response.headers().set(header, value);
        send(ctx, keepAlive, response);
    }

    /** @return the response to a refused request: its status and error body ({@link RequestException#appendFields}) */
    static FullHttpResponse errorResponse(RequestException e) {
        return response(e.httpStatus(), JSON, e.appendFields(new StringBuilder(96).append('{')).append('}').toString());
    }

    /** Writes a body of any type. */
    public static void write(ChannelHandlerContext ctx, boolean keepAlive, int status, String contentType, String text) {
        send(ctx, keepAlive, response(status, contentType, text));
    }

    /** Writes an empty 204. */
    public static void noContent(ChannelHandlerContext ctx, boolean keepAlive) {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        HttpUtil.setContentLength(response, 0);
        send(ctx, keepAlive, response);
    }

    private static FullHttpResponse response(int status, String contentType, String text) {
        final ByteBuf content = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(status), content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpUtil.setContentLength(response, content.readableBytes());
        return response;
    }

    /** Writes and flushes a response; without keep-alive it says so and closes the connection once written. */
    private static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        response.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        final ChannelFuture done = ctx.writeAndFlush(response);
        done.addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
    }
}
