package com.motoo.gateway.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EngineEventAdapter;
import com.motoo.engine.event.RejectReason;
import com.motoo.engine.pipeline.CommandArrayJournal;
import com.motoo.engine.pipeline.CommandJournal;
import com.motoo.engine.pipeline.CommandPipeline;
import com.motoo.engine.pipeline.EventJournal;
import com.motoo.engine.pipeline.MarketDataListener;
import com.motoo.engine.pipeline.PipelineConfig;
import com.motoo.gateway.json.Json;
import com.motoo.gateway.marketdata.MarketDataHub;
import com.motoo.gateway.metrics.GatewayMetrics;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order entry service on a real engine pipeline (no command journal, a fixed clock): which
 * client order ids a user may use again, how a request naming a used one is answered, and how
 * {@link OrderEntryService#restore} rebuilds the used ids from the client-order journal and the
 * recovered engine.
 */
@Timeout(30)
class OrderEntryServiceTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final String SYMBOL = "005930";
    private static final long SELLER = 1;
    private static final long BUYER = 2;
    private static final int RING_SIZE = 64;

    @TempDir
    Path dir;
    private final UserSessions sessions = new UserSessions();
    private final Queue<Command> journaled = new ConcurrentLinkedQueue<>();
    /** While closed, the pipeline stops taking commands out of the ring. */
    private final PipelineGate gate = new PipelineGate();
    /** When set, the journal fails every write, as on a full disk. */
    private volatile boolean journalFailing;
    private final CommandJournal commandJournal = new CommandJournal() {
        @Override
        public long append(Command command) {
            if (journalFailing) {
                throw new IllegalStateException("journal write failed: no space left (test)");
            }
            gate.pass();
            journaled.add(new Command().copyFrom(command));
            return -1;
        }

        @Override
        public void endOfBatch() {
        }
    };
    /** When set, the event journal fails to close every command's group, as on a full disk: the engine stage faults. */
    private volatile boolean eventJournalFailing;
    private final EventJournal eventJournal = new FailingEventJournal();

    /** Records nothing, as {@link EventJournal#NONE}; fails at the end of a command while {@link #eventJournalFailing}. */
    private final class FailingEventJournal extends EngineEventAdapter implements EventJournal {
        @Override
        public void beginCommand(long sequence, long timestamp) {
        }

        @Override
        public void endCommand() {
            if (eventJournalFailing) {
                throw new IllegalStateException("event journal write failed: no space left (test)");
            }
        }

        @Override
        public void endOfBatch() {
        }

        @Override
        public long lastSequence() {
            return 0;
        }
    }

    private final BlockingQueue<JsonNode> sellerEvents = new LinkedBlockingQueue<>();
    private ClientOrderJournal journal;
    private OrderEntryService orders;
    private CommandPipeline pipeline;
    private OrderEventSink sellerSink;
    /** The seller connection's requests whose direct answers are not queued yet, as the service counts them. */
    private final AtomicInteger sellerUnanswered = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        journal = new ClientOrderJournal(dir);
        orders = newService();
        pipeline = newPipeline(orders);
        pipeline.start();
        orders.attach(pipeline);
        sellerSink = new OrderEventSink() {
            @Override
            public long userId() {
                return SELLER;
            }

            @Override
            public void sendOrderEvent(String json) {
                sellerEvents.add(Json.parse(json));
            }

            @Override
            public void flushOrderEvents() {
            }

            @Override
            public void answerPending() {
                sellerUnanswered.incrementAndGet();
            }

            @Override
            public void answerQueued() {
                sellerUnanswered.decrementAndGet();
            }

            @Override
            public void signOut() {
                throw new AssertionError("no sign-out in these tests");
            }

            @Override
            public void exchangeStopping() {
                throw new AssertionError("the gateway does not stop in these tests");
            }
        };
        assertTrue(sessions.add(sellerSink, 1));
        admin(orders.command().list(Symbol.encode(SYMBOL), "Samsung Electronics", 70_000));
        admin(orders.command().account(SELLER, 10_000_000));
        admin(orders.command().grant(SELLER, Symbol.encode(SYMBOL), 100));
        admin(orders.command().account(BUYER, 10_000_000));
    }

    @AfterEach
    void stop() {
        pipeline.close();
        journal.close();
    }

    private OrderEntryService newService() {
        return new OrderEntryService(journal, sessions, new MarketDataHub(0, loop -> () -> { }), new GatewayMetrics(), RING_SIZE);
    }

    private CommandPipeline newPipeline(OrderEntryService service) {
        return new CommandPipeline(new PipelineConfig().ringSize(RING_SIZE).clock(() -> NOW), commandJournal, eventJournal,
            service.output(), MarketDataListener.NONE);
    }

    /**
     * Stops the pipeline and starts over as a restarted gateway does: a new engine recovered from
     * the commands journaled so far, a new service restored from the same client-order journal.
     */
    private void restart() {
        pipeline.close();
        final Command[] commands = journaled.toArray(new Command[0]); // every command since the start, as a journal holds
        orders = newService();
        pipeline = newPipeline(orders);
        pipeline.replay(new CommandArrayJournal(commands, 0, commands.length));
        orders.restore(pipeline.engine(), null, message -> { });
        pipeline.start();
        orders.attach(pipeline);
    }

    private void admin(Command command) throws Exception {
        final EngineCall call = new EngineCall();
        orders.submitAdmin(command, call);
        assertNull(call.future().get(10, TimeUnit.SECONDS).reason());
    }

    /** Places a GTC limit order and waits for its direct answer. */
    private EngineCall place(long userId, String clientOrderId, Side side, long price, long qty) throws Exception {
        return place(userId, new PlaceRequest(clientOrderId, SYMBOL, side, OrderType.LIMIT, TimeInForce.GTC, price, qty));
    }

    private EngineCall place(long userId, PlaceRequest request) throws Exception {
        final EngineCall call = new EngineCall();
        orders.place(userId, request, null, null, call);
        return call.future().get(10, TimeUnit.SECONDS);
    }

    private EngineCall cancel(OrderTarget target) throws Exception {
        final EngineCall call = new EngineCall();
        orders.cancel(SELLER, target, null, null, call);
        return call.future().get(10, TimeUnit.SECONDS);
    }

    private EngineCall modify(OrderTarget target) throws Exception {
        final EngineCall call = new EngineCall();
        orders.modify(SELLER, target, 71_000, 1, null, null, call);
        return call.future().get(10, TimeUnit.SECONDS);
    }

    /** @return the seller's next order event of this kind, the ones before it skipped */
    private JsonNode awaitSellerEvent(String kind) throws InterruptedException {
        JsonNode event;
        do {
            event = sellerEvents.poll(10, TimeUnit.SECONDS);
            assertNotNull(event, "no " + kind + " for the seller");
        } while (!event.path("event").asText().equals(kind));
        return event;
    }

    private static JsonNode event(EngineCall answer) {
        return Json.parse(answer.eventJson());
    }

    /**
     * Sells 10 at 70,000 as "s-1", buys it all, waits for the seller's fill and then for the engine
     * to finish that command (one more round trip); @return the sell order's id
     */
    private long sellAndFill() throws Exception {
        final long sold = event(place(SELLER, "s-1", Side.SELL, 70_000, 10)).path("orderId").asLong();
        assertNull(place(BUYER, null, Side.BUY, 70_000, 10).reason());
        final JsonNode fill = awaitSellerEvent("fill");
        assertEquals(sold, fill.path("orderId").asLong());
        admin(orders.command().deposit(BUYER, 1));
        return sold;
    }

    /** Every way an order's open quantity is removed, each with its reason, on the user's connection. */
    @Test
    void shouldSayWhyAnOrdersOpenQuantityWasRemoved() throws Exception {
        final long resting = event(place(SELLER, null, Side.SELL, 70_000, 10)).path("orderId").asLong();
        final JsonNode canceled = event(cancel(new OrderTarget(resting, null)));
        assertEquals("canceled", canceled.path("event").asText(), canceled.toString());
        assertEquals("CANCEL_REQUEST", canceled.path("removalReason").asText(), "the direct answer names it too");
        assertEquals("CANCEL_REQUEST", awaitSellerEvent("canceled").path("removalReason").asText());

        final long[] prices = {80_000, 80_000, 0, 0};
        final OrderType[] types = {OrderType.LIMIT, OrderType.LIMIT, OrderType.MARKET, OrderType.MARKET};
        final TimeInForce[] tifs = {TimeInForce.IOC, TimeInForce.FOK, TimeInForce.GTC, TimeInForce.FOK};
        final String[] reasons = {"IOC_REMAINDER", "FOK_UNFILLED", "MARKET_REMAINDER", "FOK_UNFILLED"};
        for (int i = 0; i < reasons.length; i++) { // no bids: nothing trades
            assertNull(place(SELLER, new PlaceRequest(null, SYMBOL, Side.SELL, types[i], tifs[i], prices[i], 1)).reason());
            assertEquals(reasons[i], awaitSellerEvent("canceled").path("removalReason").asText(), types[i] + " " + tifs[i]);
        }

        assertNull(place(SELLER, null, Side.SELL, 70_000, 1).reason());
        assertNull(place(SELLER, null, Side.BUY, 70_000, 1).reason());
        assertEquals("SELF_TRADE", awaitSellerEvent("canceled").path("removalReason").asText(), "the buy would have met the own sell");

        assertNull(place(SELLER, new PlaceRequest(null, SYMBOL, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 60_000, 1)).reason());
        admin(orders.command().endOfDay());
        assertEquals("END_OF_DAY", awaitSellerEvent("expired").path("removalReason").asText());

        admin(orders.command().reset(SELLER, 10_000_000));
        assertEquals("ACCOUNT_RESET", awaitSellerEvent("canceled").path("removalReason").asText(), "the resting sell of 1");
    }

    /** The tif of a MARKET order placed without one, in its events: the IOC it is, not a GTC it cannot be. */
    @Test
    void shouldEchoTheIocAMarketOrderPlacedWithoutTifHas() throws Exception {
        final PlaceRequest market = OrderRequestAdapter.place(RequestReader.read(
            "{\"op\":\"place\",\"symbol\":\"" + SYMBOL + "\",\"side\":\"SELL\",\"type\":\"MARKET\",\"qty\":1}"));
        final JsonNode accepted = event(place(SELLER, market)); // no bids: nothing trades
        assertEquals("accepted", accepted.path("event").asText(), accepted.toString());
        assertEquals("IOC", accepted.path("tif").asText());
        final JsonNode canceled = awaitSellerEvent("canceled");
        assertEquals("IOC", canceled.path("tif").asText(), canceled.toString());
        assertEquals("MARKET_REMAINDER", canceled.path("removalReason").asText());
        assertEquals(1, canceled.path("canceledQty").asLong());
    }

    @Test
    void shouldRefuseTheClientOrderIdOfAFilledOrderAndNameThatOrder() throws Exception {
        final long sold = sellAndFill();
        final RequestException again = assertThrows(RequestException.class,
            () -> place(SELLER, "s-1", Side.SELL, 70_000, 1));
        assertEquals("DUPLICATE_ORDER_ID", again.code());
        assertEquals(409, again.httpStatus());
        assertEquals(sold, again.orderId());
        final JsonNode answer = Json.parse(again.appendFields(new StringBuilder("{")).append('}').toString());
        assertEquals(sold, answer.path("orderId").asLong(), "the error answer names the order");
    }

    @Test
    void shouldLetAClientRetryWithTheClientOrderIdOfARejectedPlace() throws Exception {
        final EngineCall offTick = place(SELLER, "retry-1", Side.SELL, 70_050, 10);
        assertEquals(RejectReason.INVALID_TICK, offTick.reason());
        final EngineCall retried = place(SELLER, "retry-1", Side.SELL, 70_100, 10);
        assertNull(retried.reason(), retried.eventJson());
        assertEquals("retry-1", event(retried).path("clientOrderId").asText());
        assertEquals(event(retried).path("orderId").asLong(), orders.orderIdOf(SELLER, "retry-1"));
    }

    @Test
    void shouldAnswerACancelOrModifyByTheClientOrderIdOfAFilledOrderAsByItsOrderId() throws Exception {
        final long sold = sellAndFill();
        final EngineCall canceledByClientId = cancel(new OrderTarget(0, "s-1"));
        final EngineCall canceledById = cancel(new OrderTarget(sold, null));
        assertEquals(RejectReason.UNKNOWN_ORDER, canceledByClientId.reason());
        assertEquals(canceledById.eventJson(), canceledByClientId.eventJson());
        final EngineCall modifiedByClientId = modify(new OrderTarget(0, "s-1"));
        final EngineCall modifiedById = modify(new OrderTarget(sold, null));
        assertEquals(RejectReason.UNKNOWN_ORDER, modifiedByClientId.reason());
        assertEquals(modifiedById.eventJson(), modifiedByClientId.eventJson());
        assertEquals("UNKNOWN_ORDER", assertThrows(RequestException.class, () -> cancel(new OrderTarget(0, "never-1")))
            .code(), "a client order id never used names no order at all");
    }

    @Test
    void shouldKeepOnlyTheFingerprintOfAClosedOrdersNameAndAnswerByItAsBefore() throws Exception {
        final long filled = sellAndFill();
        final long canceled = event(place(SELLER, "c-1", Side.SELL, 80_000, 5)).path("orderId").asLong();
        assertNull(cancel(new OrderTarget(0, "c-1")).reason());
        final long open = event(place(SELLER, "o-1", Side.SELL, 80_000, 5)).path("orderId").asLong();
        assertEquals(3, orders.orderIdsOf(SELLER).clientNamesStored(), "strings until the housekeeping runs");

        orders.retireClosedNames();
        assertEquals(1, orders.orderIdsOf(SELLER).clientNamesStored(), "the open order's name only");
        assertEquals(2, orders.orderIdsOf(SELLER).closedNamesStored());
        assertEquals(filled, assertThrows(RequestException.class, () -> place(SELLER, "s-1", Side.SELL, 70_000, 1))
            .orderId(), "a closed order's name is still taken, and names its order");
        assertEquals(canceled, orders.orderIdOf(SELLER, "c-1"));
        final EngineCall closedByName = cancel(new OrderTarget(0, "c-1"));
        assertEquals(RejectReason.UNKNOWN_ORDER, closedByName.reason());
        assertEquals(cancel(new OrderTarget(canceled, null)).eventJson(), closedByName.eventJson());
        assertNull(modify(new OrderTarget(0, "o-1")).reason(), "the open order is found by its name");
        assertNull(cancel(new OrderTarget(0, "o-1")).reason());
        orders.retireClosedNames();
        assertEquals(0, orders.orderIdsOf(SELLER).clientNamesStored());
        assertEquals(open, orders.orderIdOf(SELLER, "o-1"));
    }

    @Test
    void shouldNameAnOrderAroundAClientOrderIdThatTookItsServerName() throws Exception {
        assertEquals(1, event(place(SELLER, "auto-2", Side.SELL, 80_000, 1)).path("orderId").asLong());
        final EngineCall unnamed = place(SELLER, null, Side.SELL, 80_000, 1);
        assertNull(unnamed.reason(), unnamed.eventJson());
        assertEquals(2, event(unnamed).path("orderId").asLong());
        assertEquals("auto-2.1", event(unnamed).path("clientOrderId").asText());
    }

    @Test
    void shouldRestoreTheClientOrderIdsOfAcceptedOrdersOnly() throws Exception {
        final long filled = sellAndFill();
        final long canceled = event(place(SELLER, "c-1", Side.SELL, 80_000, 5)).path("orderId").asLong();
        assertNull(cancel(new OrderTarget(0, "c-1")).reason());
        final EngineCall rejected = place(SELLER, "r-1", Side.SELL, 70_050, 5);
        assertEquals(RejectReason.INVALID_TICK, rejected.reason());
        final long open = event(place(SELLER, "o-1", Side.SELL, 80_000, 5)).path("orderId").asLong();
        assertEquals(event(rejected).path("orderId").asLong(), open, "the rejected PLACE's order id was handed out again");
        pipeline.close();
        assertEquals("BUSY", assertThrows(RequestException.class, () -> place(SELLER, "lost-1", Side.SELL, 80_000, 5))
            .code(), "journaled, then never reached the engine");

        final OrderEntryService restarted = newService();
        restarted.restore(pipeline.engine(), null, message -> { });
        assertEquals(filled, restarted.orderIdOf(SELLER, "s-1"));
        assertEquals(canceled, restarted.orderIdOf(SELLER, "c-1"));
        assertEquals(open, restarted.orderIdOf(SELLER, "o-1"));
        assertEquals(0, restarted.orderIdOf(SELLER, "r-1"), "superseded by a later PLACE of the same order id");
        assertEquals(0, restarted.orderIdOf(SELLER, "lost-1"));
        assertEquals(0, restarted.orderIdOf(BUYER, "s-1"), "client order ids are per user");
        assertEquals(1, restarted.orderIdsOf(SELLER).clientNamesStored(), "o-1, the open order's, as a string");
        assertEquals(2, restarted.orderIdsOf(SELLER).closedNamesStored(), "s-1 and c-1, closed, as fingerprints");
        final RequestException duplicate = assertThrows(RequestException.class, () -> restarted.place(SELLER,
            new PlaceRequest("s-1", SYMBOL, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 80_000, 1), null, null, null));
        assertEquals(filled, duplicate.orderId());
    }

    /**
     * Sold 10, 4 filled at 70,000, modified down to 5 open (9 in all); after a restart a fill of 2
     * is reported with the whole order's figures, not ones rebuilt from the PLACE (which made a
     * modify look like a fill and lost the average price).
     */
    @Test
    void shouldDescribeAnOrderOpenAcrossARestartWithWhatItHadFilled() throws Exception {
        final long sold = event(place(SELLER, "p-1", Side.SELL, 70_000, 10)).path("orderId").asLong();
        assertNull(place(BUYER, null, Side.BUY, 70_000, 4).reason());
        final EngineCall reduced = new EngineCall();
        orders.modify(SELLER, new OrderTarget(sold, null), 70_000, 5, null, null, reduced);
        assertNull(reduced.future().get(10, TimeUnit.SECONDS).reason());

        restart();
        sellerEvents.clear();
        assertNull(place(BUYER, null, Side.BUY, 70_000, 2).reason());
        final JsonNode fill = awaitSellerEvent("partial_fill");
        assertEquals(sold, fill.path("orderId").asLong());
        assertEquals(9, fill.path("qty").asLong(), fill.toString());
        assertEquals(6, fill.path("filledQty").asLong(), fill.toString());
        assertEquals(3, fill.path("leavesQty").asLong(), fill.toString());
        assertEquals(70_000, fill.path("avgFillPrice").asLong(), fill.toString());
        assertEquals("p-1", fill.path("clientOrderId").asText());
    }

    /**
     * The journal fails (a full disk): the pipeline stops, and the commands it will never answer are
     * answered at once, the REST caller with BUSY, the WebSocket connection with an error naming its request.
     */
    @Test
    void shouldTellTheSubmittersOfCommandsThePipelineStoppedBeforeAnswering() throws Exception {
        journalFailing = true;
        final EngineCall call = new EngineCall();
        orders.place(SELLER, new PlaceRequest("f-1", SYMBOL, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 80_000, 1),
            sellerSink, "7", call);
        final ExecutionException stopped = assertThrows(ExecutionException.class, () -> call.future().get(10, TimeUnit.SECONDS));
        assertEquals("BUSY", ((RequestException) stopped.getCause()).code());
        JsonNode error;
        do {
            error = sellerEvents.poll(10, TimeUnit.SECONDS);
            assertNotNull(error, "no error for the WebSocket request");
        } while (!error.path("type").asText().equals("error"));
        assertEquals(7, error.path("id").asInt());
        assertEquals("BUSY", error.path("code").asText());
        assertTrue(error.path("message").asText().startsWith("the exchange stopped before answering"), error.toString());
        assertEquals("BUSY", assertThrows(RequestException.class, () -> place(SELLER, "f-2", Side.SELL, 80_000, 1)).code(),
            "later requests are refused at once");
        awaitSellerAnswersQueued("the connection's request counts as answered: a close waiting for it goes on");
    }

    /**
     * The engine stage itself fails (its event journal cannot be written) in the middle of a command: the
     * command in progress is settled as the waiting ones are, its answer counted when it was given (the
     * WebSocket place), its caller told the exchange stopped when it was not (the REST admin command).
     */
    @Test
    void shouldSettleTheCommandInProgressWhenTheEngineStageFails() throws Exception {
        eventJournalFailing = true;
        final JsonNode answer = placeAsTheSellersConnection("e-1", 9);
        assertEquals("accepted", answer.path("event").asText(), "given before the fault, and journaled: " + answer);
        awaitSellerAnswersQueued("the command in progress counts as answered, so a close waiting for it goes on");
        final EngineCall call = new EngineCall();
        assertEquals("BUSY", assertThrows(RequestException.class, () -> orders.submitAdmin(orders.command().account(9, 1_000),
            call)).code(), "the pipeline stopped: later commands are refused at once");
    }

    /** A setup command whose engine stage fails is answered BUSY (the exchange stopped) rather than never. */
    @Test
    void shouldTellTheCallerOfASetUpCommandTheEngineStageFailedOn() throws Exception {
        eventJournalFailing = true;
        final EngineCall call = new EngineCall();
        orders.submitAdmin(orders.command().account(9, 1_000), call);
        final ExecutionException stopped = assertThrows(ExecutionException.class, () -> call.future().get(10, TimeUnit.SECONDS));
        assertEquals("BUSY", ((RequestException) stopped.getCause()).code());
    }

    /** A connection's request counts as unanswered from its submission until the engine has queued its answer. */
    @Test
    void shouldCountAConnectionsRequestsUntilTheirAnswersAreQueued() throws Exception {
        final JsonNode answer = placeAsTheSellersConnection("u-1", 8);
        assertEquals("accepted", answer.path("event").asText(), answer.toString());
        awaitSellerAnswersQueued("counted once when submitted, once when answered");
    }

    /** Places a resting sell as a request of the seller's WebSocket connection. @return its direct answer */
    private JsonNode placeAsTheSellersConnection(String clientOrderId, int id) throws Exception {
        orders.place(SELLER, new PlaceRequest(clientOrderId, SYMBOL, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 80_000, 1),
            sellerSink, String.valueOf(id), null);
        JsonNode answer;
        do {
            answer = sellerEvents.poll(10, TimeUnit.SECONDS);
            assertNotNull(answer, "no answer to the WebSocket request");
        } while (answer.path("id").asInt() != id);
        return answer;
    }

    /** Waits until the seller connection has no request without a queued answer (the count drops just after the answer is queued). */
    private void awaitSellerAnswersQueued(String message) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sellerUnanswered.get() != 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, sellerUnanswered.get(), message);
    }

    /** Writes what a full disk leaves of a record: its header over zeros, then one whose version byte alone made it. */
    private void appendTornRecords() {
        try (SingleChronicleQueue raw = SingleChronicleQueueBuilder.binary(dir).rollCycle(RollCycles.FAST_DAILY).build();
             ExcerptAppender appender = raw.createAppender()) {
            try (DocumentContext torn = appender.writingDocument()) {
                torn.wire().bytes().write(new byte[40]);
            }
            try (DocumentContext torn = appender.writingDocument()) {
                torn.wire().bytes().writeByte((byte) 1).write(new byte[39]);
            }
        }
    }

    @Test
    void shouldSkipTornClientOrderRecordsAtTheEndOrInTheMiddleWhenRestoring() throws Exception {
        final long first = event(place(SELLER, "t-1", Side.SELL, 80_000, 1)).path("orderId").asLong();
        appendTornRecords();
        restart();
        assertEquals(first, orders.orderIdOf(SELLER, "t-1"));
        final long second = event(place(SELLER, "t-2", Side.SELL, 80_000, 1)).path("orderId").asLong();
        assertEquals(first + 1, second);
        restart();
        assertEquals(second, orders.orderIdOf(SELLER, "t-2"), "read past the torn records now in the middle");
        assertEquals(first, orders.orderIdOf(SELLER, "t-1"));
    }

    @Test
    void shouldHandOutTheOrderIdsTheEngineNeverUsedAgainAfterARestartLowestFirst() throws Exception {
        assertEquals(1, event(place(SELLER, "a-1", Side.SELL, 80_000, 1)).path("orderId").asLong());
        final EngineCall rejected = place(SELLER, "r-1", Side.SELL, 70_050, 1);
        assertEquals(RejectReason.INVALID_TICK, rejected.reason());
        assertEquals(2, event(rejected).path("orderId").asLong());
        journal.append(new OrderView(SELLER, 4, "lost-4", SYMBOL, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 80_000, 1));

        restart();
        final EngineCall retried = place(SELLER, "r-1", Side.SELL, 80_000, 1);
        assertNull(retried.reason(), retried.eventJson());
        assertEquals(2, event(retried).path("orderId").asLong(), "the rejected PLACE's id, not the one after the last");
        assertEquals(3, event(place(SELLER, null, Side.SELL, 80_000, 1)).path("orderId").asLong(),
            "handed out before the restart, never journaled");
        assertEquals(4, event(place(SELLER, "lost-4", Side.SELL, 80_000, 1)).path("orderId").asLong(),
            "journaled, never reached the engine");
        assertEquals(5, event(place(SELLER, null, Side.SELL, 80_000, 1)).path("orderId").asLong());
        pipeline.close();
        assertEquals(5, pipeline.engine().account(SELLER).orderIds().contiguousUpTo());
        assertEquals(0, pipeline.engine().account(SELLER).orderIds().sparseIdsSorted().length,
            "the engine keeps the user's ids as one counter");
    }

    @Test
    void shouldContinueAfterTheEnginesLastOrderIdWhenTheClientOrderJournalLostItsTail(@TempDir Path empty)
        throws Exception {
        for (long id = 1; id <= 3; id++) {
            assertEquals(id, event(place(SELLER, "k-" + id, Side.SELL, 80_000, 1)).path("orderId").asLong());
        }
        journal.close();
        journal = new ClientOrderJournal(empty); // as after a machine crash took the unsynced journal's tail
        restart();
        final EngineCall next = place(SELLER, "k-4", Side.SELL, 80_000, 1);
        assertNull(next.reason(), next.eventJson());
        assertEquals(4, event(next).path("orderId").asLong(), "not 1, which the engine would refuse as a duplicate");
    }

    /** Submits a deposit of 1 to the buyer; @return null when it went in (its call added to {@code calls}), else the BUSY refusal */
    private RequestException depositOne(List<EngineCall> calls) {
        final EngineCall call = new EngineCall();
        try {
            orders.submitAdmin(orders.command().deposit(BUYER, 1), call);
            calls.add(call);
            return null;
        } catch (RequestException busy) {
            assertEquals("BUSY", busy.code());
            return busy;
        }
    }

    @Test
    void shouldAnswerEveryCommandOnceWhileRequestIdsGoRoundThePendingTableManyTimes() throws Exception {
        final int threads = 4;
        final int perThread = 2_000;
        final ExecutorService submitters = Executors.newFixedThreadPool(threads);
        try {
            final List<Future<List<EngineCall>>> submitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                submitted.add(submitters.submit(() -> {
                    final List<EngineCall> calls = new ArrayList<>(perThread);
                    while (calls.size() < perThread) {
                        if (depositOne(calls) != null) {
                            Thread.yield();
                        }
                    }
                    return calls;
                }));
            }
            for (Future<List<EngineCall>> calls : submitted) {
                for (EngineCall call : calls.get(20, TimeUnit.SECONDS)) {
                    assertNull(call.future().get(10, TimeUnit.SECONDS).reason(), "answered, and as its own command");
                }
            }
        } finally {
            submitters.shutdownNow();
        }
        pipeline.close();
        assertEquals(10_000_000L + threads * perThread, pipeline.engine().account(BUYER).cash(), "every deposit applied once");
    }

    @Test
    void shouldRefuseACommandWhosePendingSlotIsStillTakenAndAnswerTheOneInIt() throws Exception {
        gate.close();
        final List<EngineCall> accepted = new ArrayList<>();
        int ringFull = 0;
        String refused = null;
        try {
            for (int i = 0; i < 8 * RING_SIZE && refused == null; i++) {
                final RequestException busy = depositOne(accepted);
                if (busy != null && busy.getMessage().equals("the exchange is busy; try again")) {
                    ringFull++;
                } else if (busy != null) {
                    refused = busy.getMessage();
                }
            }
        } finally {
            gate.open();
        }
        assertEquals("too many commands in flight; try again", refused);
        assertTrue(accepted.size() <= RING_SIZE, "the ring holds at most its size: " + accepted.size());
        assertEquals(4 * RING_SIZE, accepted.size() + ringFull,
            "refused once the request ids came round to the first one's slot, still taken");
        for (EngineCall call : accepted) {
            assertNull(call.future().get(10, TimeUnit.SECONDS).reason(), "answered from its own slot");
        }
        pipeline.close();
        assertEquals(10_000_000L + accepted.size(), pipeline.engine().account(BUYER).cash(), "each applied once, none lost");
    }
}
