package com.motoo.gateway.http;

import com.motoo.gateway.marketdata.MarketDataHub;
import com.motoo.gateway.order.RequestException;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The symbols on their way to being listed, so that the admin listing's case check and its LIST
 * command are one step: a listing reserves its symbol, folded to one case, from the check until the
 * engine has answered, and a symbol that differs only in case from one listed or reserved is refused.
 * The same symbol may be reserved more than once at a time: the engine answers an exact duplicate
 * itself. The caller releases a reservation after the engine's answer, by when an accepted listing is
 * in the {@link MarketDataHub} (the engine thread records it there before it answers), so a symbol is
 * always held by the hub, a reservation or both, never by neither: that is why a reservation is taken
 * first and the listed symbols are scanned after it, and why of two look-alikes at once at most one is
 * listed.
 *
 * <p>Any thread. The reservations are a concurrent map changed one folded symbol at a time, and the
 * scan of the listed symbols holds no lock, so a release (on the engine thread) never waits for a
 * reservation's scan.
 */
final class SymbolReservations {
    private final MarketDataHub listed;
    /** Case-folded symbol to the reservation of the symbol as it was asked for. */
    private final ConcurrentMap<String, Reservation> reserved = new ConcurrentHashMap<>();

    /** @param listed the listed symbols */
    SymbolReservations(MarketDataHub listed) {
        this.listed = listed;
    }

    /**
     * Reserves a symbol for its listing; every successful call must be followed by one {@link #release}.
     *
     * @throws RequestException DUPLICATE_SYMBOL (409) when a listed or reserved symbol differs from it only in case
     */
    void reserve(String symbol) {
        reserved.compute(fold(symbol), (folded, reservation) -> {
            if (reservation == null) {
                return new Reservation(symbol, 1);
            }
            if (!reservation.symbol().equals(symbol)) {
                throw lookAlike(symbol, "'" + reservation.symbol() + "', which is being listed,");
            }
            return new Reservation(symbol, reservation.holders() + 1);
        });
        final String listedLookAlike = listed.listedInAnotherCase(symbol);
        if (listedLookAlike != null) {
            release(symbol);
            throw lookAlike(symbol, "the listed '" + listedLookAlike + "'");
        }
    }

    /** Gives back one reservation of a symbol: its listing was answered, or never reached the engine. */
    void release(String symbol) {
        reserved.compute(fold(symbol), (folded, reservation) -> {
            if (reservation == null || !reservation.symbol().equals(symbol)) {
                throw new IllegalStateException("symbol '" + symbol + "' is not reserved");
            }
            return reservation.holders() == 1 ? null : new Reservation(symbol, reservation.holders() - 1);
        });
    }

    private static String fold(String symbol) {
        return symbol.toUpperCase(Locale.ROOT);
    }

    private static RequestException lookAlike(String symbol, String other) {
        return new RequestException("DUPLICATE_SYMBOL", 409, "symbol '" + symbol + "' differs from " + other
            + " only in case");
    }

    /** A symbol being listed and how many listings of it are waiting for the engine. */
    private record Reservation(String symbol, int holders) {
    }
}
