package com.motoo.engine.book;

import com.motoo.engine.account.Account;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;

/**
 * An open order: a pooled node, intrusively linked into its price level in time order. Owned by
 * the engine thread; fields are package-visible to the book and read through accessors elsewhere.
 */
public final class Order {
    Account account;
    OrderBook book;
    long orderId;
    Side side;
    OrderType type;
    TimeInForce tif;
    long price;
    long reservePrice;
    long openQty;
    long reservedCash;
    long filledQty;
    long fillNotional;

    PriceLevel level;
    Order prev;
    Order next;

    /** @return the owning account */
    public Account account() {
        return account;
    }

    /** @return the owner's user id */
    public long userId() {
        return account.userId();
    }

    /** @return the book the order belongs to */
    public OrderBook book() {
        return book;
    }

    /** @return the client's order id */
    public long orderId() {
        return orderId;
    }

    /** @return the side */
    public Side side() {
        return side;
    }

    /** @return LIMIT or MARKET */
    public OrderType type() {
        return type;
    }

    /** @return the time in force */
    public TimeInForce tif() {
        return tif;
    }

    /** @return the limit price (0 for MARKET) */
    public long price() {
        return price;
    }

    /** @return the price its cash reservation is computed at (the limit, or the upper limit for a MARKET buy) */
    public long reservePrice() {
        return reservePrice;
    }

    /** @return the open (unfilled, not cancelled) quantity */
    public long openQty() {
        return openQty;
    }

    /** @return the quantity filled so far, over its whole life (modifies do not reset it) */
    public long filledQty() {
        return filledQty;
    }

    /** @return the sum of price × quantity of its fills so far */
    public long fillNotional() {
        return fillNotional;
    }

    /** @return cash this order holds in reserve (buys only; 0 for sells) */
    public long reservedCash() {
        return reservedCash;
    }

    /** @return the next order in time priority at the same price, or null */
    public Order next() {
        return next;
    }

    /** @return whether the order rests in a price level */
    public boolean isResting() {
        return level != null;
    }

    /**
     * Fills every field of a fresh order from the pool.
     *
     * @return this
     */
    public Order init(Account account, OrderBook book, long orderId, Side side, OrderType type, TimeInForce tif,
                      long price, long reservePrice, long qty) {
        this.account = account;
        this.book = book;
        this.orderId = orderId;
        this.side = side;
        this.type = type;
        this.tif = tif;
        this.price = price;
        this.reservePrice = reservePrice;
        this.openQty = qty;
        this.reservedCash = 0;
        this.filledQty = 0;
        this.fillNotional = 0;
        return this;
    }

    /** Sets a new price (MODIFY); the order must not rest in a level. */
    public void reprice(long newPrice) {
        if (level != null) {
            throw new IllegalStateException("reprice of a resting order");
        }
        this.price = newPrice;
        this.reservePrice = newPrice;
    }

    /** Sets the open quantity of an order that does not rest in a level. */
    public void setOpenQty(long qty) {
        if (level != null) {
            throw new IllegalStateException("use PriceLevel.reduce for a resting order");
        }
        this.openQty = qty;
    }

    /** Reduces the open quantity after a fill at {@code price} (resting or not), keeping the level total right. */
    public void fill(long qty, long price) {
        openQty -= qty;
        filledQty += qty;
        fillNotional += price * qty;
        if (level != null) {
            level.totalQty -= qty;
        }
    }

    /** Snapshot load: what the order had filled when the snapshot was taken. */
    public void restoreFills(long filledQty, long fillNotional) {
        this.filledQty = filledQty;
        this.fillNotional = fillNotional;
    }

    /** Records the cash this order now holds in reserve. */
    public void setReservedCash(long reservedCash) {
        this.reservedCash = reservedCash;
    }

    void clear() {
        account = null;
        book = null;
        level = null;
        prev = null;
        next = null;
        side = null;
        type = null;
        tif = null;
        orderId = 0;
        price = 0;
        reservePrice = 0;
        openQty = 0;
        reservedCash = 0;
        filledQty = 0;
        fillNotional = 0;
    }
}
