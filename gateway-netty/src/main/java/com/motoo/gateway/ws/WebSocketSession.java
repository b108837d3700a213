package com.motoo.gateway.ws;

import com.motoo.gateway.marketdata.MarketDataSubscriber;
import com.motoo.gateway.order.OrderEventSink;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import io.netty.util.concurrent.EventExecutor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The outbound side of one WebSocket connection. Order events are collected on the engine thread
 * during a ring batch and handed to the event loop in one task at its end; they are never dropped:
 * if the connection's unsent bytes pass the limit it is closed (1008) instead.
 * Book and ticker states are conflated: only the latest per channel waits, and it is written when
 * the socket can take it. Trades wait in a bounded queue; overflow is dropped, counted and
 * announced by a {@code lag} message. Market data arrives and is written on the connection's
 * event loop (its state is confined there); order events come from the engine thread.
 */
public final class WebSocketSession implements OrderEventSink, MarketDataSubscriber {
    private final Channel channel;
    private final long userId;
    private final long maxPendingBytes;
    private final int tradeQueueLimit;
    private final LinkedHashMap<String, String> latest = new LinkedHashMap<>();
    private final ArrayDeque<String> trades = new ArrayDeque<>();
    private final HashMap<String, long[]> dropped = new HashMap<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private ArrayList<String> batch = new ArrayList<>(4);

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
        if (!closing.get()) {
            batch.add(json);
        }
    }

    /** Hands the batch's order events to the event loop in one task (one wake-up per batch, not per event). */
    @Override
    public void flushOrderEvents() {
        if (batch.isEmpty()) {
            return;
        }
        final ArrayList<String> events = batch;
        batch = new ArrayList<>(4);
        channel.eventLoop().execute(() -> writeOrderEvents(events));
    }

    /** Writes order events and flushes, or closes the connection when it cannot take them. Event loop only. */
    void writeOrderEvents(List<String> events) {
        if (closing.get()) {
            return;
        }
        final ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        if (buffer != null && buffer.totalPendingWriteBytes() > maxPendingBytes) {
            close(CloseCodes.POLICY, "too slow to receive its own order events");
            return;
        }
        for (int i = 0; i < events.size(); i++) {
            channel.write(new TextWebSocketFrame(events.get(i)), channel.voidPromise());
        }
        channel.flush();
    }

    /** Writes a direct message (answers, errors) from the event loop and flushes it. */
    void send(String json) {
        if (!closing.get()) {
            channel.writeAndFlush(new TextWebSocketFrame(json), channel.voidPromise());
        }
    }

    @Override
    public EventExecutor executor() {
        return channel.eventLoop();
    }

    @Override
    public void deliverLatest(String channel, String json) {
        latest.put(channel, json);
        drain();
    }

    @Override
    public void deliverTrade(String channel, String json) {
        if (trades.size() >= tradeQueueLimit) {
            dropped.computeIfAbsent(channel, c -> new long[1])[0]++;
        } else {
            trades.add(json);
        }
        drain();
    }

    /**
     * Writes waiting market data while the socket is writable. Event loop only; called when data is
     * delivered and when the channel becomes writable again.
     */
    void drain() {
        if (closing.get() || !channel.isActive() || !channel.isWritable()) {
            return;
        }
        boolean wrote = false;
        if (!dropped.isEmpty()) {
            for (Map.Entry<String, long[]> lag : dropped.entrySet()) {
                channel.write(new TextWebSocketFrame("{\"type\":\"lag\",\"channel\":\"" + lag.getKey()
                    + "\",\"dropped\":" + lag.getValue()[0] + "}"), channel.voidPromise());
            }
            dropped.clear();
            wrote = true;
        }
        while (channel.isWritable() && !trades.isEmpty()) {
            channel.write(new TextWebSocketFrame(trades.poll()), channel.voidPromise());
            wrote = true;
        }
        final Iterator<String> it = latest.values().iterator();
        while (channel.isWritable() && it.hasNext()) {
            final String json = it.next();
            it.remove();
            channel.write(new TextWebSocketFrame(json), channel.voidPromise());
            wrote = true;
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
