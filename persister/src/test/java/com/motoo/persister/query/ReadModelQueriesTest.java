package com.motoo.persister.query;

import com.motoo.persister.JournalDriver;
import com.motoo.persister.Persisters;
import com.motoo.persister.Rows;
import com.motoo.persister.TestDatabase;
import com.motoo.persister.apply.PersisterRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scripted trading day through the real engine, journal and persister, then every query of
 * the read model checked against figures worked out by hand (KRX fees: commission 0.015% each
 * side, tax 0.20% on sells, each rounded down).
 */
@ExtendWith(TestDatabase.class)
@Timeout(60)
class ReadModelQueriesTest {
    private static final long T0 = 1_764_000_000_000L;
    private static final long MINUTE = 60_000L;

    @TempDir
    Path journal;
    private JournalDriver driver;
    private TestDatabase.Schema db;
    private ReadModelQueries queries;

    @BeforeEach
    void tradeOneDay() throws Exception {
        db = TestDatabase.newSchema();
        queries = new ReadModelQueries(db.dataSource());
        driver = new JournalDriver(journal, T0);
        driver.run("LIST,005930,Samsung,70000", "ACCOUNT,1,100000000", "ACCOUNT,2,100000000", "GRANT,2,005930,1000",
            "PLACE,2,1,005930,SELL,LIMIT,GTC,70000,10", "PLACE,1,1,005930,BUY,LIMIT,GTC,70000,10");
        driver.advance(61_000).run("PLACE,2,2,005930,SELL,LIMIT,GTC,72000,10", "PLACE,1,2,005930,BUY,LIMIT,GTC,72000,10");
        driver.advance(61_000).run("PLACE,1,3,005930,SELL,LIMIT,GTC,73000,5", "PLACE,2,3,005930,BUY,LIMIT,GTC,73000,8");
        apply();
    }

    @AfterEach
    void cleanUp() throws Exception {
        driver.close();
        db.close();
    }

    private void apply() throws InterruptedException {
        Persisters.catchUp(journal, db.url(), PersisterRole.ALL, "all", 1_000);
    }

    @Test
    void shouldShowMovingAverageCostAndRealizedPnl() throws Exception {
        final Portfolio portfolio = queries.portfolio(1).orElseThrow();
        // buys: 10 @ 70,000 (fee 105) and 10 @ 72,000 (fee 108); sell 5 @ 73,000 (fee 54, tax 730)
        assertEquals(100_000_000 - 700_105 - 720_108 + 365_000 - 54 - 730, portfolio.cash());
        assertEquals(0, portfolio.reservedCash());
        assertEquals(1, portfolio.positions().size());
        final PositionView position = portfolio.positions().get(0);
        assertEquals("005930", position.symbol());
        assertEquals("Samsung", position.name());
        assertEquals(15, position.qty());
        assertEquals(1_065_000, position.costBasis());
        assertEquals(71_000L, position.averagePrice());
        assertEquals(73_000, position.lastPrice());
        assertEquals(1_095_000, position.valuation());
        assertEquals(30_000, position.unrealizedPnl());
        assertEquals(365_000 - 355_000 - 54 - 730, position.realizedPnl());
        assertEquals(position.realizedPnl(), portfolio.realizedPnl());
        assertEquals(portfolio.cash() + 1_095_000, portfolio.totalAssets());
    }

    @Test
    void shouldCostGrantsAtTheBasePriceAndReserveForOpenBuys() throws Exception {
        final Portfolio seller = queries.portfolio(2).orElseThrow();
        final PositionView position = seller.positions().get(0);
        assertEquals(1_000 - 20 + 5, position.qty());
        // granted 1,000 at 70,000; 20 sold (removed 1,400,000), 5 bought at 73,000
        assertEquals(70_000_000 - 1_400_000 + 365_000, position.costBasis());
        // buy 8 @ 73,000 with 3 open: 219,000 + floor(219,000 × 0.00015) = 219,032
        assertEquals(219_032, seller.reservedCash());
        assertEquals(219_032, queries.account(2).orElseThrow().reservedCash());
        assertTrue(queries.portfolio(99).isEmpty());
    }

    @Test
    void shouldFollowOrdersThroughTheirLifecycle() throws Exception {
        driver.run("CANCEL,2,3", "PLACE,1,4,005930,BUY,LIMIT,DAY,60000,1", "PLACE,1,5,005930,BUY,LIMIT,GTC,70050,1",
            "PLACE,1,6,005930,BUY,LIMIT,GTC,65000,2", "MODIFY,1,6,66000,1", "EOD");
        apply();
        final OrderView canceled = queries.orders(2, Set.of(OrderStatus.CANCELED), null, Long.MAX_VALUE, 10).orders().get(0);
        assertEquals(3, canceled.orderId());
        assertEquals(5, canceled.filledQty());
        assertEquals(0, canceled.openQty());
        assertEquals(73_000.0, canceled.averageFillPrice());

        final List<OrderView> open = queries.orders(1, OrderStatus.OPEN, null, Long.MAX_VALUE, 10).orders();
        assertEquals(1, open.size());
        assertEquals(6, open.get(0).orderId());
        assertEquals(66_000, open.get(0).price());
        assertEquals(1, open.get(0).openQty());
        assertEquals(OrderStatus.ACCEPTED, open.get(0).status());

        final OrderPage all = queries.orders(1, Set.of(), null, Long.MAX_VALUE, 3);
        assertEquals(List.of(6L, 4L, 3L), all.orders().stream().map(OrderView::orderId).toList());
        assertEquals(List.of(OrderStatus.ACCEPTED, OrderStatus.EXPIRED, OrderStatus.FILLED),
            all.orders().stream().map(OrderView::status).toList());
        final OrderPage rest = queries.orders(1, Set.of(), null, all.nextBeforeSeq(), 3);
        assertEquals(List.of(2L, 1L), rest.orders().stream().map(OrderView::orderId).toList());
        assertNull(rest.nextBeforeSeq());
        assertEquals(OrderStatus.EXPIRED, queries.order(1, 4).orElseThrow().status());
        assertEquals(73_000.0, queries.order(2, 3).orElseThrow().averageFillPrice());
        assertTrue(queries.order(2, 4).isEmpty(), "order 4 is user 1's");
        assertTrue(queries.order(1, 5).isEmpty(), "a rejected order is no order");
        assertEquals(List.of("1,5,PLACE,INVALID_TICK"),
            Rows.of(db.dataSource(), "SELECT user_id, order_id, command, reason FROM order_rejections"));
        assertEquals(73_000, Rows.single(db.dataSource(), "SELECT base_price FROM symbols"));
    }

    @Test
    void shouldPageOpenOrdersAndOneSymbolsOrdersInTheQuery() throws Exception {
        driver.run("LIST,000660,SK hynix,200000", "PLACE,1,11,000660,BUY,LIMIT,GTC,150000,1",
            "PLACE,1,12,005930,BUY,LIMIT,GTC,60000,1", "PLACE,1,13,000660,BUY,LIMIT,GTC,150000,1",
            "PLACE,1,14,005930,BUY,LIMIT,GTC,60000,1", "PLACE,1,15,000660,BUY,LIMIT,GTC,150000,1",
            "PLACE,1,16,000660,BUY,LIMIT,GTC,150000,1", "CANCEL,1,16");
        apply();
        assertEquals(List.of(List.of(15L, 14L), List.of(13L, 12L), List.of(11L)), pages(1, OrderStatus.OPEN, null, 2));
        assertEquals(List.of(List.of(15L, 13L), List.of(11L)), pages(1, OrderStatus.OPEN, "000660", 2));
        assertEquals(List.of(List.of(16L, 15L, 13L), List.of(11L)), pages(1, Set.of(), "000660", 3));
        assertEquals(List.of(List.of(14L, 12L, 3L, 2L, 1L)), pages(1, Set.of(), "005930", 10));
        assertEquals(List.of(List.of(14L, 12L)), pages(1, OrderStatus.OPEN, "005930", 10));
        assertEquals(List.of(List.of()), pages(1, OrderStatus.OPEN, "035720", 10));
        assertEquals(OrderStatus.PARTIALLY_FILLED, queries.orders(2, OrderStatus.OPEN, null, Long.MAX_VALUE, 10)
            .orders().get(0).status(), "a partly filled order is open");
    }

    /** @return the order ids of every page, each page's next cursor followed to the end */
    private List<List<Long>> pages(long userId, Set<OrderStatus> statuses, String symbol, int limit) throws Exception {
        final List<List<Long>> pages = new ArrayList<>();
        Long before = Long.MAX_VALUE;
        while (before != null) {
            final OrderPage page = queries.orders(userId, statuses, symbol, before, limit);
            pages.add(page.orders().stream().map(OrderView::orderId).toList());
            before = page.nextBeforeSeq();
        }
        return pages;
    }

    @Test
    void shouldPageHistoryNewestFirstWithFilters() throws Exception {
        driver.advance(1_000).run("DEPOSIT,1,1000000");
        apply();
        final HistoryPage first = queries.history(1, HistoryFilter.ALL, HistoryCursor.FIRST, 2);
        assertEquals(List.of("DEPOSIT", "SELL"), first.entries().stream().map(HistoryEntry::kind).toList());
        assertEquals(1_000_000, first.entries().get(0).amount());
        assertEquals(queries.account(1).orElseThrow().cash(), first.entries().get(0).balance());
        assertEquals(365_000 - 54 - 730, first.entries().get(1).amount());
        assertEquals(730, first.entries().get(1).tax());
        final HistoryPage second = queries.history(1, HistoryFilter.ALL, HistoryCursor.decode(first.next().encode()), 2);
        assertEquals(List.of(72_000L, 70_000L), second.entries().stream().map(HistoryEntry::price).toList());
        final HistoryPage third = queries.history(1, HistoryFilter.ALL, second.next(), 2);
        assertEquals(List.of("ACCOUNT_OPENED"), third.entries().stream().map(HistoryEntry::kind).toList());
        assertNull(third.next());

        final HistoryPage samsung = queries.history(1, HistoryFilter.ALL.symbol("005930"), HistoryCursor.FIRST, 10);
        assertEquals(List.of("SELL", "BUY", "BUY"), samsung.entries().stream().map(HistoryEntry::kind).toList());
        assertTrue(queries.history(1, HistoryFilter.ALL.symbol("000660"), HistoryCursor.FIRST, 10).entries().isEmpty());
        final HistoryPage range = queries.history(1, HistoryFilter.ALL.between(T0 + MINUTE, T0 + 123_000),
            HistoryCursor.FIRST, 10);
        assertEquals(List.of("SELL", "BUY"), range.entries().stream().map(HistoryEntry::kind).toList());
        final HistoryPage cashOnly = queries.history(1, new HistoryFilter(Long.MIN_VALUE, Long.MAX_VALUE, null, false, true, false),
            HistoryCursor.FIRST, 10);
        assertEquals(List.of("DEPOSIT", "ACCOUNT_OPENED"), cashOnly.entries().stream().map(HistoryEntry::kind).toList());
    }

    @Test
    void shouldShowTheCashAfterEachFillOnExecutionRows() throws Exception {
        // user 1, newest first: sell 5 @ 73,000 (+364,216), buy 10 @ 72,000 (-720,108), buy 10 @ 70,000 (-700,105)
        final List<Long> balances = List.of(100_000_000L - 700_105 - 720_108 + 364_216, 100_000_000L - 700_105 - 720_108,
            100_000_000L - 700_105, 100_000_000L);
        assertEquals(balances, balances(queries.history(1, HistoryFilter.ALL, HistoryCursor.FIRST, 10)));
        assertEquals(balances.subList(0, 3), balances(queries.history(1, HistoryFilter.ALL.symbol("005930"),
            HistoryCursor.FIRST, 10)));
        assertEquals(queries.account(1).orElseThrow().cash(), balances.get(0));
    }

    @Test
    void shouldLeaveAFillsBalanceOutUntilTheAccountsPersisterHasAppliedIt() throws Exception {
        try (TestDatabase.Schema split = TestDatabase.newSchema()) {
            final ReadModelQueries splitQueries = new ReadModelQueries(split.dataSource());
            Persisters.catchUp(journal, split.url(), PersisterRole.ORDERS, "orders", 1_000);
            final HistoryPage fills = splitQueries.history(1, HistoryFilter.ALL, HistoryCursor.FIRST, 10);
            assertEquals(List.of("SELL", "BUY", "BUY"), fills.entries().stream().map(HistoryEntry::kind).toList());
            assertEquals(Arrays.asList(null, null, null), balances(fills));

            Persisters.catchUp(journal, split.url(), PersisterRole.ACCOUNTS, "accounts", 1_000);
            assertEquals(balances(queries.history(1, HistoryFilter.ALL, HistoryCursor.FIRST, 10)),
                balances(splitQueries.history(1, HistoryFilter.ALL, HistoryCursor.FIRST, 10)),
                "two persisters, one per role, show what one persister of both roles shows");
        }
    }

    private static List<Long> balances(HistoryPage page) {
        return page.entries().stream().map(HistoryEntry::balance).toList();
    }

    @Test
    void shouldExplainThePortfolioHistoryAndRankingsQueries() throws Exception {
        final List<String> plan = queries.explain(1, 50);
        assertEquals(3, plan.stream().filter(line -> line.startsWith("Execution Time")).count(), String.join("\n", plan));
    }

    @Test
    void shouldRefuseBadPageSizesAndCursors() {
        assertThrows(IllegalArgumentException.class, () -> queries.history(1, HistoryFilter.ALL, HistoryCursor.FIRST, 0));
        assertThrows(IllegalArgumentException.class,
            () -> queries.orders(1, Set.of(), null, Long.MAX_VALUE, ReadModelQueries.MAX_PAGE + 1));
        assertThrows(IllegalArgumentException.class, () -> HistoryCursor.decode("12.x.3"));
        assertThrows(IllegalArgumentException.class, () -> HistoryCursor.decode("12.3"));
    }

    @Test
    void shouldBuildOneMinuteCandles() throws Exception {
        final List<Candle> candles = queries.candles("005930", T0, T0 + 10 * MINUTE);
        assertEquals(List.of(new Candle(T0, 70_000, 70_000, 70_000, 70_000, 10, 700_000),
            new Candle(T0 + MINUTE, 72_000, 72_000, 72_000, 72_000, 10, 720_000),
            new Candle(T0 + 2 * MINUTE, 73_000, 73_000, 73_000, 73_000, 5, 365_000)), candles);
        driver.advance(1_000).run("CANCEL,2,3", "PLACE,2,9,005930,SELL,LIMIT,GTC,74000,1", "PLACE,1,9,005930,BUY,LIMIT,GTC,74000,1",
            "PLACE,2,10,005930,SELL,LIMIT,GTC,71000,2", "PLACE,1,10,005930,BUY,LIMIT,GTC,71000,2");
        apply();
        assertEquals(new Candle(T0 + 2 * MINUTE, 73_000, 74_000, 71_000, 71_000, 8, 365_000 + 74_000 + 142_000),
            queries.candles("005930", T0 + 2 * MINUTE, T0 + 3 * MINUTE).get(0));
    }

    @Test
    void shouldStartANewEpochOnResetAndKeepTheOldHistory() throws Exception {
        driver.run("PLACE,1,6,005930,BUY,LIMIT,GTC,65000,2").advance(1_000).run("RESET,1,50000000");
        driver.advance(1_000).run("PLACE,2,7,005930,SELL,LIMIT,GTC,74000,2", "PLACE,1,7,005930,BUY,LIMIT,GTC,74000,2");
        apply();
        final Portfolio portfolio = queries.portfolio(1).orElseThrow();
        assertEquals(1, portfolio.epoch());
        assertEquals(50_000_000 - 148_000 - 22, portfolio.cash());
        assertEquals(0, portfolio.reservedCash());
        assertEquals(0, portfolio.realizedPnl());
        assertEquals(1, portfolio.positions().size());
        assertEquals(2, portfolio.positions().get(0).qty());
        assertEquals(74_000L, portfolio.positions().get(0).averagePrice());
        assertEquals(OrderStatus.CANCELED, queries.orders(1, Set.of(OrderStatus.CANCELED), null, Long.MAX_VALUE, 5)
            .orders().get(0).status());

        final HistoryPage history = queries.history(1, HistoryFilter.ALL, HistoryCursor.FIRST, 10);
        assertEquals(List.of("BUY", "RESET", "POSITION_CLOSED_BY_RESET", "SELL", "BUY", "BUY", "ACCOUNT_OPENED"),
            history.entries().stream().map(HistoryEntry::kind).toList());
        assertEquals(List.of(1, 1, 0, 0, 0, 0, 0), history.entries().stream().map(HistoryEntry::epoch).toList());
        assertEquals(15, history.entries().get(2).qty(), "the 15 shares the reset took");
        assertEquals(50_000_000L, history.entries().get(1).balance());
        assertEquals(List.of("0,15", "1,2"),
            Rows.of(db.dataSource(), "SELECT epoch, qty FROM positions WHERE user_id = 1 ORDER BY epoch"));
        assertFalse(queries.history(1, HistoryFilter.ALL, HistoryCursor.FIRST, 10).entries().isEmpty());
    }
}
