package com.motoo.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class ConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadTheJwtSecretFromAFileBeforeTheProperty() throws Exception {
        final Path file = dir.resolve("jwt-secret");
        Files.writeString(file, "  a-secret-of-at-least-thirty-two-bytes-from-a-file\n");
        final Properties p = new Properties();
        p.setProperty(Configuration.JWT_SECRET, "a-secret-of-at-least-thirty-two-bytes-from-a-property");
        p.setProperty(Configuration.JWT_SECRET_FILE, file.toString());
        assertArrayEquals("a-secret-of-at-least-thirty-two-bytes-from-a-file".getBytes(StandardCharsets.UTF_8),
            Configuration.from(p).jwtSecret());
    }

    @Test
    void shouldRefuseAMissingOrShortSecretFile() throws Exception {
        final Properties p = new Properties();
        p.setProperty(Configuration.JWT_SECRET_FILE, dir.resolve("absent").toString());
        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Configuration.from(p));
        assertTrue(missing.getMessage().startsWith(Configuration.JWT_SECRET_FILE + " cannot be read"), missing.getMessage());

        final Path shortFile = dir.resolve("short");
        Files.writeString(shortFile, "too-short");
        p.setProperty(Configuration.JWT_SECRET_FILE, shortFile.toString());
        final IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class, () -> Configuration.from(p));
        assertEquals(Configuration.JWT_SECRET + " must be at least 32 bytes", tooShort.getMessage());
    }

    @Test
    void shouldShareOneReadingOfTheRankingsForFiveSecondsByDefault() {
        assertEquals(5_000, Configuration.from(new Properties()).rankingsRefreshMillis());
        final Properties p = new Properties();
        p.setProperty(Configuration.RANKINGS_REFRESH_MILLIS, "0");
        assertEquals(0, Configuration.from(p).rankingsRefreshMillis());
        assertRefused(Configuration.RANKINGS_REFRESH_MILLIS, "-1", Configuration.RANKINGS_REFRESH_MILLIS + " must be at least 0");
        assertRefused(Configuration.RANKINGS_REFRESH_MILLIS, "5s", Configuration.RANKINGS_REFRESH_MILLIS + " must be an integer");
    }

    @Test
    void shouldTakeScheduledSnapshotsEveryMinuteByDefault() {
        assertEquals(60_000, Configuration.from(new Properties()).snapshotIntervalMillis());
        final Properties p = new Properties();
        p.setProperty(Configuration.SNAPSHOT_INTERVAL_MILLIS, "0");
        assertEquals(0, Configuration.from(p).snapshotIntervalMillis());
    }

    @Test
    void shouldWaitBySpinningThenBlockingByDefaultAndRefuseAnUnknownWaitStrategy() {
        assertEquals("spinning-blocking", Configuration.from(new Properties()).waitStrategy());
        final Properties p = new Properties();
        p.setProperty(Configuration.WAIT_STRATEGY, "sleeping-blocking");
        assertEquals("sleeping-blocking", Configuration.from(p).waitStrategy());
        assertRefused(Configuration.WAIT_STRATEGY, "spinning", Configuration.WAIT_STRATEGY
            + " must be one of spinning-blocking, sleeping-blocking, sleeping, parking, yielding, blocking: spinning");
    }

    @Test
    void shouldHaveNoMarketCloseUnlessOneIsConfigured() {
        final Configuration defaults = Configuration.from(new Properties());
        assertNull(defaults.marketClose());
        assertEquals(ZoneId.of("Asia/Seoul"), defaults.marketZone());
        assertEquals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), defaults.marketDays());

        final Properties p = new Properties();
        p.setProperty(Configuration.MARKET_CLOSE, "15:30");
        p.setProperty(Configuration.MARKET_ZONE, "UTC");
        p.setProperty(Configuration.MARKET_DAYS, "sat-mon, wednesday");
        final Configuration set = Configuration.from(p);
        assertEquals(LocalTime.of(15, 30), set.marketClose());
        assertEquals(ZoneId.of("UTC"), set.marketZone());
        assertEquals(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY),
            set.marketDays());
    }

    @Test
    void shouldRefuseMalformedMarketSettings() {
        assertRefused(Configuration.MARKET_CLOSE, "25:00", Configuration.MARKET_CLOSE + " must be HH:mm or off: '25:00'");
        assertRefused(Configuration.MARKET_ZONE, "Mars/Olympus", Configuration.MARKET_ZONE + " must be a time zone id");
        assertRefused(Configuration.MARKET_DAYS, "MON-FRI-SUN", Configuration.MARKET_DAYS + ": 'MON-FRI-SUN' is not");
        assertRefused(Configuration.MARKET_DAYS, "MO", Configuration.MARKET_DAYS + ": 'MO' is not a day of the week");
        assertRefused(Configuration.MARKET_DAYS, "", Configuration.MARKET_DAYS + ": '' is not a day of the week");
    }

    @Test
    void shouldLetPagesOfAnyOriginCallTheApiUnlessOriginsAreListed() {
        assertEquals(List.of("*"), Configuration.from(new Properties()).httpCorsOrigins());
        final Properties p = new Properties();
        p.setProperty(Configuration.HTTP_CORS_ORIGINS, " https://motoo.example, http://localhost:5173 ,");
        assertEquals(List.of("https://motoo.example", "http://localhost:5173"), Configuration.from(p).httpCorsOrigins());
    }

    @Test
    void shouldRefuseACorsOriginThatNoBrowserSends() {
        final String notAnOrigin = Configuration.HTTP_CORS_ORIGINS + ": '";
        assertRefused(Configuration.HTTP_CORS_ORIGINS, "https://motoo.example/", notAnOrigin + "https://motoo.example/' is not");
        assertRefused(Configuration.HTTP_CORS_ORIGINS, "https://Motoo.example", notAnOrigin + "https://Motoo.example' is not");
        assertRefused(Configuration.HTTP_CORS_ORIGINS, "motoo.example", notAnOrigin + "motoo.example' is not");
        assertRefused(Configuration.HTTP_CORS_ORIGINS, "*, https://motoo.example", notAnOrigin + "*' is not");
        assertRefused(Configuration.HTTP_CORS_ORIGINS, " , ", Configuration.HTTP_CORS_ORIGINS + " must be * or");
    }

    @Test
    void shouldRefuseACorsOriginWithItsSchemesDefaultPortWhichBrowsersLeaveOut() {
        final String prefix = Configuration.HTTP_CORS_ORIGINS + ": '";
        assertRefused(Configuration.HTTP_CORS_ORIGINS, "https://motoo.example:443", prefix
            + "https://motoo.example:443' names the default port, which browsers leave out of the origin they send,"
            + " so it would never match: drop the port ('https://motoo.example')");
        assertRefused(Configuration.HTTP_CORS_ORIGINS, "http://localhost:5173, http://motoo.example:80",
            prefix + "http://motoo.example:80' names the default port");
        final Properties p = new Properties();
        p.setProperty(Configuration.HTTP_CORS_ORIGINS, "https://motoo.example:80,http://motoo.example:443,http://motoo.example:8080");
        assertEquals(List.of("https://motoo.example:80", "http://motoo.example:443", "http://motoo.example:8080"),
            Configuration.from(p).httpCorsOrigins(), "any other port, another scheme's default one too, is kept");
    }

    @Test
    void shouldTryEachTransportThenTheOnesAfterIt() {
        assertEquals(Configuration.TRANSPORT_AUTO, Configuration.from(new Properties()).transports());
        assertEquals(List.of(GatewayTransport.IO_URING, GatewayTransport.EPOLL, GatewayTransport.NIO), transports("io_uring"));
        assertEquals(List.of(GatewayTransport.EPOLL, GatewayTransport.NIO), transports(" epoll "));
        assertEquals(List.of(GatewayTransport.NIO), transports("nio"));
        assertEquals(Configuration.TRANSPORT_AUTO, transports("auto"));
        assertRefused(Configuration.TRANSPORT, "uring", Configuration.TRANSPORT + " must be auto, io_uring, epoll or nio: 'uring'");
    }

    @Test
    void shouldStillServeOnNioWhenTheOlderEpollSwitchIsOff() {
        final Properties p = new Properties();
        p.setProperty(Configuration.EPOLL, "false");
        assertEquals(List.of(GatewayTransport.NIO), Configuration.from(p).transports());
        p.setProperty(Configuration.TRANSPORT, "nio");
        assertEquals(List.of(GatewayTransport.NIO), Configuration.from(p).transports());
        p.setProperty(Configuration.TRANSPORT, "io_uring");
        final IllegalArgumentException contradiction = assertThrows(IllegalArgumentException.class, () -> Configuration.from(p));
        assertEquals(Configuration.EPOLL + "=false asks for nio, but " + Configuration.TRANSPORT + " is 'io_uring': set only "
            + Configuration.TRANSPORT, contradiction.getMessage());
        p.setProperty(Configuration.EPOLL, "true");
        assertEquals(GatewayTransport.IO_URING, Configuration.from(p).transports().get(0));
    }

    private static List<GatewayTransport> transports(String wanted) {
        final Properties p = new Properties();
        p.setProperty(Configuration.TRANSPORT, wanted);
        return Configuration.from(p).transports();
    }

    private static void assertRefused(String property, String value, String messageStart) {
        final Properties p = new Properties();
        p.setProperty(property, value);
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Configuration.from(p));
        assertTrue(refused.getMessage().startsWith(messageStart), refused.getMessage());
    }

    @Test
    void shouldSnapshotTheOrderStateEveryMinuteOrMillionRecordsByDefault() {
        final Configuration defaults = Configuration.from(new Properties());
        assertTrue(defaults.orderSnapshots());
        assertEquals(60_000, defaults.orderSnapshotIntervalMillis());
        assertEquals(1_000_000, defaults.orderSnapshotRecords());
        final Properties off = new Properties();
        off.setProperty(Configuration.ORDER_SNAPSHOTS, "false");
        assertFalse(Configuration.from(off).orderSnapshots());
        assertRefused(Configuration.ORDER_SNAPSHOT_RECORDS, "-1", Configuration.ORDER_SNAPSHOT_RECORDS);
        off.setProperty(Configuration.ORDER_SNAPSHOTS, " FALSE ");
        assertFalse(Configuration.from(off).orderSnapshots(), "any case, spaces around");
        assertRefused(Configuration.ORDER_SNAPSHOTS, "yes", Configuration.ORDER_SNAPSHOTS + " must be true or false");
    }
}
