package com.motoo.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.motoo.gateway.json.Json;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request body limit on an EmbeddedChannel: the error body, and when the connection survives an oversized body. */
@Timeout(10)
class BodyAggregatorTest {
    private static final int LIMIT = 1024;

    private final EmbeddedChannel channel = new EmbeddedChannel(new BodyAggregator(LIMIT));

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    private static HttpRequest post() {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/v1/orders");
    }

    private static DefaultHttpContent bytes(int n) {
        return new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[n]));
    }

    /** @return the error body of the one answer written, which must be a 413 (buffers released) */
    private JsonNode tooLarge() {
        final FullHttpResponse response = channel.readOutbound();
        try {
            assertEquals(413, response.status().code());
            assertTrue(response.headers().get(HttpHeaderNames.CONTENT_TYPE).startsWith("application/json"));
            return Json.parse(response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
        }
    }

    private static void assertNamesTheLimit(JsonNode error) {
        assertEquals("INVALID_REQUEST", error.path("code").asText(), error.toString());
        assertEquals("the request body is larger than the limit of 1024 bytes", error.path("message").asText());
    }

    @Test
    void shouldAnswerAnAnnouncedBodyOverTheLimitWithTheErrorBodyAndReadTheNextRequest() {
        final HttpRequest big = post();
        HttpUtil.setContentLength(big, 4096);
        channel.writeInbound(big);
        assertNamesTheLimit(tooLarge());
        channel.writeInbound(bytes(2048), new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[2048])));
        assertNull(channel.readInbound(), "the body is dropped");
        assertTrue(channel.isOpen(), "a keep-alive connection survives a body it can drain");
        assertReadsASmallRequest();
    }

    private void assertReadsASmallRequest() {
        final HttpRequest small = post();
        HttpUtil.setContentLength(small, 10);
        channel.writeInbound(small, new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[10])));
        final FullHttpRequest next = channel.readInbound();
        try {
            assertEquals(10, next.content().readableBytes());
        } finally {
            next.release();
        }
    }

    @Test
    void shouldCloseTheConnectionWhenAChunkedBodyGrowsOverTheLimit() {
        final HttpRequest chunked = post();
        HttpUtil.setTransferEncodingChunked(chunked, true);
        channel.writeInbound(chunked, bytes(800), bytes(800));
        assertNamesTheLimit(tooLarge());
        channel.runPendingTasks();
        assertFalse(channel.isOpen(), "the rest of the body cannot be told from the next request");
    }

    @Test
    void shouldAnswerAnExpectContinueForTooLargeABodyWithTheErrorBody() {
        final HttpRequest expecting = post();
        HttpUtil.setContentLength(expecting, 4096);
        expecting.headers().set(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE);
        channel.writeInbound(expecting);
        assertNamesTheLimit(tooLarge());
        assertTrue(channel.isOpen());
        assertReadsASmallRequest();
    }
}
