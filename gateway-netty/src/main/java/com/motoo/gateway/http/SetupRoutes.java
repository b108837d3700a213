package com.motoo.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.event.RejectReason;
import com.motoo.gateway.marketdata.MarketDataHub;
import com.motoo.gateway.order.EngineCall;
import com.motoo.gateway.order.OrderEntryService;
import com.motoo.gateway.order.OrderRequestAdapter;
import com.motoo.gateway.order.RequestException;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The REST calls that one set-up or admin command of the engine answers, not an order event: a
 * user's account reset and the admin calls (end of day, listing, halt and resume, cash and share
 * grants). Each checks its request on the event loop (a call without a body takes an empty one or
 * {@code {}}, and refuses a field as every body refuses an unknown one), submits the command and
 * answers from the engine thread once the engine has applied it (200 and a small JSON body saying
 * what was done) or rejected it (the engine's reason: 404 for an unknown account or symbol, 409
 * for a listed symbol, 422 otherwise). Each method answers one route of {@link RestRoutes} for an admitted
 * caller. Stateless apart from its services and the symbols being listed; any event loop.
 */
final class SetupRoutes {
    private static final Set<String> LIST_FIELDS = Set.of("symbol", "name", "basePrice");
    private static final Set<String> CASH_FIELDS = Set.of("amount");
    private static final Set<String> SHARES_FIELDS = Set.of("symbol", "qty");

    private final OrderEntryService orders;
    private final SymbolReservations symbols;
    private final long startingCash;

    /**
     * @param marketData the listed symbols
     * @param startingCash the cash a reset account starts again with, KRW
     */
    SetupRoutes(OrderEntryService orders, MarketDataHub marketData, long startingCash) {
        this.orders = orders;
        this.symbols = new SymbolReservations(marketData);
        this.startingCash = startingCash;
    }

    /** The caller's account starts again with the starting cash (a new epoch; the old history stays). No body. */
    void reset(RestRequest r) {
        r.requireNoFields();
        final long userId = r.principal().userId();
        submit(r, orders.command().reset(userId, startingCash), "{\"userId\":" + userId + ",\"cash\":" + startingCash + "}");
    }

    /** Ends the trading day: DAY orders expire, base prices roll. No body. */
    void endOfDay(RestRequest r) {
        r.requireNoFields();
        submit(r, orders.command().endOfDay(), "{\"endOfDay\":true}");
    }

    /**
     * Lists a stock: {@code {symbol,name,basePrice}}. The name is 1 to 64 characters, not all blank,
     * without control characters or lone surrogates ({@link OrderRequestAdapter#plainText}). A symbol
     * that differs from a listed one only in case is refused (409 DUPLICATE_SYMBOL), so that no two
     * stocks can be told apart by case alone (symbols are matched exactly everywhere else); so is one
     * that differs only in case from a symbol whose listing is waiting for the engine's answer
     * ({@link SymbolReservations}), so that of two such listings at once at most one is listed (neither
     * when the engine refuses the one that reserved its symbol first).
     */
    void list(RestRequest r) {
        final JsonNode body = r.json();
        OrderRequestAdapter.requireOnly(body, LIST_FIELDS);
        final String symbol = OrderRequestAdapter.symbol(OrderRequestAdapter.requiredText(body, "symbol"));
        final String name = OrderRequestAdapter.plainText(OrderRequestAdapter.requiredText(body, "name"), "name");
        if (name.isBlank() || name.length() > 64) {
            throw RequestException.invalid("name must be 1 to 64 characters");
        }
        final long basePrice = OrderRequestAdapter.basePrice(body);
        final Command list = orders.command().list(Symbol.encode(symbol), name, basePrice);
        symbols.reserve(symbol);
        submit(r, list, "{\"symbol\":\"" + symbol + "\"}", () -> symbols.release(symbol));
    }

    /** Halts ({@code halt}) or resumes the symbol of {@code admin/stocks/{symbol}/...}. No body. */
    void halt(RestRequest r, boolean halt) {
        r.requireNoFields();
        final String symbol = r.path().get(2);
        if (!Symbol.isValid(symbol)) {
            throw new RequestException("UNKNOWN_SYMBOL", 404, "symbol '" + symbol + "' is not listed");
        }
        submit(r, orders.command().halt(Symbol.encode(symbol), halt), "{\"symbol\":\"" + symbol + "\",\"halted\":" + halt + "}");
    }

    /** Grants (or, negative, withdraws) cash to the user of {@code admin/users/{id}/cash}: {@code {amount}}. */
    void grantCash(RestRequest r) {
        final long userId = r.idAt(2);
        final JsonNode body = r.json();
        OrderRequestAdapter.requireOnly(body, CASH_FIELDS);
        final JsonNode amount = body.get("amount");
        if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong() || amount.longValue() == 0) {
            throw RequestException.invalid("amount must be a non-zero integer");
        }
        submit(r, orders.command().deposit(userId, amount.longValue()),
            "{\"userId\":" + userId + ",\"amount\":" + amount.longValue() + "}");
    }

    /** Grants shares to the user of {@code admin/users/{id}/shares}: {@code {symbol,qty}}. */
    void grantShares(RestRequest r) {
        final long userId = r.idAt(2);
        final JsonNode body = r.json();
        OrderRequestAdapter.requireOnly(body, SHARES_FIELDS);
        final String symbol = OrderRequestAdapter.symbol(OrderRequestAdapter.requiredText(body, "symbol"));
        final long qty = OrderRequestAdapter.quantity(body);
        submit(r, orders.command().grant(userId, Symbol.encode(symbol), qty),
            "{\"userId\":" + userId + ",\"symbol\":\"" + symbol + "\",\"qty\":" + qty + "}");
    }

    /** Submits a set-up or admin command; answers {@code okJson} once the engine has applied it, else the engine's reason. */
    private void submit(RestRequest r, Command command, String okJson) {
        submit(r, command, okJson, () -> { });
    }

    /**
     * As {@link #submit(RestRequest, Command, String)}, running {@code settled} once the command's outcome is known,
     * before the caller is answered, and never twice: when the engine has answered, the exchange stopped first, or
     * the command could not be submitted (then on the calling thread, before the BUSY error is thrown).
     */
    private void submit(RestRequest r, Command command, String okJson, Runnable settled) {
        final EngineCall call = new EngineCall();
        // once only: a stage fault may stop the call and then make its submission throw BUSY as well
        final AtomicBoolean once = new AtomicBoolean();
        final Runnable settle = () -> {
            if (once.compareAndSet(false, true)) {
                settled.run();
            }
        };
        try {
            orders.submitAdmin(command, call);
        } catch (RuntimeException notSubmitted) {
            settle.run();
            throw notSubmitted;
        }
        call.whenDone(done -> {
            settle.run();
            answerDone(r, done, okJson);
        }, stopped -> {
            settle.run();
            r.fail(stopped);
        });
    }

    private static void answerDone(RestRequest r, EngineCall done, String okJson) {
        final RejectReason reason = done.reason();
        if (reason == null) {
            r.answer(200, okJson);
        } else {
            final int status = reason == RejectReason.UNKNOWN_ACCOUNT || reason == RejectReason.UNKNOWN_SYMBOL ? 404
                : reason == RejectReason.DUPLICATE_SYMBOL ? 409 : 422;
            HttpAnswers.error(r.ctx(), r.keepAlive(), status, reason.name(), "rejected by the engine: " + reason.name());
        }
    }
}
