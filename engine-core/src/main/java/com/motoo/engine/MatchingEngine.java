package com.motoo.engine;

import com.motoo.engine.account.Account;
import com.motoo.engine.account.AccountTable;
import com.motoo.engine.book.Matcher;
import com.motoo.engine.book.Order;
import com.motoo.engine.book.OrderBook;
import com.motoo.engine.book.OrderPool;
import com.motoo.engine.book.PriceLevel;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EngineEventListener;
import com.motoo.engine.event.RejectReason;
import com.motoo.engine.rules.MarketRules;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The deterministic state machine at the heart of Motoo: order books, matching, accounts and risk
 * for every symbol and user. {@link #process(Command)} applies one command and reports what it did
 * to the {@link EngineEventListener}; the same commands always give the same events and state.
 *
 * <p>Single-threaded: one thread owns the engine and calls every method. It reads no clock and no
 * random source, and never iterates a hash map where order could matter. Order commands are
 * allocation-free in steady state (pooled orders, primitive-keyed maps); set-up commands may
 * allocate.
 */
public final class MatchingEngine {
    /** Largest quantity an order, a modify or a grant may carry. */
    public static final long MAX_QTY = 1_000_000_000L;
    /** Largest base price a symbol may be listed at. */
    public static final long MAX_BASE_PRICE = 100_000_000L;
    /** Largest cash an account may hold (10^15 KRW). */
    public static final long MAX_CASH = 1_000_000_000_000_000L;

    private final MarketRules rules;
    private final EngineEventListener listener;
    private final OrderPool pool;
    private final Matcher matcher;
    private final OrderEntry orderEntry;
    private final Long2ObjectHashMap<OrderBook> books = new Long2ObjectHashMap<>();
    private final List<OrderBook> booksInListingOrder = new ArrayList<>();
    private final AccountTable accounts = new AccountTable();
    private long cashIssued;

    /**
     * @param rules the market's rules
     * @param listener receives every event, on the calling thread
     * @param initialOrderCapacity how many open orders to preallocate
     */
    public MatchingEngine(MarketRules rules, EngineEventListener listener, int initialOrderCapacity) {
        this.rules = rules;
        this.listener = listener;
        this.pool = new OrderPool(initialOrderCapacity);
        this.matcher = new Matcher(rules, pool, listener);
        this.orderEntry = new OrderEntry(rules, listener, pool, matcher, books, accounts);
    }

    /** Engine with KRX default rules and room for 64K open orders. */
    public MatchingEngine(EngineEventListener listener) {
        this(MarketRules.krxDefaults(), listener, 1 << 16);
    }

    /**
     * Applies one command. Never throws for bad input: a refused command is reported with
     * {@link EngineEventListener#onRejected}. An exception escaping here is a bug.
     */
    public void process(Command command) {
        switch (command.type()) {
            case PLACE:
                orderEntry.place(command);
                break;
            case CANCEL:
                orderEntry.cancel(command.userId(), command.orderId());
                break;
            case MODIFY:
                orderEntry.modify(command);
                break;
            case LIST:
                list(command.symbol(), command.name(), command.price());
                break;
            case ACCOUNT:
                openAccount(command.userId(), command.amount());
                break;
            case GRANT:
                grant(command.userId(), command.symbol(), command.qty());
                break;
            case EOD:
                endOfDay();
                break;
            case HALT:
            case RESUME:
                setHalted(command.symbol(), command.type() == CommandType.HALT);
                break;
            case DEPOSIT:
                deposit(command.userId(), command.amount());
                break;
            case RESET:
                reset(command.userId(), command.amount());
                break;
            default:
                throw new IllegalStateException("unhandled command type " + command.type());
        }
    }

    private void list(long symbol, String name, long basePrice) {
        if (books.containsKey(symbol)) {
            setupRejected(CommandType.LIST, RejectReason.DUPLICATE_SYMBOL);
        } else if (basePrice <= 0 || basePrice > MAX_BASE_PRICE) {
            setupRejected(CommandType.LIST, RejectReason.INVALID_PRICE);
        } else if (!rules.ticks().isOnTick(basePrice)) {
            setupRejected(CommandType.LIST, RejectReason.INVALID_TICK);
        } else {
            final OrderBook book = new OrderBook(symbol, name, booksInListingOrder.size());
            setBasePrice(book, basePrice);
            books.put(symbol, book);
            booksInListingOrder.add(book);
            accounts.forEach(account -> account.ensureSlot(book.index()));
            listener.onSymbolListed(symbol, name, basePrice);
        }
    }

    private void openAccount(long userId, long cash) {
        if (accounts.contains(userId)) {
            setupRejected(CommandType.ACCOUNT, RejectReason.DUPLICATE_ACCOUNT);
        } else if (cash < 0 || cash > MAX_CASH) {
            setupRejected(CommandType.ACCOUNT, RejectReason.INVALID_AMOUNT);
        } else {
            final Account account = new Account(userId, cash);
            account.ensureSlot(booksInListingOrder.size());
            accounts.add(account);
            cashIssued += cash;
            listener.onAccountOpened(userId, cash);
        }
    }

    private void grant(long userId, long symbol, long qty) {
        final Account account = accounts.get(userId);
        final OrderBook book = books.get(symbol);
        if (account == null) {
            setupRejected(CommandType.GRANT, RejectReason.UNKNOWN_ACCOUNT);
        } else if (book == null) {
            setupRejected(CommandType.GRANT, RejectReason.UNKNOWN_SYMBOL);
        } else if (qty <= 0 || qty > MAX_QTY) {
            setupRejected(CommandType.GRANT, RejectReason.INVALID_QTY);
        } else {
            account.addShares(book.index(), qty);
            book.addSharesOutstanding(qty);
            listener.onSharesGranted(userId, symbol, qty);
        }
    }

    private void setHalted(long symbol, boolean halted) {
        final OrderBook book = books.get(symbol);
        if (book == null) {
            setupRejected(halted ? CommandType.HALT : CommandType.RESUME, RejectReason.UNKNOWN_SYMBOL);
        } else {
            book.setHalted(halted);
            listener.onHaltChanged(symbol, halted);
        }
    }

    private void deposit(long userId, long amount) {
        final Account account = accounts.get(userId);
        if (account == null) {
            setupRejected(CommandType.DEPOSIT, RejectReason.UNKNOWN_ACCOUNT);
        } else if (amount == 0 || amount > MAX_CASH || amount < -MAX_CASH || account.cash() + amount > MAX_CASH) {
            setupRejected(CommandType.DEPOSIT, RejectReason.INVALID_AMOUNT);
        } else if (amount < 0 && account.availableCash() + amount < 0) {
            setupRejected(CommandType.DEPOSIT, RejectReason.INSUFFICIENT_CASH);
        } else {
            account.addCash(amount);
            cashIssued += amount;
            listener.onCashDeposited(userId, amount, account.cash());
        }
    }

    private void reset(long userId, long cash) {
        final Account account = accounts.get(userId);
        if (account == null) {
            setupRejected(CommandType.RESET, RejectReason.UNKNOWN_ACCOUNT);
        } else if (cash < 0 || cash > MAX_CASH) {
            setupRejected(CommandType.RESET, RejectReason.INVALID_AMOUNT);
        } else {
            for (OrderBook book : booksInListingOrder) {
                orderEntry.cancelAllOf(book, account);
                final long held = account.shares(book.index());
                if (held != 0) {
                    account.addShares(book.index(), -held);
                    book.addSharesOutstanding(-held);
                }
            }
            cashIssued += cash - account.cash();
            account.setCash(cash);
            listener.onAccountReset(userId, cash);
        }
    }

    /**
     * End of day: in each symbol (listing order), expire DAY orders, bids best to worst then asks
     * best to worst, each level in time order; then roll the base price to the day's last trade.
     */
    private void endOfDay() {
        for (OrderBook book : booksInListingOrder) {
            orderEntry.expireDayOrders(book, Side.BUY);
            orderEntry.expireDayOrders(book, Side.SELL);
            if (book.tradedToday()) {
                setBasePrice(book, book.lastPrice());
            }
            book.startDay();
            listener.onBasePriceSet(book.symbol(), book.basePrice());
        }
    }

    private void setBasePrice(OrderBook book, long basePrice) {
        book.setBasePrice(basePrice, rules.lowerLimit(basePrice), rules.upperLimit(basePrice));
    }

    private void setupRejected(CommandType command, RejectReason reason) {
        listener.onRejected(0, 0, command, reason);
    }

    // ------------------------------------------------------------------ snapshot load (engine thread, before any command)

    /**
     * Snapshot load: lists a book in listing order with its base price and halt flag, reporting no
     * event. Call in the snapshot's listing order on a fresh engine.
     *
     * @return the new book, for {@link OrderBook#restoreTicker} and {@link #restoreOrder}
     */
    public OrderBook restoreBook(long symbol, String name, long basePrice, boolean halted) {
        final OrderBook book = new OrderBook(symbol, name, booksInListingOrder.size());
        setBasePrice(book, basePrice);
        book.setHalted(halted);
        books.put(symbol, book);
        booksInListingOrder.add(book);
        return book;
    }

    /**
     * Snapshot load: creates an account with its cash, reporting no event and leaving
     * {@link #cashIssued()} alone. Positions, reservations and order ids are set on the returned
     * account; call after every {@link #restoreBook}.
     */
    public Account restoreAccount(long userId, long cash) {
        final Account account = new Account(userId, cash);
        account.ensureSlot(booksInListingOrder.size());
        accounts.add(account);
        return account;
    }

    /**
     * Snapshot load: rests an open order at the back of its price level and registers it with its
     * account. Call in priority order; the account's reserved totals are restored separately.
     */
    public void restoreOrder(long userId, long symbol, long orderId, Side side, OrderType type, TimeInForce tif,
                             long price, long reservePrice, long openQty, long reservedCash, long filledQty,
                             long fillNotional) {
        final Account account = accounts.get(userId);
        final OrderBook book = books.get(symbol);
        final Order order = pool.acquire().init(account, book, orderId, side, type, tif, price, reservePrice, openQty);
        order.setReservedCash(reservedCash);
        order.restoreFills(filledQty, fillNotional);
        book.rest(order);
        account.openOrders().put(order);
    }

    /** Snapshot load: sets the fee total and the cash issued. */
    public void restoreTotals(long feesCollected, long cashIssued) {
        matcher.restoreFeesCollected(feesCollected);
        this.cashIssued = cashIssued;
    }

    // ------------------------------------------------------------------ queries (engine thread)

    /** @return the market rules in force */
    public MarketRules rules() {
        return rules;
    }

    /** @return the book of a symbol, or null if it is not listed */
    public OrderBook book(long symbol) {
        return books.get(symbol);
    }

    /** @return every book in listing order (read-only) */
    public List<OrderBook> books() {
        return Collections.unmodifiableList(booksInListingOrder);
    }

    /** @return a user's account, or null */
    public Account account(long userId) {
        return accounts.get(userId);
    }

    /** @return every user id with an account, ascending (allocates) */
    public long[] userIdsAscending() {
        return accounts.userIdsAscending();
    }

    /** @return an open order, or null */
    public Order openOrder(long userId, long orderId) {
        final Account account = accounts.get(userId);
        return account == null ? null : account.openOrders().get(orderId);
    }

    /** @return commission and tax collected so far */
    public long feesCollected() {
        return matcher.feesCollected();
    }

    /** @return all cash ever put into accounts (ACCOUNT, DEPOSIT, RESET adjustments) */
    public long cashIssued() {
        return cashIssued;
    }

    /**
     * A 64-bit hash of the whole state (books with every order in priority order, what it has
     * filled included, accounts with
     * cash, reservations, positions and used order ids, fees). Equal states give equal hashes on
     * any run; used to check replay and snapshots. Allocates; not for the hot path.
     */
    public long stateHash() {
        final StateHasher hash = new StateHasher();
        hash.add(matcher.feesCollected()).add(cashIssued).add(booksInListingOrder.size());
        for (OrderBook book : booksInListingOrder) {
            hash.add(book.symbol()).add(book.basePrice()).add(book.isHalted() ? 1 : 0).add(book.lastPrice())
                .add(book.dayOpen()).add(book.dayHigh()).add(book.dayLow()).add(book.dayVolume())
                .add(book.dayTurnover()).add(book.sharesOutstanding());
            hashSide(hash, book, Side.BUY);
            hashSide(hash, book, Side.SELL);
        }
        for (long userId : userIdsAscending()) {
            final Account account = accounts.get(userId);
            hash.add(userId).add(account.cash()).add(account.reservedCash()).add(account.openOrders().size());
            for (OrderBook book : booksInListingOrder) {
                hash.add(account.shares(book.index())).add(account.reservedShares(book.index()));
            }
            hash.add(account.orderIds().contiguousUpTo());
            for (long id : account.orderIds().sparseIdsSorted()) {
                hash.add(id);
            }
        }
        return hash.value();
    }

    private static void hashSide(StateHasher hash, OrderBook book, Side side) {
        final int levels = book.side(side).levelCount();
        hash.add(levels);
        for (int rank = 0; rank < levels; rank++) {
            final PriceLevel level = book.side(side).level(rank);
            hash.add(level.price()).add(level.totalQty()).add(level.orderCount());
            for (Order order = level.head(); order != null; order = order.next()) {
                hash.add(order.userId()).add(order.orderId()).add(order.openQty()).add(order.tif().ordinal())
                    .add(order.reservedCash()).add(order.filledQty()).add(order.fillNotional());
            }
        }
    }
}
