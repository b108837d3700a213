package com.motoo.gateway.clock;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The exchange's trading-day clock: at the market close of every trading day (by default 15:30
 * Asia/Seoul, Monday to Friday, as on KRX) it runs the end-of-day action (the gateway submits the
 * EOD command through the pipeline, so it is journaled like any other: DAY orders expire and each
 * symbol's base price becomes its last price). The engine itself never reads a clock; only this
 * wall-clock schedule decides when EOD is submitted.
 *
 * <p>A close that passed while the gateway was down is not made up at start: the clock waits for
 * the next one (an operator can still call {@code POST /api/v1/admin/eod}). When the action throws
 * (the ring is full, the pipeline is stopping) it is retried every second, at most
 * {@value #RETRIES} times. Runs on the scheduler it is given (the gateway's housekeeping thread),
 * from {@link #start()} until that scheduler is shut down.
 */
public final class MarketClock {
    /** Retries of a failed end-of-day action, one second apart. */
    static final int RETRIES = 60;

    private final LocalTime close;
    private final ZoneId zone;
    private final Set<DayOfWeek> tradingDays;
    private final Clock clock;
    private final Runnable endOfDay;
    private final Consumer<String> log;
    private final ScheduledExecutorService scheduler;

    /**
     * @param close the market's closing time of day
     * @param zone the market's time zone
     * @param tradingDays the days that have a close (at least one)
     * @param clock wall clock (the system clock outside tests)
     * @param scheduler runs the clock's timers and the end-of-day action
     * @param endOfDay submits the end of day; throws when it could not be submitted
     * @param log where each close and each failure is reported
     */
    public MarketClock(LocalTime close, ZoneId zone, Set<DayOfWeek> tradingDays, Clock clock,
                       ScheduledExecutorService scheduler, Runnable endOfDay, Consumer<String> log) {
        if (tradingDays.isEmpty()) {
            throw new IllegalArgumentException("the market clock needs at least one trading day");
        }
        this.close = close;
        this.zone = zone;
        this.tradingDays = EnumSet.copyOf(tradingDays);
        this.clock = clock;
        this.scheduler = scheduler;
        this.endOfDay = endOfDay;
        this.log = log;
    }

    /**
     * @param now an instant
     * @return the first close strictly after {@code now}, in the market's zone
     */
    public ZonedDateTime nextClose(Instant now) {
        final ZonedDateTime local = now.atZone(zone);
        ZonedDateTime candidate = local.with(close);
        if (!candidate.isAfter(local)) {
            candidate = candidate.plusDays(1).with(close);
        }
        while (!tradingDays.contains(candidate.getDayOfWeek())) {
            candidate = candidate.plusDays(1).with(close);
        }
        return candidate;
    }

    /** Schedules the next close; call once. */
    public void start() {
        scheduleNext(clock.instant());
    }

    /** Schedules the first close after both now and {@code notBefore} (so a timer that fires early cannot repeat a close). */
    private void scheduleNext(Instant notBefore) {
        final Instant now = clock.instant();
        final ZonedDateTime next = nextClose(now.isAfter(notBefore) ? now : notBefore);
        final long delayMillis = Math.max(0, Duration.between(now, next.toInstant()).toMillis());
        log.accept("market clock: next close " + next);
        scheduler.schedule(() -> fire(next, 0), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Scheduler thread: runs the end of day for {@code closeTime}, retrying on failure, then schedules the next. */
    private void fire(ZonedDateTime closeTime, int attempt) {
        try {
            endOfDay.run();
            log.accept("market clock: end of day submitted for the close of " + closeTime);
        } catch (RuntimeException failure) {
            if (attempt < RETRIES) {
                log.accept("market clock: end of day not submitted (" + failure.getMessage() + "); retrying in 1 s");
                scheduler.schedule(() -> fire(closeTime, attempt + 1), 1, TimeUnit.SECONDS);
                return;
            }
            log.accept("market clock: end of day for the close of " + closeTime + " given up after " + RETRIES
                + " retries: " + failure.getMessage());
        }
        scheduleNext(closeTime.toInstant());
    }
}
