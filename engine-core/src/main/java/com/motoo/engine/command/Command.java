package com.motoo.engine.command;

/**
 * One command to the engine: a mutable, reusable value with primitive fields, so that ring
 * events and parsers can fill one instance again and again without allocating. Which fields
 * matter depends on {@link #type()}:
 *
 * <pre>
 * LIST     symbol, name, price (base price)
 * ACCOUNT  userId, amount (cash)
 * GRANT    userId, symbol, qty
 * PLACE    userId, orderId, symbol, side, orderType, tif, price (ignored for MARKET), qty
 * CANCEL   userId, orderId
 * MODIFY   userId, orderId, price (new price), qty (new open quantity)
 * EOD      -
 * HALT     symbol
 * RESUME   symbol
 * DEPOSIT  userId, amount
 * RESET    userId, amount (the fresh cash)
 * </pre>
 *
 * {@link #sequence()} and {@link #timestamp()} are stamped once when the command enters the
 * sequencer and are journaled with it; the engine reads time only from here.
 */
public final class Command {
    private CommandType type;
    private long sequence;
    private long timestamp;
    private long userId;
    private long orderId;
    private long symbol;
    private Side side;
    private OrderType orderType;
    private TimeInForce tif;
    private long price;
    private long qty;
    private long amount;
    private String name;

    /** @return the kind of command */
    public CommandType type() {
        return type;
    }

    /** @return the sequence number given by the sequencer (0 when there is none, e.g. a plain replay) */
    public long sequence() {
        return sequence;
    }

    /** @return the epoch-millisecond time stamped by the sequencer */
    public long timestamp() {
        return timestamp;
    }

    /** @return the user the command acts for */
    public long userId() {
        return userId;
    }

    /** @return the client-chosen order id (PLACE, CANCEL, MODIFY) */
    public long orderId() {
        return orderId;
    }

    /** @return the packed symbol code, see {@link Symbol} */
    public long symbol() {
        return symbol;
    }

    /** @return the order side (PLACE) */
    public Side side() {
        return side;
    }

    /** @return the order type (PLACE) */
    public OrderType orderType() {
        return orderType;
    }

    /** @return the time in force (PLACE) */
    public TimeInForce tif() {
        return tif;
    }

    /** @return the limit price, the new price (MODIFY) or the base price (LIST) */
    public long price() {
        return price;
    }

    /** @return the order quantity, the new open quantity (MODIFY) or the granted shares (GRANT) */
    public long qty() {
        return qty;
    }

    /** @return the cash amount (ACCOUNT, DEPOSIT, RESET) */
    public long amount() {
        return amount;
    }

    /** @return the stock name (LIST), otherwise null */
    public String name() {
        return name;
    }

    /**
     * Clears every field so that a reused instance carries nothing from its last use.
     *
     * @return this
     */
    public Command clear() {
        type = null;
        sequence = 0;
        timestamp = 0;
        userId = 0;
        orderId = 0;
        symbol = 0;
        side = null;
        orderType = null;
        tif = null;
        price = 0;
        qty = 0;
        amount = 0;
        name = null;
        return this;
    }

    /**
     * Copies every field of another command into this one.
     *
     * @param other the source
     * @return this
     */
    public Command copyFrom(Command other) {
        type = other.type;
        sequence = other.sequence;
        timestamp = other.timestamp;
        userId = other.userId;
        orderId = other.orderId;
        symbol = other.symbol;
        side = other.side;
        orderType = other.orderType;
        tif = other.tif;
        price = other.price;
        qty = other.qty;
        amount = other.amount;
        name = other.name;
        return this;
    }

    /** Sets the sequencer's stamp. @return this */
    public Command stamp(long sequence, long timestamp) {
        this.sequence = sequence;
        this.timestamp = timestamp;
        return this;
    }

    /** Fills a LIST. @return this */
    public Command list(long symbol, String name, long basePrice) {
        clear();
        this.type = CommandType.LIST;
        this.symbol = symbol;
        this.name = name;
        this.price = basePrice;
        return this;
    }

    /** Fills an ACCOUNT. @return this */
    public Command account(long userId, long cash) {
        clear();
        this.type = CommandType.ACCOUNT;
        this.userId = userId;
        this.amount = cash;
        return this;
    }

    /** Fills a GRANT. @return this */
    public Command grant(long userId, long symbol, long qty) {
        clear();
        this.type = CommandType.GRANT;
        this.userId = userId;
        this.symbol = symbol;
        this.qty = qty;
        return this;
    }

    /** Fills a PLACE. @return this */
    public Command place(long userId, long orderId, long symbol, Side side, OrderType orderType,
                         TimeInForce tif, long price, long qty) {
        clear();
        this.type = CommandType.PLACE;
        this.userId = userId;
        this.orderId = orderId;
        this.symbol = symbol;
        this.side = side;
        this.orderType = orderType;
        this.tif = tif;
        this.price = price;
        this.qty = qty;
        return this;
    }

    /** Fills a CANCEL. @return this */
    public Command cancel(long userId, long orderId) {
        clear();
        this.type = CommandType.CANCEL;
        this.userId = userId;
        this.orderId = orderId;
        return this;
    }

    /** Fills a MODIFY. @return this */
    public Command modify(long userId, long orderId, long newPrice, long newQty) {
        clear();
        this.type = CommandType.MODIFY;
        this.userId = userId;
        this.orderId = orderId;
        this.price = newPrice;
        this.qty = newQty;
        return this;
    }

    /** Fills an EOD. @return this */
    public Command endOfDay() {
        clear();
        this.type = CommandType.EOD;
        return this;
    }

    /** Fills a HALT (halted = true) or RESUME (halted = false). @return this */
    public Command halt(long symbol, boolean halted) {
        clear();
        this.type = halted ? CommandType.HALT : CommandType.RESUME;
        this.symbol = symbol;
        return this;
    }

    /** Fills a DEPOSIT. @return this */
    public Command deposit(long userId, long amount) {
        clear();
        this.type = CommandType.DEPOSIT;
        this.userId = userId;
        this.amount = amount;
        return this;
    }

    /** Fills a RESET. @return this */
    public Command reset(long userId, long cash) {
        clear();
        this.type = CommandType.RESET;
        this.userId = userId;
        this.amount = cash;
        return this;
    }

    /**
     * Writes the command in the command-file format of DESIGN.md (without the sequencer stamp).
     * Allocates; for tools and logs, not the hot path.
     */
    @Override
    public String toString() {
        final StringBuilder out = new StringBuilder(64);
        CommandFormat.append(this, out);
        return out.toString();
    }
}
