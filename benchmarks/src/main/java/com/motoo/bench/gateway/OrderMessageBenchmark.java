package com.motoo.bench.gateway;

import com.motoo.gateway.order.OrderRequestAdapter;
import com.motoo.gateway.order.OrderTarget;
import com.motoo.gateway.order.PlaceRequest;
import com.motoo.gateway.order.RequestMessage;
import com.motoo.gateway.order.RequestReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * What the gateway does with an inbound WebSocket order message before it submits the order: read
 * the JSON text ({@link RequestReader}), take the {@code id} to echo, decode and check the request
 * ({@link OrderRequestAdapter}). The messages are the ones the Gatling order-entry scenario sends:
 * a place and the cancel of it by client order id. The frame's bytes are already a string here, as
 * {@code TextWebSocketFrame.text()} gives them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class OrderMessageBenchmark {
    static final String PLACE = "{\"op\":\"place\",\"id\":\"p1234-0\",\"clientOrderId\":\"o17-1234-0\","
        + "\"symbol\":\"005930\",\"side\":\"BUY\",\"price\":64000,\"qty\":1}";
    static final String CANCEL = "{\"op\":\"cancel\",\"id\":\"c1234-0\",\"clientOrderId\":\"o17-1234-0\"}";

    /** A place message to the request the order service gets. */
    @Benchmark
    public PlaceRequest place(Blackhole echo) {
        final RequestMessage message = RequestReader.read(PLACE);
        echo.consume(message.echoId());
        return OrderRequestAdapter.place(message);
    }

    /** A cancel message to the order it names. */
    @Benchmark
    public OrderTarget cancel(Blackhole echo) {
        final RequestMessage message = RequestReader.read(CANCEL);
        echo.consume(message.echoId());
        return OrderRequestAdapter.target(message, false);
    }
}
