package com.motoo.gateway.ws;

import com.motoo.gateway.marketdata.MarketDataSubscriber;
import com.motoo.gateway.order.OrderEventSink;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbound side of one WebSocket connection. Order events (engine thread) are written at once
 * and never dropped; if the connection's unsent bytes pass the limit it is closed (1008) instead.
 * Book and ticker states are conflated: only the latest per channel waits, and it is written when
 * the socket can take it. Trades wait in a bounded queue; overflow is dropped, counted and
 * announced by a {@code lag} message. Offers may come from any thread; writes of market data
 * happen on the connection's event loop.
 */
public final class WebSocketSession implements OrderEventSink, MarketDataSubscriber {
    private final Channel channel;
    private final long userId;
    private final long maxPendingBytes;
    private final int tradeQueueLimit;
    private final ConcurrentHashMap<String, String> latest = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> trades = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedTrades = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicLong> dropped = new ConcurrentHashMap<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Runnable drainTask = this::drain;

    /**
     * @param channel the connection
     * @param userId the authenticated user
     * @param maxPendingBytes unsent bytes above which an order event closes the connection
     * @param tradeQueueLimit trades that may wait before new ones are dropped
     */
    public WebSocketSession(Channel channel, long userId, long maxPendingBytes, int tradeQueueLimit) {
        this.channel = channel;
        this.userId = userId;
        this.maxPendingBytes = maxPendingBytes;
        this.tradeQueueLimit = tradeQueueLimit;
    }

    @Override
    public long userId() {
        return userId;
    }

    /** @return the connection */
    public Channel channel() {
        return channel;
    }

    @Override
    public void sendOrderEvent(String json) {
        if (closing.get()) {
            return;
        }
        final ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        if (buffer != null && buffer.totalPendingWriteBytes() > maxPendingBytes) {
            close(CloseCodes.POLICY, "too slow to receive its own order events");
            return;
        }
        channel.write(new TextWebSocketFrame(json), channel.voidPromise());
    }

    @Override
    public void flushOrderEvents() {
        channel.flush();
    }

    /** Writes a direct message (answers, errors) from the event loop and flushes it. */
    void send(String json) {
        if (!closing.get()) {
            channel.writeAndFlush(new TextWebSocketFrame(json), channel.voidPromise());
        }
    }

    @Override
    public void offerLatest(String channel, String json) {
        latest.put(channel, json);
        scheduleDrain();
    }

    @Override
    public void offerTrade(String channel, String json) {
        if (queuedTrades.incrementAndGet() > tradeQueueLimit) {
            queuedTrades.decrementAndGet();
            dropped.computeIfAbsent(channel, c -> new AtomicLong()).incrementAndGet();
        } else {
            trades.add(json);
        }
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(drainTask);
        }
    }

    /**
     * Writes waiting market data while the socket is writable. Event loop only; called when data is
     * offered and when the channel becomes writable again.
     */
    void drain() {
        drainScheduled.set(false);
        if (closing.get() || !channel.isActive()) {
            return;
        }
        boolean wrote = false;
        for (Map.Entry<String, AtomicLong> lag : dropped.entrySet()) {
            final long count = lag.getValue().getAndSet(0);
            if (count > 0) {
                channel.write(new TextWebSocketFrame("{\"type\":\"lag\",\"channel\":\"" + lag.getKey()
                    + "\",\"dropped\":" + count + "}"), channel.voidPromise());
                wrote = true;
            }
        }
        while (channel.isWritable()) {
            final String trade = trades.poll();
            if (trade == null) {
                break;
            }
            queuedTrades.decrementAndGet();
            channel.write(new TextWebSocketFrame(trade), channel.voidPromise());
            wrote = true;
        }
        final Iterator<Map.Entry<String, String>> it = latest.entrySet().iterator();
        while (channel.isWritable() && it.hasNext()) {
            final Map.Entry<String, String> entry = it.next();
            if (latest.remove(entry.getKey(), entry.getValue())) {
                channel.write(new TextWebSocketFrame(entry.getValue()), channel.voidPromise());
                wrote = true;
            }
        }
        if (wrote) {
            channel.flush();
        }
    }

    /** @return how many book/ticker states wait unsent (tests, metrics) */
    int pendingLatest() {
        return latest.size();
    }

    /**
     * Sends a close frame with a code and reason. The client's answering close frame, or the
     * protocol handler's force-close timeout, ends the connection. Any thread; once.
     */
    void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
        }
    }

    /** @return whether a close has started */
    boolean isClosing() {
        return closing.get();
    }
}
