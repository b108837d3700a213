package com.motoo.gateway.ws;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A session on a real event loop (Netty's local transport), where a flush does not run the loop's
 * tasks as an EmbeddedChannel's does: the engine thread's answers may land while the loop is
 * writing, and the loop may have stopped when the engine's last answer comes.
 */
@Timeout(10)
class WebSocketSessionLoopTest {
    private final DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);
    /** What the session wrote: texts as their text, close frames as "close CODE". */
    private final List<String> written = new CopyOnWriteArrayList<>();
    /** Runs inside the channel's next flush (and is then cleared): stands in for the engine thread. */
    private volatile Runnable duringFlush;
    private Channel server;
    private Channel channel;

    @BeforeEach
    void connect() throws InterruptedException {
        final LocalAddress address = new LocalAddress("session-loop-test");
        server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
            .childHandler(new ChannelInboundHandlerAdapter()).bind(address).sync().channel();
        channel = new Bootstrap().group(group).channel(LocalChannel.class).handler(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof TextWebSocketFrame) {
                    written.add(((TextWebSocketFrame) msg).text());
                } else if (msg instanceof CloseWebSocketFrame) {
                    written.add("close " + ((CloseWebSocketFrame) msg).statusCode());
                }
                ReferenceCountUtil.release(msg);
                promise.trySuccess();
            }

            @Override
            public void flush(ChannelHandlerContext ctx) {
                final Runnable engine = duringFlush;
                duringFlush = null;
                if (engine != null) {
                    engine.run();
                }
                ctx.flush();
            }
        }).connect(address).sync().channel();
    }

    @AfterEach
    void stop() {
        if (!group.isShuttingDown()) { // a test may have stopped the loop itself, its channels with it
            channel.close().syncUninterruptibly();
            server.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private WebSocketSession session() {
        return new WebSocketSession(channel, 7, 1 << 20, 16, new OrderEventOutbox(channel.eventLoop()));
    }

    /** Runs on the loop and waits, and for the tasks it queued too. */
    private void onLoop(Runnable task) throws Exception {
        channel.eventLoop().submit(task).get(5, TimeUnit.SECONDS);
        channel.eventLoop().submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldWriteAnAnswerQueuedWhileTheLoopFlushesBeforeTheCloseItCompletes() throws Exception {
        final WebSocketSession session = session();
        session.answerPending();
        duringFlush = () -> { // the engine answers the last request while the loop is in the flush
            session.sendOrderEvent("{\"id\":1}");
            session.answerQueued();
        };
        onLoop(() -> session.closeWhenAnswered(CloseCodes.RATE_LIMITED, "rate limit exceeded repeatedly"));
        assertEquals(List.of("{\"id\":1}", "close " + CloseCodes.RATE_LIMITED), written,
            "the answer goes out before the close frame, not lost behind it");
    }

    @Test
    void shouldTakeTheLastAnswerQuietlyOnceTheLoopHasStopped() throws Exception {
        final WebSocketSession session = session();
        session.answerPending();
        onLoop(() -> session.closeWhenAnswered(CloseCodes.STOPPING, "the exchange is stopping; reconnect later"));
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        session.sendOrderEvent("{\"id\":2}");
        assertDoesNotThrow(session::answerQueued, "the engine thread must not fail: a stop's wait ended before it answered");
        assertDoesNotThrow(session::flushOrderEvents);
    }
}
