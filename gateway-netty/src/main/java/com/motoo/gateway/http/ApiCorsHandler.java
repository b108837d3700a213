package com.motoo.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.cors.CorsConfig;
import io.netty.handler.codec.http.cors.CorsHandler;

/**
 * Netty's {@link CorsHandler} for the REST API only. A request under {@code /api/v1/} (the API and
 * its copy of the OpenAPI document) gets CORS as the config says: a preflight is answered, an answer
 * is marked for a page of an allowed origin. Any other request ({@code /health}, {@code /metrics},
 * {@code /openapi.yaml}, {@code /ws}) and its answer pass untouched: no {@code Access-Control-*}
 * header, so a page of another origin cannot read the answer, and a preflight goes on to the REST
 * handler like any request and is not approved. "Under the API" is decided on the path as
 * {@link RestHandler} routes it ({@link RestHandler#isApiPath}); a path that does not decode is
 * judged as sent, so that the 400 refusing it is readable cross-origin as any API answer.
 *
 * <p>One per connection, on its event loop: like {@link CorsHandler}, it holds the request being
 * answered, so it serves one request at a time (HTTP/1.1 without pipelining, as browsers send).
 * Allocates a path decoder per request; nothing per WebSocket frame.
 */
public final class ApiCorsHandler extends CorsHandler {
    private boolean api;

    /** @param config the API's CORS settings ({@link RestHandler#cors}) */
    public ApiCorsHandler(CorsConfig config) {
        super(config);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            api = RestHandler.isApiPath(RequestTarget.pathOf(request.uri()));
        }
        if (api) {
            super.channelRead(ctx, msg);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (api) {
            super.write(ctx, msg, promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
