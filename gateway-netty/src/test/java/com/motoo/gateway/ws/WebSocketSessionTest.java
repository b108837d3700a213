package com.motoo.gateway.ws;

import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbound side of a connection on an EmbeddedChannel: conflation, trade drops, slow consumers. */
@Timeout(10)
class WebSocketSessionTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final OrderEventOutbox outbox = new OrderEventOutbox(channel.eventLoop());

    private WebSocketSession session(long maxPendingBytes, int tradeQueue) {
        return new WebSocketSession(channel, 7, maxPendingBytes, tradeQueue, outbox);
    }

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    /** @return every text written so far, without the close frames (buffers released) */
    private List<String> written() {
        return frames().stream().filter(frame -> !frame.startsWith("close ")).toList();
    }

    @Test
    void shouldSendOnlyTheLatestBookToASlowReader() {
        final WebSocketSession session = session(1 << 20, 16);
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
        channel.write(new TextWebSocketFrame("x".repeat(64)));
        assertFalse(channel.isWritable(), "unflushed bytes above the high water mark");

        for (int i = 0; i < 1000; i++) {
            session.deliverLatest("book.005930", "{\"v\":" + i + "}");
            session.deliverLatest("ticker.005930", "{\"t\":" + i + "}");
        }
        assertEquals(2, session.pendingLatest(), "one waiting state per channel, however many updates");

        channel.config().setWriteBufferWaterMark(WriteBufferWaterMark.DEFAULT);
        channel.flush();
        assertTrue(channel.isWritable());
        written();
        session.drain();
        final List<String> sent = written();
        assertEquals(2, sent.size(), sent.toString());
        assertTrue(sent.contains("{\"v\":999}"));
        assertTrue(sent.contains("{\"t\":999}"));
    }

    @Test
    void shouldDropTradesBeyondTheQueueAndAnnounceTheLag() {
        final WebSocketSession session = session(1 << 20, 3);
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
        channel.write(new TextWebSocketFrame("x".repeat(64)));
        for (int i = 0; i < 10; i++) {
            session.deliverTrade("trades.005930", "{\"trade\":" + i + "}");
        }
        channel.config().setWriteBufferWaterMark(WriteBufferWaterMark.DEFAULT);
        channel.flush();
        written();
        session.drain();
        final List<String> sent = written();
        assertEquals("{\"type\":\"lag\",\"channel\":\"trades.005930\",\"dropped\":7}", sent.get(0));
        assertEquals(List.of("{\"trade\":0}", "{\"trade\":1}", "{\"trade\":2}"), sent.subList(1, sent.size()));
    }

    @Test
    void shouldWriteABatchOfOrderEventsInOneTask() {
        final WebSocketSession session = session(1000, 3);
        session.sendOrderEvent("{\"n\":1}");
        session.sendOrderEvent("{\"n\":2}");
        assertEquals(List.of(), written(), "nothing before the end of the batch");
        session.flushOrderEvents();
        channel.runPendingTasks();
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), written());
    }

    @Test
    void shouldWriteTheEventsOfSeveralBatchesInOrderAndTakeNewOnesAfterwards() {
        final WebSocketSession first = session(1000, 3);
        final WebSocketSession second = session(1000, 3);
        first.sendOrderEvent("{\"n\":1}");
        first.flushOrderEvents();
        second.sendOrderEvent("{\"m\":1}");
        second.flushOrderEvents();
        first.sendOrderEvent("{\"n\":2}");
        first.flushOrderEvents();
        channel.runPendingTasks();
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}", "{\"m\":1}"), written(),
            "a connection waits in the outbox once; its second batch goes with the first");
        first.sendOrderEvent("{\"n\":3}");
        first.flushOrderEvents();
        channel.runPendingTasks();
        assertEquals(List.of("{\"n\":3}"), written(), "written, the connection is offered again");
    }

    @Test
    void shouldCloseAConnectionThatCannotTakeItsOwnOrderEvents() {
        final WebSocketSession session = session(1000, 3);
        channel.write(new TextWebSocketFrame("x".repeat(2000)));
        session.sendOrderEvent("{\"type\":\"order\"}");
        session.flushOrderEvents();
        channel.runPendingTasks();
        assertTrue(session.isClosing());
        channel.flush();
        final List<Object> frames = new ArrayList<>();
        Object frame;
        while ((frame = channel.readOutbound()) != null) {
            frames.add(frame);
        }
        try {
            assertEquals(2, frames.size(), "the unsent backlog, then the close; the order event is not queued behind it");
            assertInstanceOf(CloseWebSocketFrame.class, frames.get(1));
            assertEquals(CloseCodes.POLICY, ((CloseWebSocketFrame) frames.get(1)).statusCode());
        } finally {
            frames.forEach(io.netty.util.ReferenceCountUtil::release);
        }
        session.sendOrderEvent("{\"type\":\"order\"}");
        session.flushOrderEvents();
        channel.runPendingTasks();
        assertEquals(List.of(), written(), "a closing connection takes nothing more");
    }

    /** @return every frame written so far, texts as their text and close frames as "close CODE" (buffers released) */
    private List<String> frames() {
        final List<String> frames = new ArrayList<>();
        Object frame;
        while ((frame = channel.readOutbound()) != null) {
            if (frame instanceof TextWebSocketFrame) {
                frames.add(((TextWebSocketFrame) frame).text());
            } else if (frame instanceof CloseWebSocketFrame) {
                frames.add("close " + ((CloseWebSocketFrame) frame).statusCode());
            }
            io.netty.util.ReferenceCountUtil.release(frame);
        }
        return frames;
    }

    @Test
    void shouldCloseForAFloodOnlyAfterTheRequestsInTheEngineAreAnswered() {
        final WebSocketSession session = session(1 << 20, 16);
        session.answerPending();
        session.answerPending();
        session.closeWhenAnswered(CloseCodes.RATE_LIMITED, "rate limit exceeded repeatedly");
        assertTrue(session.isClosing(), "the connection's new requests are no longer read");
        assertEquals(List.of(), frames(), "two answers are missing");

        session.sendOrderEvent("{\"id\":1}");
        session.answerQueued();
        session.flushOrderEvents();
        channel.runPendingTasks();
        assertEquals(List.of("{\"id\":1}"), frames(), "one answer is missing");

        session.sendOrderEvent("{\"id\":2}");
        session.answerQueued(); // before the batch's flush: the last answer itself has the loop write and close
        channel.runPendingTasks();
        assertEquals(List.of("{\"id\":2}", "close " + CloseCodes.RATE_LIMITED), frames());
    }

    @Test
    void shouldCloseForAFloodAfterTheGraceWhenAnAnswerNeverComes() {
        final WebSocketSession session = session(1 << 20, 16);
        session.answerPending();
        session.closeWhenAnswered(CloseCodes.RATE_LIMITED, "rate limit exceeded repeatedly");
        channel.runPendingTasks();
        assertEquals(List.of(), frames());
        channel.advanceTimeBy(WebSocketSession.CLOSE_GRACE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertEquals(List.of("close " + CloseCodes.RATE_LIMITED), frames());
    }

    @Test
    void shouldCloseForAFloodAtOnceWithNothingInTheEngine() {
        final WebSocketSession session = session(1 << 20, 16);
        session.closeWhenAnswered(CloseCodes.RATE_LIMITED, "rate limit exceeded repeatedly");
        assertEquals(List.of("close " + CloseCodes.RATE_LIMITED), frames());
    }

    @Test
    void shouldWriteTheFarewellAfterTheAnswersJustBeforeTheCloseFrame() {
        final WebSocketSession session = session(1 << 20, 16);
        session.answerPending();
        session.closeWhenAnswered(CloseCodes.BAD_TOKEN, "token expired; reconnect with a fresh token", "{\"type\":\"error\"}");
        session.sendOrderEvent("{\"id\":1}");
        session.answerQueued();
        channel.runPendingTasks();
        assertEquals(List.of("{\"id\":1}", "{\"type\":\"error\"}", "close " + CloseCodes.BAD_TOKEN), frames());
    }

    @Test
    void shouldWriteTheAnswersThatCameAndTheFarewellWhenTheGraceEndsTheWait() {
        final WebSocketSession session = session(1 << 20, 16);
        session.answerPending();
        session.answerPending();
        session.closeWhenAnswered(CloseCodes.BAD_TOKEN, "token expired; reconnect with a fresh token", "{\"type\":\"error\"}");
        session.sendOrderEvent("{\"id\":1}"); // queued, its batch not flushed yet; the second answer never comes
        session.answerQueued();
        channel.advanceTimeBy(WebSocketSession.CLOSE_GRACE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertEquals(List.of("{\"id\":1}", "{\"type\":\"error\"}", "close " + CloseCodes.BAD_TOKEN), frames());
    }
}
