package com.motoo.gateway.ws;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

@Timeout(10)
class TextFramesTest {
    @Test
    void shouldCarryTheMessageAsUtf8InABufferOfTheGivenAllocator() {
        final PooledByteBufAllocator alloc = new PooledByteBufAllocator(false);
        final String json = "{\"type\":\"ticker\",\"symbol\":\"005930\",\"name\":\"삼성전자\",\"note\":\"€ 😀 \\\" \\u0001\"}";
        final TextWebSocketFrame frame = TextFrames.of(alloc, json);
        try {
            assertSame(alloc, frame.content().alloc());
            final byte[] bytes = new byte[frame.content().readableBytes()];
            frame.content().getBytes(frame.content().readerIndex(), bytes);
            assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), bytes);
            assertEquals(json, frame.text());
        } finally {
            frame.release();
        }
    }
}
