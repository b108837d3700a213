package com.motoo.gateway.http;

import com.motoo.gateway.order.RequestException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;

/**
 * Netty's {@link HttpObjectAggregator} with the REST error body for a request body over the limit:
 * 413 {@code {"code":"INVALID_REQUEST","message":...}} naming the limit, where Netty answers an
 * empty 413. As Netty does, it keeps the connection when the rest of the body can be read and
 * dropped (a keep-alive request that announced its length, or one waiting for 100-continue) and
 * closes it otherwise (a chunked body found too large halfway). One per connection, on its event
 * loop; allocates the answer.
 */
public final class BodyAggregator extends HttpObjectAggregator {
    /** @param maxBodyBytes the largest request body taken */
    public BodyAggregator(int maxBodyBytes) {
        super(maxBodyBytes);
    }

    /** Answers an {@code Expect: 100-continue} for too large a body with the error body instead of Netty's empty 413. */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        final Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        if (answer instanceof FullHttpResponse
            && ((FullHttpResponse) answer).status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()) {
            ReferenceCountUtil.release(answer);
            return HttpAnswers.errorResponse(tooLarge());
        }
        return answer;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        final boolean drained = !(oversized instanceof FullHttpMessage) && ctx.channel().config().isAutoRead()
            && (HttpUtil.is100ContinueExpected(oversized) || HttpUtil.isKeepAlive(oversized));
        HttpAnswers.error(ctx, drained, tooLarge());
    }

    private RequestException tooLarge() {
        return new RequestException("INVALID_REQUEST", HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code(),
            "the request body is larger than the limit of " + maxContentLength() + " bytes");
    }
}
