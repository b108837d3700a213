package com.motoo.persister.query;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The queries the gateway's portfolio, history, order, chart and rankings pages need, over the
 * read-model tables the persisters write. Each method takes a connection from the pool (HikariCP
 * in the gateway), runs one statement and returns immutable values. Thread-safe; allocates its
 * results.
 *
 * <p>What it shows lags the engine by the persister's lag (usually milliseconds).
 */
public final class ReadModelQueries {
    /** Most rows a page may ask for. */
    public static final int MAX_PAGE = 500;
    /** Most candles one call returns. */
    public static final int MAX_CANDLES = 10_000;

    private static final String PORTFOLIO = "SELECT a.epoch, a.cash, a.reserved_cash, p.symbol, s.name, p.qty,"
        + " p.reserved_qty, p.cost_basis, p.realized_pnl, COALESCE(s.last_price, s.base_price), a.contributed"
        + " FROM accounts a LEFT JOIN positions p ON p.user_id = a.user_id AND p.epoch = a.epoch"
        + " LEFT JOIN symbols s ON s.symbol = p.symbol WHERE a.user_id = ? ORDER BY p.symbol";
    private static final String KEY_DESC = " ORDER BY ts_ms DESC, seq DESC, event_no DESC LIMIT ?";
    /**
     * Executions with the cash after each fill: the accounts persister's ledger row of the same
     * event (same key), null while that persister has not applied it yet.
     */
    private static final String EXECUTIONS = "SELECT side, ts_ms, seq, event_no, epoch, symbol, order_id, price, qty,"
        + " fee, tax, amount, (SELECT l.balance FROM cash_ledger l WHERE l.user_id = executions.user_id"
        + " AND l.ts_ms = executions.ts_ms AND l.seq = executions.seq AND l.event_no = executions.event_no)"
        + " FROM executions WHERE user_id = ? AND ts_ms >= ? AND ts_ms < ? AND (ts_ms, seq, event_no) < (?, ?, ?)";
    private static final String CASH = "SELECT kind, ts_ms, seq, event_no, epoch, symbol, order_id, 0, 0, 0, 0, amount,"
        + " balance FROM cash_ledger WHERE user_id = ? AND kind NOT IN ('BUY', 'SELL') AND ts_ms >= ? AND ts_ms < ?"
        + " AND (ts_ms, seq, event_no) < (?, ?, ?)";
    private static final String SHARES = "SELECT kind, ts_ms, seq, event_no, epoch, symbol, 0, COALESCE(price, 0), qty,"
        + " 0, 0, 0, balance FROM share_ledger WHERE user_id = ? AND ts_ms >= ? AND ts_ms < ?"
        + " AND (ts_ms, seq, event_no) < (?, ?, ?)";
    private static final String ORDER_COLUMNS = "SELECT order_id, epoch, symbol, side, order_type, tif, price, qty,"
        + " open_qty, filled_qty, fill_notional, status, accepted_seq, accepted_ms, updated_ms,"
        + " (SELECT client_order_id FROM order_client_ids k WHERE k.user_id = orders.user_id"
        + " AND k.order_id = orders.order_id) FROM orders";
    private static final String RANKINGS = "SELECT a.user_id, CASE WHEN u.rankings_opt_in THEN u.display_name END,"
        + " a.cash + COALESCE(v.valuation, 0) AS equity, a.contributed FROM accounts a JOIN users u ON u.id = a.user_id"
        + " LEFT JOIN (SELECT p.user_id, p.epoch, SUM(p.qty * COALESCE(s.last_price, s.base_price)) AS valuation"
        + " FROM positions p JOIN symbols s ON s.symbol = p.symbol WHERE p.qty > 0 GROUP BY p.user_id, p.epoch) v"
        + " ON v.user_id = a.user_id AND v.epoch = a.epoch WHERE u.role = 'USER'";

    private final DataSource dataSource;

    /** @param dataSource connections to the read-model schema (its search path must find the tables) */
    public ReadModelQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the user's portfolio in the current epoch, or empty if the user has no account yet */
    public Optional<Portfolio> portfolio(long userId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(PORTFOLIO)) {
            s.setLong(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                final int epoch = rs.getInt(1);
                final long cash = rs.getLong(2);
                final long reserved = rs.getLong(3);
                final long contributed = rs.getLong(11);
                final List<PositionView> positions = new ArrayList<>();
                long cost = 0;
                long valuation = 0;
                long realized = 0;
                do {
                    final String symbol = rs.getString(4);
                    if (symbol == null) {
                        break;
                    }
                    final long qty = rs.getLong(6);
                    realized += rs.getLong(9);
                    if (qty > 0) {
                        final long basis = rs.getLong(8);
                        final long last = rs.getLong(10);
                        cost += basis;
                        valuation += qty * last;
                        positions.add(new PositionView(symbol, rs.getString(5), qty, rs.getLong(7), basis,
                            PositionView.averagePrice(basis, qty), last, qty * last, qty * last - basis, rs.getLong(9)));
                    }
                } while (rs.next());
                return Optional.of(new Portfolio(userId, epoch, cash, reserved, List.copyOf(positions), cost, valuation,
                    valuation - cost, realized, cash + valuation, contributed));
            }
        }
    }

    /**
     * A page of executions, cash movements and share movements (grants, positions closed by a reset),
     * newest first.
     *
     * @param after {@link HistoryCursor#FIRST} or the previous page's {@link HistoryPage#next()}
     * @param limit rows per page, 1 to {@link #MAX_PAGE}
     */
    public HistoryPage history(long userId, HistoryFilter filter, HistoryCursor after, int limit) throws SQLException {
        checkLimit(limit);
        final List<HistorySource> sources = HistorySource.of(filter);
        if (sources.isEmpty()) {
            return new HistoryPage(List.of(), null);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(historySql(sources, filter))) {
            bindHistory(s, sources, userId, filter, after, limit + 1);
            final List<HistoryEntry> entries = new ArrayList<>(limit + 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(new HistoryEntry(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getInt(5),
                        rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                        rs.getLong(12), rs.getObject(13, Long.class)));
                }
            }
            if (entries.size() > limit) {
                entries.remove(limit);
                return new HistoryPage(List.copyOf(entries), entries.get(limit - 1).cursor());
            }
            return new HistoryPage(List.copyOf(entries), null);
        }
    }

    /**
     * One branch per source, each taking its own newest {@code limit} rows by its index, then (with
     * more than one) the newest {@code limit} of their UNION ALL.
     */
    private static String historySql(List<HistorySource> sources, HistoryFilter filter) {
        final List<String> branches = new ArrayList<>(sources.size());
        for (HistorySource source : sources) {
            branches.add(source.sql + (source.bySymbol && filter.symbol() != null ? " AND symbol = ?" : "") + KEY_DESC);
        }
        return branches.size() == 1 ? branches.get(0) : "(" + String.join(") UNION ALL (", branches) + ")" + KEY_DESC;
    }

    /** Binds {@link #historySql}'s parameters: each branch's keyset, symbol and limit, then the UNION's limit. */
    private static void bindHistory(PreparedStatement s, List<HistorySource> sources, long userId, HistoryFilter filter,
                                    HistoryCursor after, int limit) throws SQLException {
        int p = 1;
        for (HistorySource source : sources) {
            s.setLong(p++, userId);
            s.setLong(p++, filter.fromMs());
            s.setLong(p++, filter.toMs());
            s.setLong(p++, after.tsMs());
            s.setLong(p++, after.seq());
            s.setInt(p++, after.eventNo());
            if (source.bySymbol && filter.symbol() != null) {
                s.setString(p++, filter.symbol());
            }
            s.setInt(p++, limit);
        }
        if (sources.size() > 1) {
            s.setInt(p, limit);
        }
    }

    /** The tables a history page reads, in one shape of row, keyed alike by (ts_ms, seq, event_no). */
    private enum HistorySource {
        /** Fills, with the cash after each from the cash ledger. */
        EXECUTIONS(ReadModelQueries.EXECUTIONS, true),
        /** Cash movements that are not trade settlements; none belongs to a symbol. */
        CASH(ReadModelQueries.CASH, false),
        /** Share grants and the positions resets removed. */
        SHARES(ReadModelQueries.SHARES, true);

        final String sql;
        final boolean bySymbol;

        HistorySource(String sql, boolean bySymbol) {
            this.sql = sql;
            this.bySymbol = bySymbol;
        }

        static List<HistorySource> of(HistoryFilter filter) {
            final List<HistorySource> sources = new ArrayList<>(3);
            if (filter.executions()) {
                sources.add(EXECUTIONS);
            }
            if (filter.cashMovements() && filter.symbol() == null) {
                sources.add(CASH);
            }
            if (filter.shareMovements()) {
                sources.add(SHARES);
            }
            return sources;
        }
    }

    /** @return the user's order with this id (any status, any epoch), or empty when the user has none */
    public Optional<OrderView> order(long userId, long orderId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(ORDER_COLUMNS
            + " WHERE user_id = ? AND order_id = ?")) {
            s.setLong(1, userId);
            s.setLong(2, orderId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(orderView(rs)) : Optional.empty();
            }
        }
    }

    /**
     * A page of the user's orders, newest accepted first. Every filter is applied in the query, so
     * a page holds {@code limit} matching orders whenever that many remain. Indexes: open statuses
     * only use {@code orders_open}, one symbol {@code orders_by_symbol}, neither {@code orders_history}.
     *
     * @param statuses the statuses to include; empty for all ({@link OrderStatus#OPEN} for open orders)
     * @param symbol only this symbol's orders; null for every symbol
     * @param beforeSeq only orders accepted by a command before this sequence (Long.MAX_VALUE for the first page)
     * @param limit rows per page, 1 to {@link #MAX_PAGE}
     */
    public OrderPage orders(long userId, Set<OrderStatus> statuses, String symbol, long beforeSeq, int limit)
        throws SQLException {
        checkLimit(limit);
        final String sql = ORDER_COLUMNS + " WHERE user_id = ? AND accepted_seq < ?" + (symbol == null ? "" : " AND symbol = ?")
            + statusIn(statuses) + " ORDER BY accepted_seq DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int p = 1;
            s.setLong(p++, userId);
            s.setLong(p++, beforeSeq);
            if (symbol != null) {
                s.setString(p++, symbol);
            }
            s.setInt(p, limit + 1);
            final List<OrderView> orders = new ArrayList<>(limit + 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    orders.add(orderView(rs));
                }
            }
            if (orders.size() > limit) {
                orders.remove(limit);
                return new OrderPage(List.copyOf(orders), orders.get(limit - 1).acceptedSeq());
            }
            return new OrderPage(List.copyOf(orders), null);
        }
    }

    /** @return the symbol's one-minute candles in [fromMs, toMs), oldest first, at most {@link #MAX_CANDLES} */
    public List<Candle> candles(String symbol, long fromMs, long toMs) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
            "SELECT minute_ms, open, high, low, close, volume, turnover FROM candles_1m"
                + " WHERE symbol = ? AND minute_ms >= ? AND minute_ms < ? ORDER BY minute_ms LIMIT " + MAX_CANDLES)) {
            s.setString(1, symbol);
            s.setLong(2, fromMs);
            s.setLong(3, toMs);
            final List<Candle> candles = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    candles.add(new Candle(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7)));
                }
            }
            return candles;
        }
    }

    /** @return the user's account (cash, reserved cash, epoch), or empty if none */
    public Optional<AccountView> account(long userId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
            "SELECT epoch, cash, reserved_cash FROM accounts WHERE user_id = ?")) {
            s.setLong(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new AccountView(userId, rs.getInt(1), rs.getLong(2), rs.getLong(3)));
            }
        }
    }

    /**
     * Every signed-up user (a {@code users} row; administrators, who run the exchange rather than
     * trade on it, are not ranked) ranked by {@link TotalReturn total return} in the
     * current epoch, highest first, lower user id first among equal returns (compared exactly, not
     * as rounded percentages): the rankings page and each user's own place on it. Reads every
     * account and every held position, so it costs time in proportion to them (no index can rank
     * by a value that moves with every trade price; about 70 ms at 10,000 users): callers should
     * share one result for a while rather than run it per request.
     *
     * @return every place, best first
     */
    public List<RankingEntry> rankings() throws SQLException {
        final List<Standing> standings = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RANKINGS);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                standings.add(new Standing(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        standings.sort(Standing::compareTo);
        final List<RankingEntry> ranks = new ArrayList<>(standings.size());
        for (Standing standing : standings) {
            ranks.add(new RankingEntry(ranks.size() + 1, standing.userId(), standing.displayName(), standing.equity(),
                TotalReturn.percent(standing.equity(), standing.contributed())));
        }
        return List.copyOf(ranks);
    }

    /** A ranked user as read, before the order of places is known. */
    private record Standing(long userId, String displayName, long equity, long contributed) implements Comparable<Standing> {
        /** Better first: the higher total return, then the lower user id. */
        @Override
        public int compareTo(Standing other) {
            final int byReturn = TotalReturn.compare(other.equity, other.contributed, equity, contributed);
            return byReturn != 0 ? byReturn : Long.compare(userId, other.userId);
        }
    }

    /**
     * Runs {@code EXPLAIN (ANALYZE, BUFFERS)} on the portfolio query, on a first history page of
     * {@code limit} rows (all kinds, all time) for a user and on the whole rankings:
     * how the benchmarks check the plans. Allocates; not for serving.
     *
     * @return the plans, one line per element: portfolio, history, rankings
     */
    public List<String> explain(long userId, int limit) throws SQLException {
        final List<String> plan = new ArrayList<>();
        final List<HistorySource> sources = HistorySource.of(HistoryFilter.ALL);
        final String history = historySql(sources, HistoryFilter.ALL);
        try (Connection c = dataSource.getConnection();
             PreparedStatement portfolio = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + PORTFOLIO);
             PreparedStatement page = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + history);
             PreparedStatement rankings = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + RANKINGS)) {
            portfolio.setLong(1, userId);
            readPlan(portfolio, plan);
            bindHistory(page, sources, userId, HistoryFilter.ALL, HistoryCursor.FIRST, limit);
            readPlan(page, plan);
            readPlan(rankings, plan);
        }
        return plan;
    }

    private static void readPlan(PreparedStatement explain, List<String> into) throws SQLException {
        try (ResultSet rs = explain.executeQuery()) {
            while (rs.next()) {
                into.add(rs.getString(1));
            }
        }
    }

    /**
     * The status condition as literals, not a bound array: only then can the planner prove that
     * the open statuses match the partial index {@code orders_open}, in a generic plan too.
     * The names are the enum's, never user text.
     */
    private static String statusIn(Set<OrderStatus> statuses) {
        if (statuses.isEmpty()) {
            return "";
        }
        final StringJoiner names = new StringJoiner("', '", " AND status IN ('", "')");
        for (OrderStatus status : OrderStatus.values()) {
            if (statuses.contains(status)) {
                names.add(status.name());
            }
        }
        return names.toString();
    }

    private static OrderView orderView(ResultSet rs) throws SQLException {
        final long filled = rs.getLong(10);
        final long notional = rs.getLong(11);
        return new OrderView(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), filled, notional,
            filled == 0 ? 0 : (double) notional / filled, OrderStatus.valueOf(rs.getString(12)), rs.getLong(13),
            rs.getLong(14), rs.getLong(15), rs.getString(16));
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("page size must be 1 to " + MAX_PAGE + ", not " + limit);
        }
    }
}
