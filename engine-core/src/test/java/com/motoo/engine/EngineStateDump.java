package com.motoo.engine;

import com.motoo.engine.book.BookSide;
import com.motoo.engine.book.Order;
import com.motoo.engine.book.OrderBook;
import com.motoo.engine.book.PriceLevel;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.replay.FinalState;

/**
 * Writes an engine's whole observable state as text, so that tests can compare it line by line
 * with the reference exchange: fees and cash issued; per book (listing order) its band, halt
 * flag, last price and day volume, then every price level, best first, with its orders in time
 * order; then the replay's final-state lines. Test code; allocates.
 */
public final class EngineStateDump {
    private EngineStateDump() {
    }

    /** Appends the state of {@code engine} to {@code text}. */
    public static void append(MatchingEngine engine, StringBuilder text) {
        text.append("FEES,").append(engine.feesCollected()).append(",ISSUED,").append(engine.cashIssued()).append('\n');
        for (OrderBook book : engine.books()) {
            text.append("BOOK,");
            Symbol.appendTo(book.symbol(), text);
            text.append(',').append(book.basePrice()).append(',').append(book.lowerLimit()).append(',')
                .append(book.upperLimit()).append(',').append(book.isHalted()).append(',').append(book.lastPrice())
                .append(',').append(book.dayVolume()).append('\n');
            appendSide(book.bids(), text);
            appendSide(book.asks(), text);
        }
        FinalState.append(engine, text);
    }

    /** @return the state of {@code engine} as text */
    public static String of(MatchingEngine engine) {
        final StringBuilder text = new StringBuilder();
        append(engine, text);
        return text.toString();
    }

    private static void appendSide(BookSide side, StringBuilder text) {
        for (int rank = 0; rank < side.levelCount(); rank++) {
            final PriceLevel level = side.level(rank);
            text.append(side.side() == Side.BUY ? "BID," : "ASK,").append(level.price());
            for (Order order = level.head(); order != null; order = order.next()) {
                text.append(',').append(order.userId()).append(':').append(order.orderId()).append(':')
                    .append(order.openQty()).append(':').append(order.tif());
            }
            text.append('\n');
        }
    }
}
