package com.motoo.engine.replay;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.account.Account;
import com.motoo.engine.book.OrderBook;
import com.motoo.engine.command.Symbol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Prints the final state as DESIGN.md specifies: for each user in ascending id a
 * {@code BALANCE,<userId>,<cash>,<reservedCash>} line, then a
 * {@code POSITION,<userId>,<symbol>,<qty>,<reservedQty>} line for each symbol with qty &gt; 0,
 * in ascending symbol order. Engine thread; allocates.
 */
public final class FinalState {
    private FinalState() {
    }

    /** Appends the final-state lines of an engine. */
    public static void append(MatchingEngine engine, StringBuilder out) {
        final List<OrderBook> bySymbol = new ArrayList<>(engine.books());
        bySymbol.sort(Comparator.comparingLong(OrderBook::symbol));
        for (long userId : engine.userIdsAscending()) {
            final Account account = engine.account(userId);
            out.append("BALANCE,").append(userId).append(',').append(account.cash()).append(',')
                .append(account.reservedCash()).append('\n');
            for (OrderBook book : bySymbol) {
                final long qty = account.shares(book.index());
                if (qty > 0) {
                    out.append("POSITION,").append(userId).append(',');
                    Symbol.appendTo(book.symbol(), out);
                    out.append(',').append(qty).append(',').append(account.reservedShares(book.index())).append('\n');
                }
            }
        }
    }
}
