package com.motoo.gateway.ws;

import com.motoo.gateway.marketdata.MarketDataSubscriber;
import com.motoo.gateway.order.OrderEventSink;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

import io.netty.util.concurrent.EventExecutor;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outbound side of one WebSocket connection. Order events are queued on the engine thread
 * during a ring batch and handed to the event loop's {@link OrderEventOutbox} at its end (one task
 * per loop and batch, whatever the number of connections); they are never dropped:
 * if the connection's unsent bytes pass the limit it is closed (1008) instead.
 * Book and ticker states are conflated: only the latest per channel waits, and it is written when
 * the socket can take it. Trades wait in a bounded queue; overflow is dropped, counted and
 * announced by a {@code lag} message. Market data arrives and is written on the connection's
 * event loop (its state is confined there); order events come from the engine thread.
 * A close for a flood, a token's expiry or the exchange's stop ({@link #closeWhenAnswered}) waits
 * until the requests the connection already has in the engine are answered, so that the client
 * still hears which of its orders were taken.
 */
public final class WebSocketSession implements OrderEventSink, MarketDataSubscriber {
    /** How long a closing connection has to answer the close frame before the gateway drops it. */
    static final long CLOSE_GRACE_MILLIS = 2_000;
    /** What a connection hears before it is closed because its user was signed out everywhere. */
    static final String SIGNED_OUT = "{\"type\":\"error\",\"code\":\"NOT_AUTHENTICATED\",\"message\":\"every session of"
        + " this user was signed out (a logout everywhere, or a refresh token used twice); log in again\"}";

    private final Channel channel;
    private final long userId;
    private final long maxPendingBytes;
    private final int tradeQueueLimit;
    private final LinkedHashMap<String, String> latest = new LinkedHashMap<>();
    private final ArrayDeque<String> trades = new ArrayDeque<>();
    private final HashMap<String, long[]> dropped = new HashMap<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final ConcurrentLinkedQueue<String> orderEvents = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean offered = new AtomicBoolean();
    private final OrderEventOutbox outbox;
    /** Requests of this connection submitted to the engine whose direct answers are not queued yet. */
    private final AtomicInteger unanswered = new AtomicInteger();
    /** The close waiting for {@link #unanswered} to reach 0, or null; set once, on the event loop. */
    private volatile PendingClose closeWhenAnswered;

    /** A close frame's code and reason, and the message to write just before it (null: none). */
    private record PendingClose(int code, String reason, String farewell) {
    }

    /**
     * @param channel the connection
     * @param userId the authenticated user
     * @param maxPendingBytes unsent bytes above which an order event closes the connection
     * @param tradeQueueLimit trades that may wait before new ones are dropped
     * @param outbox the outbox of the connection's event loop, where order events wait to be written
     */
    WebSocketSession(Channel channel, long userId, long maxPendingBytes, int tradeQueueLimit, OrderEventOutbox outbox) {
        this.channel = channel;
        this.outbox = outbox;
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
            orderEvents.offer(json);
        }
    }

    /**
     * Hands the connection to its event loop's outbox, unless it already waits there: the loop is
     * woken at most once per batch for all of its connections, not once per connection.
     */
    @Override
    public void flushOrderEvents() {
        if (!orderEvents.isEmpty() && offered.compareAndSet(false, true)) {
            outbox.offer(this);
        }
    }

    @Override
    public void answerPending() {
        unanswered.incrementAndGet();
    }

    /**
     * Counts an answer queued; the last one a waiting close needs has the loop write the answers, then
     * close (unless the close has happened already, or the loop has stopped: then nothing is left to write).
     */
    @Override
    public void answerQueued() {
        if (unanswered.decrementAndGet() == 0 && closeWhenAnswered != null && !closing.get()) {
            try {
                channel.eventLoop().execute(this::writeOrderEvents);
            } catch (RejectedExecutionException loopStopped) {
                // the event loops stopped at the end of a stop's wait: the connection is closed
            }
        }
    }

    /**
     * Writes the waiting order events and flushes, or closes the connection when it cannot take them;
     * then, if a close waits for answers and none was missing before the writing began (the count is
     * read first), writes the close's farewell and closes. Event loop only.
     */
    void writeOrderEvents() {
        offered.set(false);
        if (closing.get()) {
            orderEvents.clear();
            return;
        }
        final ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        if (buffer != null && buffer.totalPendingWriteBytes() > maxPendingBytes) {
            orderEvents.clear();
            close(CloseCodes.POLICY, "too slow to receive its own order events");
            return;
        }
        // read before the queue is written out: the engine queues an answer before it counts it, so a count of
        // 0 read now means every answer is in the queue (read after, it could count one not written yet)
        final PendingClose waiting = closeWhenAnswered;
        final boolean allAnswered = waiting != null && unanswered.get() <= 0;
        writeQueued();
        if (allAnswered) {
            finish(waiting);
        }
    }

    private void writeQueued() {
        String json;
        while ((json = orderEvents.poll()) != null) {
            write(json);
        }
        channel.flush();
    }

    /**
     * Writes the waiting close's farewell, if any, unflushed (so that nothing, market data included, comes
     * between it and the close frame), then closes. Event loop only.
     */
    private void finish(PendingClose waiting) {
        if (waiting.farewell() != null) {
            write(waiting.farewell());
        }
        close(waiting.code(), waiting.reason());
    }

    /** Sends {@link #SIGNED_OUT} and closes with 4401, on the connection's event loop. */
    @Override
    public void signOut() {
        channel.eventLoop().execute(() -> {
            send(SIGNED_OUT);
            close(CloseCodes.BAD_TOKEN, "signed out everywhere; log in again");
        });
    }

    @Override
    public void exchangeStopping() {
        channel.eventLoop().execute(() -> closeWhenAnswered(CloseCodes.STOPPING, "the exchange is stopping; reconnect later"));
    }

    /** Writes one message, unflushed. Event loop only. */
    private void write(String json) {
        channel.write(TextFrames.of(channel.alloc(), json), channel.voidPromise());
    }

    /** Writes a direct message (answers, errors) from the event loop and flushes it. */
    void send(String json) {
        if (!closing.get()) {
            channel.writeAndFlush(TextFrames.of(channel.alloc(), json), channel.voidPromise());
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
                write("{\"type\":\"lag\",\"channel\":\"" + lag.getKey() + "\",\"dropped\":" + lag.getValue()[0] + "}");
            }
            dropped.clear();
            wrote = true;
        }
        while (channel.isWritable() && !trades.isEmpty()) {
            write(trades.poll());
            wrote = true;
        }
        final Iterator<String> it = latest.values().iterator();
        while (channel.isWritable() && it.hasNext()) {
            final String json = it.next();
            it.remove();
            write(json);
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
     * Sends a close frame with a code and reason. The client's answering close frame ends the
     * connection, or, {@link #CLOSE_GRACE_MILLIS} later, the gateway does (a client that does not read
     * never gets the frame, and the protocol handler's own timeout waits for its write). Any thread; once.
     */
    void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
            // a client that does not read never takes the close frame, nor answers it: close anyway
            channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Closes as {@link #close} does once every request the connection has in the engine is answered,
     * those answers written first, or {@link #CLOSE_GRACE_MILLIS} from now at the latest. Meanwhile the
     * connection counts as closing (its new requests are dropped) and its order events still go out.
     * Event loop only; the first close asked for wins.
     */
    void closeWhenAnswered(int code, String reason) {
        closeWhenAnswered(code, reason, null);
    }

    /**
     * As {@link #closeWhenAnswered(int, String)}, with a last message written after those answers, just
     * before the close frame (an error saying why, which then comes after every answer).
     */
    void closeWhenAnswered(int code, String reason, String farewell) {
        if (closing.get() || closeWhenAnswered != null) {
            return;
        }
        final PendingClose waiting = new PendingClose(code, reason, farewell);
        closeWhenAnswered = waiting;
        writeOrderEvents(); // closes now if nothing is missing
        channel.eventLoop().schedule(() -> {
            if (!closing.get()) { // an answer is still missing: write those that came, then close
                writeQueued();
                finish(waiting);
            }
        }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** @return whether a close has started or waits for answers (the connection's requests are no longer read) */
    boolean isClosing() {
        return closing.get() || closeWhenAnswered != null;
    }
}
