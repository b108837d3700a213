package com.motoo.bench.gateway;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import com.motoo.gateway.Configuration;
import com.motoo.gateway.GatewayServer;
import com.motoo.gateway.GatewayTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A server that does no work, to calibrate the load tool: it answers {@link OrderEntrySimulation}'s
 * requests (sign-up, login, listing, WebSocket authentication, subscribe, place, cancel) with the
 * least its checks accept (order answers padded to about the gateway's length). No journal, no
 * engine, no market data, no JSON parsing (the answer's {@code id} is cut out of the request's
 * text). What Gatling measures against it, with both on the same two cores, is the floor under any
 * gateway's figures: the load tool's own waits, the kernel's loopback, an event loop, and with
 * {@code ring} one hand-over to another thread and back.
 *
 * <p>Not part of Motoo; BENCHMARKS.md, "Tenth session". Usage:
 * {@code FloorServer PORT inline|ring|ring-yielding|ring-busyspin [io_uring|epoll|nio]}:
 * <ul>
 *   <li>{@code inline}: each answer is written by the event loop that read the request, and flushed
 *       once the read's frames are all answered;</li>
 *   <li>{@code ring}: each request is published to a Disruptor ring whose one consumer waits as the
 *       gateway's pipeline thread does (100 spins, then blocked until a producer publishes), and the
 *       consumer hands the answers back to the connections' event loops as the gateway's engine thread
 *       does: at the end of each ring batch, one task per event loop, one flush per connection;</li>
 *   <li>{@code ring-yielding}, {@code ring-busyspin}: the same with Disruptor's yielding or busy-spin
 *       wait (the consumer never blocks, so a producer never wakes it).</li>
 * </ul>
 * Two event loops, as the gateway's default on two cores. Runs until killed.
 */
public final class FloorServer {
    private static final int RING_SIZE = 1 << 16;
    private static final String ID_FIELD = "\"id\":\"";
    /** An order answer's fields, about as long as the gateway's (its {@code id} echo follows). */
    private static final String ORDER_FIELDS = "\"orderId\":1,\"clientOrderId\":\"o1-1-0\",\"symbol\":\"005930\","
        + "\"side\":\"BUY\",\"orderType\":\"LIMIT\",\"tif\":\"GTC\",\"price\":60100,\"qty\":1,\"filledQty\":0,"
        + "\"leavesQty\":1,\"avgFillPrice\":0,\"ts\":1700000000000,";

    private FloorServer() {
    }

    /** One request handed to the ring's consumer: the connection and the answer it is due. */
    private static final class Request {
        Channel channel;
        String answer;
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2 || !List.of("inline", "ring", "ring-yielding", "ring-busyspin").contains(args[1])) {
            System.err.println("usage: FloorServer PORT inline|ring|ring-yielding|ring-busyspin [io_uring|epoll|nio]");
            System.exit(2);
        }
        final int port = Integer.parseInt(args[0]);
        final GatewayTransport transport = GatewayTransport.valueOf(
            (args.length > 2 ? args[2] : "io_uring").toUpperCase());
        final Disruptor<Request> disruptor = switch (args[1]) {
            case "ring" -> startRing(GatewayServer.pipelineWait(Configuration.WAIT_STRATEGY_DEFAULT));
            case "ring-yielding" -> startRing(GatewayServer.pipelineWait("yielding"));
            case "ring-busyspin" -> startRing(new BusySpinWaitStrategy());
            default -> null;
        };
        final MultiThreadIoEventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, transport.ioHandlers());
        new ServerBootstrap().group(loops).channel(transport.serverChannel())
            .childHandler(new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel channel) {
                    channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                        new HttpAnswerHandler(),
                        new WebSocketServerProtocolHandler("/ws", null, false, 65536, false, true),
                        new FrameAnswerHandler(disruptor));
                }
            })
            .bind(port).sync();
        System.out.println("floor server on port " + port + ", " + args[1] + ", " + transport.label());
        Thread.currentThread().join();
    }

    private static Disruptor<Request> startRing(WaitStrategy wait) {
        final Disruptor<Request> disruptor = new Disruptor<>(Request::new, RING_SIZE, DaemonThreadFactory.INSTANCE,
            ProducerType.MULTI, wait);
        disruptor.handleEventsWith(new HandBackHandler());
        disruptor.start();
        return disruptor;
    }

    /**
     * The ring's consumer: gathers a batch's answers by event loop and, at the batch's end, gives each
     * loop one task that writes its answers and flushes each connection once, as the gateway's
     * order-event outbox does.
     */
    private static final class HandBackHandler implements EventHandler<Request> {
        private final Map<EventLoop, List<Request>> byLoop = new IdentityHashMap<>();

        @Override
        public void onEvent(Request slot, long sequence, boolean endOfBatch) {
            final Request answer = new Request();
            answer.channel = slot.channel;
            answer.answer = slot.answer;
            slot.channel = null;
            slot.answer = null;
            byLoop.computeIfAbsent(answer.channel.eventLoop(), loop -> new ArrayList<>()).add(answer);
            if (endOfBatch) {
                byLoop.forEach((loop, answers) -> loop.execute(() -> writeAndFlushEach(answers)));
                byLoop.clear();
            }
        }

        private static void writeAndFlushEach(List<Request> answers) {
            final Set<Channel> written = new LinkedHashSet<>();
            for (Request answer : answers) {
                answer.channel.write(new TextWebSocketFrame(answer.answer));
                written.add(answer.channel);
            }
            written.forEach(Channel::flush);
        }
    }

    /** The REST calls of the simulation's set-up and log-in; everything else passes on (the WebSocket handshake). */
    private static final class HttpAnswerHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        HttpAnswerHandler() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            final String uri = request.uri();
            if (uri.startsWith("/ws")) {
                ctx.fireChannelRead(request);
                return;
            }
            request.release();
            final String body;
            HttpResponseStatus status = HttpResponseStatus.OK;
            if (uri.endsWith("/auth/signup")) {
                status = HttpResponseStatus.CREATED;
                body = "{\"userId\":1}";
            } else if (uri.endsWith("/auth/login")) {
                body = "{\"accessToken\":\"floor\",\"refreshToken\":\"floor\",\"expiresIn\":900}";
            } else if (uri.endsWith("/admin/stocks")) {
                body = "{\"symbol\":\"005930\"}";
            } else {
                status = HttpResponseStatus.NOT_FOUND;
                body = "{\"code\":\"NOT_FOUND\",\"message\":\"the floor server answers the load scenario only\"}";
            }
            final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            ctx.writeAndFlush(response);
        }
    }

    /** The WebSocket: authenticated at the handshake, then one answer per request. */
    private static final class FrameAnswerHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final Disruptor<Request> ring;

        FrameAnswerHandler(Disruptor<Request> ring) {
            this.ring = ring;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof HandshakeComplete) {
                ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"authenticated\",\"userId\":1}"));
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            final String text = frame.text();
            final String answer = answerTo(text);
            if (ring == null) {
                ctx.write(new TextWebSocketFrame(answer));
                return;
            }
            final Channel channel = ctx.channel();
            ring.getRingBuffer().publishEvent((request, sequence) -> {
                request.channel = channel;
                request.answer = answer;
            });
        }

        /** Flushes the inline answers to a read's frames once, when the read is done. */
        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            ctx.fireChannelReadComplete();
        }

        private static String answerTo(String request) {
            final int idStart = request.indexOf(ID_FIELD);
            final String id = idStart < 0 ? ""
                : request.substring(idStart + ID_FIELD.length(), request.indexOf('"', idStart + ID_FIELD.length()));
            if (request.contains("\"op\":\"subscribe\"")) {
                return "{\"type\":\"subscribed\",\"id\":\"" + id + "\",\"channels\":[\"book.005930\"]}";
            }
            final String event = request.contains("\"op\":\"cancel\"") ? "canceled" : "accepted";
            return "{\"type\":\"order\",\"event\":\"" + event + "\"," + ORDER_FIELDS + "\"id\":\"" + id + "\"}";
        }
    }
}
