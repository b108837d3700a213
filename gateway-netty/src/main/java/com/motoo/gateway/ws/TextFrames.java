package com.motoo.gateway.ws;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * WebSocket text frames whose UTF-8 bytes are encoded straight into a buffer of the connection's
 * (pooled) allocator, released once written. {@code new TextWebSocketFrame(String)} encodes into a
 * fresh heap buffer instead: three bytes of garbage per character of every message sent.
 */
final class TextFrames {
    private TextFrames() {
    }

    /** @return a frame of {@code json}, its buffer taken from {@code alloc}; the write releases it */
    static TextWebSocketFrame of(ByteBufAllocator alloc, String json) {
        return new TextWebSocketFrame(ByteBufUtil.writeUtf8(alloc, json));
    }
}
