package com.motoo.gateway.http;

import com.motoo.gateway.marketdata.MarketDataHub;
import com.motoo.gateway.order.RequestException;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The symbols on their way to being listed, so that the admin listing's case check and its LIST
 * command are one step: a listing reserves its symbol, folded to one case, from the check until the
 * engine has answered, and a symbol that differs only in case from one listed or reserved is refused.
 * The same symbol may be reserved more than once at a time: the engine answers an exact duplicate
 * itself. The caller releases a reservation after the engine's answer, by when an accepted listing is
 * in the {@link MarketDataHub} (the engine thread records it there before it answers), so a symbol is
 * always held by the hub, a reservation or both, never by neither.
 *
 * <p>Any thread; each call holds this object's lock for a scan of the listed symbols (the admin
 * listing, not a hot path).
 */
final class SymbolReservations {
    private final MarketDataHub listed;
    /** Case-folded symbol to the reservation of the symbol as it was asked for. */
    private final Map<String, Reservation> reserved = new HashMap<>();

    /** @param listed the listed symbols */
    SymbolReservations(MarketDataHub listed) {
        this.listed = listed;
    }

    /**
     * Reserves a symbol for its listing; every successful call must be followed by one {@link #release}.
     *
     * @throws RequestException DUPLICATE_SYMBOL (409) when a listed or reserved symbol differs from it only in case
     */
    synchronized void reserve(String symbol) {
        final String listedLookAlike = listed.listedInAnotherCase(symbol);
        if (listedLookAlike != null) {
            throw lookAlike(symbol, "the listed '" + listedLookAlike + "'");
        }
        final String folded = fold(symbol);
        final Reservation reservation = reserved.get(folded);
        if (reservation == null) {
            reserved.put(folded, new Reservation(symbol));
        } else if (reservation.symbol.equals(symbol)) {
            reservation.holders++;
        } else {
            throw lookAlike(symbol, "'" + reservation.symbol + "', which is being listed,");
        }
    }

    /** Gives back one reservation of a symbol: its listing was answered, or never reached the engine. */
    synchronized void release(String symbol) {
        final String folded = fold(symbol);
        final Reservation reservation = reserved.get(folded);
        if (reservation == null || !reservation.symbol.equals(symbol)) {
            throw new IllegalStateException("symbol '" + symbol + "' is not reserved");
        }
        if (--reservation.holders == 0) {
            reserved.remove(folded);
        }
    }

    private static String fold(String symbol) {
        return symbol.toUpperCase(Locale.ROOT);
    }

    private static RequestException lookAlike(String symbol, String other) {
        return new RequestException("DUPLICATE_SYMBOL", 409, "symbol '" + symbol + "' differs from " + other
            + " only in case");
    }

    /** A symbol being listed and how many listings of it are waiting for the engine. */
    private static final class Reservation {
        final String symbol;
        int holders = 1;

        Reservation(String symbol) {
            this.symbol = symbol;
        }
    }
}
