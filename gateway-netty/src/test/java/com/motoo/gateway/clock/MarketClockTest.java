package com.motoo.gateway.clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class MarketClockTest {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() throws InterruptedException {
        scheduler.shutdownNow();
        assertTrue(scheduler.awaitTermination(5, TimeUnit.SECONDS));
    }

    private MarketClock clock(LocalTime close, ZoneId zone, Set<DayOfWeek> days, Runnable endOfDay, List<String> log) {
        return new MarketClock(close, zone, days, Clock.systemUTC(), scheduler, endOfDay, log::add);
    }

    private static Instant seoul(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), SEOUL).toInstant();
    }

    @Test
    void shouldCloseTheSameDayBeforeTheCloseAndTheNextTradingDayAfterIt() {
        final MarketClock clock = clock(LocalTime.of(15, 30), SEOUL, WEEKDAYS, () -> { }, new CopyOnWriteArrayList<>());
        // 2026-11-25 is a Wednesday
        assertEquals(seoul("2026-11-25T15:30"), clock.nextClose(seoul("2026-11-25T09:00")).toInstant());
        assertEquals(seoul("2026-11-26T15:30"), clock.nextClose(seoul("2026-11-25T15:30")).toInstant());
        assertEquals(seoul("2026-11-26T15:30"), clock.nextClose(seoul("2026-11-25T23:59")).toInstant());
        // Friday after the close, Saturday and Sunday all wait for Monday
        assertEquals(seoul("2026-11-30T15:30"), clock.nextClose(seoul("2026-11-27T15:31")).toInstant());
        assertEquals(seoul("2026-11-30T15:30"), clock.nextClose(seoul("2026-11-28T12:00")).toInstant());
        assertEquals(seoul("2026-11-30T15:30"), clock.nextClose(seoul("2026-11-29T16:00")).toInstant());
    }

    @Test
    void shouldRefuseAClockWithoutTradingDays() {
        assertThrows(IllegalArgumentException.class, () -> clock(LocalTime.NOON, SEOUL,
            EnumSet.noneOf(DayOfWeek.class), () -> { }, new CopyOnWriteArrayList<>()));
    }

    @Test
    void shouldRunTheEndOfDayAtTheCloseAndThenWaitForTheNextDay() throws Exception {
        final Instant now = Instant.now();
        final LocalTime close = LocalTime.ofInstant(now.plusMillis(700), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        final CountDownLatch ran = new CountDownLatch(1);
        final AtomicInteger runs = new AtomicInteger();
        final List<String> log = new CopyOnWriteArrayList<>();
        final MarketClock clock = clock(close, ZoneOffset.UTC, EnumSet.allOf(DayOfWeek.class), () -> {
            runs.incrementAndGet();
            ran.countDown();
        }, log);
        clock.start();
        assertTrue(ran.await(10, TimeUnit.SECONDS), "end of day ran at the close");
        Thread.sleep(500);
        assertEquals(1, runs.get(), "one close, one end of day");
        final String next = clock.nextClose(Instant.now()).toString();
        assertTrue(log.stream().anyMatch(line -> line.equals("market clock: next close " + next)),
            "the next close is scheduled for tomorrow: " + log);
    }

    @Test
    void shouldRetryAnEndOfDayThatCouldNotBeSubmitted() throws Exception {
        final LocalTime close = LocalTime.ofInstant(Instant.now().plusMillis(300), ZoneOffset.UTC);
        final AtomicInteger attempts = new AtomicInteger();
        final CountDownLatch submitted = new CountDownLatch(1);
        final List<String> log = new CopyOnWriteArrayList<>();
        final MarketClock clock = clock(close, ZoneOffset.UTC, EnumSet.allOf(DayOfWeek.class), () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("the exchange is busy; try again");
            }
            submitted.countDown();
        }, log);
        clock.start();
        assertTrue(submitted.await(15, TimeUnit.SECONDS), "submitted on the third attempt");
        assertEquals(3, attempts.get());
        assertEquals(2, log.stream().filter(line -> line.contains("retrying in 1 s")).count(), log.toString());
    }
}
