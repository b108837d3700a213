package com.motoo.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The gateway's meters in a Micrometer Prometheus registry, scraped at {@code GET /metrics}:
 * orders submitted (rate = orders/s), the ack latency histogram (submission to direct answer),
 * open connections, ring occupancy, and journal/persister lag gauges registered by the process
 * that knows them. Thread-safe; recording does not block.
 */
public final class GatewayMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter ordersSubmitted;
    private final Counter ordersBusy;
    private final Counter requestsRejectedByGateway;
    private final Timer ackLatency;
    private final AtomicInteger webSocketConnections = new AtomicInteger();
    private final AtomicInteger httpConnections = new AtomicInteger();

    public GatewayMetrics() {
        ordersSubmitted = Counter.builder("motoo_orders_submitted").description("order commands put on the ring")
            .register(registry);
        ordersBusy = Counter.builder("motoo_orders_busy").description("order commands refused because the ring was full")
            .register(registry);
        requestsRejectedByGateway = Counter.builder("motoo_requests_invalid")
            .description("requests answered with an error before reaching the engine").register(registry);
        ackLatency = Timer.builder("motoo_ack_latency").description("order submission to direct answer")
            .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
            .maximumExpectedValue(Duration.ofSeconds(5)).register(registry);
        Gauge.builder("motoo_ws_connections", webSocketConnections, AtomicInteger::get)
            .description("open WebSocket connections").register(registry);
        Gauge.builder("motoo_http_connections", httpConnections, AtomicInteger::get)
            .description("open HTTP connections, WebSocket ones included (each starts as HTTP)").register(registry);
    }

    /** Registers a gauge read at scrape time (ring occupancy, journal lag, persister lag). */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    public void orderSubmitted() {
        ordersSubmitted.increment();
    }

    public void orderBusy() {
        ordersBusy.increment();
    }

    public void requestInvalid() {
        requestsRejectedByGateway.increment();
    }

    /** Records one ack round trip inside the gateway. */
    public void ackLatencyNanos(long nanos) {
        ackLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** @return the WebSocket connection counter (incremented and decremented by the sessions) */
    public AtomicInteger webSocketConnections() {
        return webSocketConnections;
    }

    /** @return the HTTP connection counter: every open connection, counted from accept to close by the server */
    public AtomicInteger httpConnections() {
        return httpConnections;
    }

    /** @return every meter in the Prometheus text format (allocates) */
    public String scrape() {
        return registry.scrape();
    }
}
