package com.motoo.bench.commands;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.book.BookSide;
import com.motoo.engine.book.Order;
import com.motoo.engine.book.OrderBook;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandFormat;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.rules.MarketRules;
import com.motoo.engine.rules.TickTable;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Writes a realistic command mix in the command-file format of DESIGN.md: set-up (LIST, ACCOUNT
 * with ample cash, GRANT of ample shares), about {@value #RESTING_PER_BOOK} resting orders per
 * book, then the mix, in weights 12 new GTC : 2 IOC : 7 cancel : 70 price modify : 7 quantity
 * reduce. Prices are on valid ticks inside the band, near each symbol's base price. New GTC
 * orders cross the spread when a book holds more than its share of orders, so books keep their
 * size; price modifies stay on their side of the spread.
 *
 * <p>To know which orders are open (and never cancel or modify a dead one), every command also
 * goes through a real engine as it is written, so nearly every command is accepted. The output
 * depends only on the options: same options, same bytes. Single-threaded; allocates.
 */
public final class CommandGenerator {
    static final int RESTING_PER_BOOK = 1_000;
    static final long CASH = 100_000_000_000L;
    static final long SHARES = 10_000_000L;
    private static final long[] BASE_PRICES = {72_000, 185_000, 31_500, 9_870, 512_000, 4_150, 1_234, 48_800};
    private static final int W_GTC = 12;
    private static final int W_IOC = 2;
    private static final int W_CANCEL = 7;
    private static final int W_MODIFY_PRICE = 70;
    private static final int W_REDUCE = 7;
    private static final int W_TOTAL = W_GTC + W_IOC + W_CANCEL + W_MODIFY_PRICE + W_REDUCE;

    private final GeneratorOptions options;
    private final Appendable out;
    private final SplittableRandom random;
    private final Tracker tracker = new Tracker();
    private final MatchingEngine engine = new MatchingEngine(MarketRules.krxDefaults(), tracker, 1 << 16);
    private final TickTable ticks = engine.rules().ticks();
    private final Command command = new Command();
    private final StringBuilder line = new StringBuilder(96);
    private final long[] symbols;
    private final LiveOrders[] live;
    private final long[] nextOrderId;
    private final long[] written = new long[5];
    private long lines;

    /**
     * @param options what to generate
     * @param out where the lines go
     */
    public CommandGenerator(GeneratorOptions options, Appendable out) {
        this.options = options;
        this.out = out;
        this.random = new SplittableRandom(options.seed());
        this.symbols = new long[options.symbols()];
        this.live = new LiveOrders[options.symbols()];
        this.nextOrderId = new long[options.users() + 1];
        for (int s = 0; s < symbols.length; s++) {
            symbols[s] = Symbol.encode(Integer.toString(100_000 + s));
            live[s] = new LiveOrders();
        }
    }

    /**
     * {@code gen-commands [--commands N] [--symbols S] [--users U] [--seed X]}: writes the file to
     * standard output and a summary to standard error. Exit status 64 for bad options.
     */
    public static void main(String[] args) throws IOException {
        final GeneratorOptions options;
        try {
            options = GeneratorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(GeneratorOptions.USAGE);
            System.exit(64);
            return;
        }
        final Writer out = new BufferedWriter(
            new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16);
        final CommandGenerator generator = new CommandGenerator(options, out);
        generator.generate();
        out.flush();
        System.err.println("gen-commands: " + generator.summary());
    }

    /** Writes the whole file. @throws IOException if the output fails */
    public void generate() throws IOException {
        out.append("# motoo gen-commands ").append(options.toString()).append('\n');
        setUp();
        for (long i = 0; i < options.commands(); i++) {
            final int s = random.nextInt(symbols.length);
            final int kind = random.nextInt(W_TOTAL);
            if (kind < W_GTC || live[s].size() == 0) {
                place(s, TimeInForce.GTC);
            } else if (kind < W_GTC + W_IOC) {
                place(s, TimeInForce.IOC);
            } else if (kind < W_GTC + W_IOC + W_CANCEL) {
                cancel(s);
            } else if (kind < W_TOTAL - W_REDUCE) {
                modifyPrice(s, pick(s));
            } else {
                reduce(s);
            }
        }
    }

    /** @return a one-line summary of what was written, for stderr */
    public String summary() {
        return String.format("%,d lines: %,d GTC, %,d IOC, %,d cancel, %,d price modify, %,d reduce;"
                + " %,d accepted, %,d rejected, %,d trades; open orders per book %s",
            lines, written[0], written[1], written[2], written[3], written[4],
            tracker.accepted, tracker.rejected, tracker.trades, openOrdersPerBook());
    }

    private String openOrdersPerBook() {
        final StringBuilder text = new StringBuilder();
        for (LiveOrders orders : live) {
            text.append(text.length() == 0 ? "" : "/").append(orders.size());
        }
        return text.toString();
    }

    private void setUp() throws IOException {
        for (int s = 0; s < symbols.length; s++) {
            emit(command.list(symbols[s], "BENCH" + s, BASE_PRICES[s % BASE_PRICES.length]));
        }
        for (long user = 1; user <= options.users(); user++) {
            emit(command.account(user, CASH));
            nextOrderId[(int) user] = 1;
        }
        for (long user = 1; user <= options.users(); user++) {
            for (long symbol : symbols) {
                emit(command.grant(user, symbol, SHARES));
            }
        }
        for (int s = 0; s < symbols.length; s++) {
            for (int n = 0; n < RESTING_PER_BOOK; n++) {
                final Side side = n % 2 == 0 ? Side.BUY : Side.SELL;
                placeOrder(s, randomUser(), side, TimeInForce.GTC, passivePrice(s, side), randomQty());
            }
        }
    }

    /** A new order: passive, or marketable when it is an IOC or the book holds more than its share. */
    private void place(int s, TimeInForce tif) throws IOException {
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final boolean cross = tif == TimeInForce.IOC || live[s].size() > RESTING_PER_BOOK;
        final BookSide opposite = engine.book(symbols[s]).side(side.opposite());
        final long price = cross && opposite.levelCount() > 0
            ? clampToBand(s, stepAway(opposite.best().price(), side.opposite(), random.nextInt(3)))
            : passivePrice(s, side);
        written[tif == TimeInForce.IOC ? 1 : 0]++;
        placeOrder(s, randomUser(), side, tif, price, randomQty());
    }

    private void placeOrder(int s, long user, Side side, TimeInForce tif, long price, long qty) throws IOException {
        final long orderId = nextOrderId[(int) user];
        final long rejectedBefore = tracker.rejected;
        emit(command.place(user, orderId, symbols[s], side, OrderType.LIMIT, tif, price, qty));
        if (tracker.rejected == rejectedBefore) {
            nextOrderId[(int) user]++;
            if (engine.openOrder(user, orderId) != null) {
                live[s].add(LiveOrders.key(user, orderId));
                tracker.bookOf.put(LiveOrders.key(user, orderId), live[s]);
            }
        }
    }

    private void cancel(int s) throws IOException {
        final long key = live[s].get(random.nextInt(live[s].size()));
        written[2]++;
        emit(command.cancel(LiveOrders.userId(key), LiveOrders.orderId(key)));
    }

    /** Moves an order 1-3 ticks up or down, staying on its side of the spread and in the band. */
    private void modifyPrice(int s, Order order) throws IOException {
        final OrderBook book = order.book();
        final Side side = order.side();
        long price = clampToBand(s, stepAway(order.price(), side, random.nextBoolean() ? 1 + random.nextInt(3)
            : -1 - random.nextInt(3)));
        final BookSide opposite = book.side(side.opposite());
        if (opposite.levelCount() > 0 && crosses(side, price, opposite.best().price())) {
            price = stepAway(opposite.best().price(), side, 1);
        }
        if (price == order.price()) {
            price = clampToBand(s, stepAway(price, side, 1));
        }
        written[3]++;
        emit(command.modify(order.userId(), order.orderId(), price, order.openQty()));
    }

    /** Reduces an order's quantity by up to half, keeping its price; a one-share order gets a price modify. */
    private void reduce(int s) throws IOException {
        final Order order = pick(s);
        final long qty = order.openQty();
        if (qty < 2) {
            modifyPrice(s, order);
            return;
        }
        written[4]++;
        emit(command.modify(order.userId(), order.orderId(), order.price(), qty - 1 - random.nextInt((int) (qty / 2))));
    }

    private Order pick(int s) {
        final long key = live[s].get(random.nextInt(live[s].size()));
        final Order order = engine.openOrder(LiveOrders.userId(key), LiveOrders.orderId(key));
        if (order == null) {
            throw new IllegalStateException("generator lost track of order " + key);
        }
        return order;
    }

    /** A price 1 to ~30 ticks behind the base price on the order's side, most of them near the top. */
    private long passivePrice(int s, Side side) {
        final long base = engine.book(symbols[s]).basePrice();
        return clampToBand(s, stepAway(base, side, 1 + random.nextInt(1 + random.nextInt(30))));
    }

    /** @return the price {@code n} ticks away from the spread on {@code side} (negative n: towards it) */
    private long stepAway(long price, Side side, int n) {
        final boolean down = (side == Side.BUY) == (n > 0);
        long p = price;
        for (int i = 0; i < Math.abs(n); i++) {
            p = down ? ticks.roundDown(p - 1) : p + ticks.tickAt(p);
        }
        return p;
    }

    private static boolean crosses(Side side, long price, long oppositeBest) {
        return side == Side.BUY ? price >= oppositeBest : price <= oppositeBest;
    }

    private long clampToBand(int s, long price) {
        final OrderBook book = engine.book(symbols[s]);
        return Math.max(book.lowerLimit(), Math.min(book.upperLimit(), price));
    }

    private long randomUser() {
        return 1 + random.nextInt(options.users());
    }

    private long randomQty() {
        return 1 + random.nextInt(100);
    }

    private void emit(Command c) throws IOException {
        engine.process(c);
        line.setLength(0);
        CommandFormat.append(c, line);
        out.append(line).append('\n');
        lines++;
    }
}
