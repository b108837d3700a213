package com.motoo.journal.codec;

import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandFormat;
import com.motoo.engine.event.EventTextFormat;
import com.motoo.journal.tool.FullEventTextFormat;
import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EngineEventAdapter;
import com.motoo.engine.event.RejectReason;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class CodecTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final String[] COMMANDS = {
        "LIST,005930,삼성전자,71000", "ACCOUNT,1,100000000", "GRANT,1,005930,10",
        "PLACE,1,7,005930,SELL,LIMIT,FOK,71000,3", "PLACE,2,8,005930,BUY,MARKET,IOC,0,5", "CANCEL,1,7",
        "MODIFY,1,7,70900,2", "EOD", "HALT,005930", "RESUME,005930", "DEPOSIT,1,-500", "RESET,2,0",
    };

    @Test
    void shouldRoundTripEveryCommandTypeWithItsStamp() throws Exception {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
        int length = 0;
        final Command command = new Command();
        for (int i = 0; i < COMMANDS.length; i++) {
            CommandFormat.parse(COMMANDS[i], i + 1, command);
            command.stamp(i + 100, 1_700_000_000_000L + i);
            length += CommandCodec.encode(command, buffer, length);
        }
        final Command decoded = new Command();
        final CommandCodec.Decoder decoder = new CommandCodec.Decoder();
        int offset = 0;
        for (int i = 0; i < COMMANDS.length; i++) {
            offset += decoder.decode(buffer, offset, length, decoded);
            assertEquals(COMMANDS[i], decoded.toString());
            assertEquals(i + 100, decoded.sequence());
            assertEquals(1_700_000_000_000L + i, decoded.timestamp());
        }
        assertEquals(length, offset);
    }

    @Test
    void shouldRoundTripEveryEventKind() {
        final EventCodec.Encoder encoder = new EventCodec.Encoder();
        final StringBuilder direct = new StringBuilder();
        final FullEventTextFormat text = new FullEventTextFormat(direct);
        encoder.begin(5, 55);
        text.onSymbolListed(1L << 56, "이름", 1000);
        encoder.onSymbolListed(1L << 56, "이름", 1000);
        encoder.onAccountOpened(1, 2);
        text.onAccountOpened(1, 2);
        encoder.onSharesGranted(1, 2, 3);
        text.onSharesGranted(1, 2, 3);
        encoder.onBasePriceSet(4, 5);
        text.onBasePriceSet(4, 5);
        encoder.onHaltChanged(4, true);
        text.onHaltChanged(4, true);
        encoder.onCashDeposited(1, -7, 9);
        text.onCashDeposited(1, -7, 9);
        encoder.onAccountReset(1, 10);
        text.onAccountReset(1, 10);
        encoder.finish();
        encoder.begin(6, 66);
        encoder.finish();
        final UnsafeBuffer in = new UnsafeBuffer(encoder.bytes(), 0, encoder.length());
        final StringBuilder decoded = new StringBuilder();
        final EventCodec.Decoder decoder = new EventCodec.Decoder();
        assertEquals(5, decoder.readHeader(in, 0, encoder.length()).sequence());
        assertEquals(55, decoder.timestamp());
        assertEquals(7, decoder.count());
        final int next = decoder.decodeGroup(in, 0, encoder.length(), new FullEventTextFormat(decoded));
        assertEquals(6, decoder.readHeader(in, next, encoder.length()).sequence());
        assertEquals(66, decoder.timestamp());
        assertEquals(encoder.length(), decoder.decodeGroup(in, next, encoder.length(), new EventTextFormat(decoded)));
        assertEquals(direct.toString(), decoded.toString());
    }

    /**
     * The decoders' contract: nothing is allocated per record but a LIST's name. Counted with the
     * JVM's per-thread allocation counter over many records of the other types, after a first
     * unmeasured round that may load classes (the enums' own
     * {@code values()} copies its array on every call, which the decoders once did per field). The
     * least of five windows counts: the JVM itself sometimes allocates a few KB on the thread once
     * (seen: 24 KB in one window of a CI run), while one allocation per record, 16 bytes at least,
     * would put 320 KB in every window.
     */
    @Test
    void shouldDecodeOrdersAndTheirEventsWithoutAllocating() throws Exception {
        final ExpandableArrayBuffer commands = new ExpandableArrayBuffer(4096);
        int commandsLength = 0;
        final Command command = new Command();
        for (String line : new String[] {"PLACE,1,7,005930,SELL,LIMIT,FOK,71000,3", "CANCEL,1,7", "MODIFY,1,7,70900,2"}) {
            CommandFormat.parse(line, 1, command);
            commandsLength += CommandCodec.encode(command.stamp(9, 1_700_000_000_000L), commands, commandsLength);
        }
        final EventCodec.Encoder events = new EventCodec.Encoder();
        events.begin(9, 1_700_000_000_000L);
        events.onAccepted(1, 7, 5930, Side.SELL, OrderType.LIMIT, TimeInForce.DAY, 71_000, 3);
        events.onRejected(1, 7, CommandType.PLACE, RejectReason.INSUFFICIENT_CASH);
        events.onTrade(5930, 71_000, 3, 2, 8, 1, 7, Side.BUY, 30, 30, 400, 0, 0);
        events.finish();
        final UnsafeBuffer eventBytes = new UnsafeBuffer(events.bytes(), 0, events.length());
        final CommandCodec.Decoder commandDecoder = new CommandCodec.Decoder();
        final EventCodec.Decoder eventDecoder = new EventCodec.Decoder();
        final EngineEventAdapter listener = new EngineEventAdapter() { };
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final int rounds = 20_000;
        long least = Long.MAX_VALUE;
        for (int window = -1; window < 5; window++) { // window -1: unmeasured
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int round = 0; round < rounds; round++) {
                for (int offset = 0; offset < commandsLength; ) {
                    offset += commandDecoder.decode(commands, offset, commandsLength, command);
                }
                eventDecoder.decodeGroup(eventBytes, 0, events.length(), listener);
            }
            if (window >= 0) {
                least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
            }
        }
        assertTrue(least < 16_384, least + " bytes allocated in the least of five windows of " + rounds
            + " rounds of 3 commands and 3 events, after one unmeasured window");
    }

    @Test
    void shouldReportGarbageAsAFormatErrorAndNothingElse() {
        final SplittableRandom random = new SplittableRandom(7);
        final EventCodec.Decoder decoder = new EventCodec.Decoder();
        final CommandCodec.Decoder commands = new CommandCodec.Decoder();
        for (int round = 0; round < 3_000; round++) {
            final byte[] bytes = new byte[random.nextInt(1, 200)];
            random.nextBytes(bytes);
            bytes[0] = round % 3 == 0 ? bytes[0] : (byte) (round % 3);
            final UnsafeBuffer in = new UnsafeBuffer(bytes);
            try {
                for (int offset = 0; offset < bytes.length; ) {
                    offset += commands.decode(in, offset, bytes.length, new Command());
                }
            } catch (JournalFormatException expected) {
                // the only failure garbage may cause
            }
            try {
                for (int offset = 0; offset < bytes.length; ) {
                    offset = decoder.decodeGroup(in, offset, bytes.length, new EventTextFormat(new StringBuilder()));
                }
            } catch (JournalFormatException expected) {
                // the only failure garbage may cause
            }
        }
        assertThrows(JournalFormatException.class,
            () -> commands.decode(new UnsafeBuffer(new byte[10]), 0, 10, new Command()));
        final byte[] over64Bits = {-1, -1, -1, -1, -1, -1, -1, -1, -1, 0x7F, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        for (int limit : new int[] {10, over64Bits.length}) {
            assertThrows(JournalFormatException.class,
                () -> new RecordCursor().wrap(new UnsafeBuffer(over64Bits), 0, limit, true).getLong(),
                "a tenth byte carrying more than the 64th bit, limit " + limit);
        }
    }

    @Test
    void shouldRoundTripExtremeValuesThroughTheVariableLengthLayout() {
        final long[] values = {0, 1, -1, 63, -64, 64, -65, 127, 128, 71_000, 1_700_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE};
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
        final Command command = new Command();
        final Command decoded = new Command();
        final CommandCodec.Decoder decoder = new CommandCodec.Decoder();
        for (long value : values) {
            command.place(value, value, value, Side.SELL, OrderType.LIMIT, TimeInForce.DAY, value, value).stamp(value, value);
            final int length = CommandCodec.encode(command, buffer, 0);
            assertTrue(length <= CommandCodec.MAX_LENGTH, "record of " + length + " bytes");
            assertEquals(length, decoder.decode(buffer, 0, length, decoded), "value " + value);
            assertEquals(command.toString(), decoded.toString(), "value " + value);
            assertEquals(value, decoded.sequence());
            assertEquals(value, decoded.timestamp());
            assertThrows(JournalFormatException.class, () -> decoder.decode(buffer, 0, length - 1, decoded),
                "a record cut short by one byte is refused, value " + value);
        }
    }

    /** Every length from 1 to 10 bytes, read from a heap array away from the limit (the fast path), off-heap and at the very end of the data (checked byte by byte). */
    @Test
    void shouldReadVariableLengthLongsOfEveryLengthTheSameOnEveryPath() {
        final SplittableRandom random = new SplittableRandom(11);
        final UnsafeBuffer offHeap = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        final ExpandableArrayBuffer heap = new ExpandableArrayBuffer(64);
        final RecordCursor cursor = new RecordCursor();
        for (int bits = 0; bits < 64; bits++) {
            for (int i = 0; i < 50; i++) {
                final long magnitude = bits == 0 ? 0 : (1L << bits - 1) | (random.nextLong() >>> (65 - bits));
                final long value = random.nextBoolean() ? magnitude : -magnitude - 1;
                final int length = RecordCursor.putVarLong(heap, 0, value);
                assertEquals(length, RecordCursor.putVarLong(offHeap, 0, value), "value " + value);
                heap.putLong(length, -1L);
                heap.putLong(length + 8, -1L);
                assertEquals(value, cursor.wrap(heap, 0, length + 16, true).getLong(), "heap, value " + value);
                assertEquals(length, cursor.position(), "heap, value " + value);
                final UnsafeBuffer atOffset = new UnsafeBuffer(new byte[length + 21], 5, length + 16);
                atOffset.putBytes(0, heap, 0, length + 16);
                assertEquals(value, cursor.wrap(atOffset, 0, length + 16, true).getLong(), "array at an offset, value " + value);
                assertEquals(value, cursor.wrap(heap, 0, length, true).getLong(), "at the limit, value " + value);
                assertEquals(value, cursor.wrap(offHeap, 0, length, true).getLong(), "off heap, value " + value);
                assertThrows(JournalFormatException.class, () -> cursor.wrap(heap, 0, length - 1, true).getLong(),
                    "cut short, value " + value);
            }
        }
    }

    @Test
    void shouldWriteAModifyInAQuarterOfTheFixedLayoutsBytes() throws Exception {
        final Command command = new Command();
        CommandFormat.parse("MODIFY,1234,5678,71100,25", 1, command);
        command.stamp(9_876_543, 1_764_000_000_000L);
        assertEquals(20, CommandCodec.encode(command, new ExpandableArrayBuffer(128), 0), "against 71 in version 1");
        final EventCodec.Encoder encoder = new EventCodec.Encoder();
        encoder.begin(9_876_543, 1_764_000_000_000L);
        encoder.onModified(1234, 5678, 71100, 25);
        encoder.finish();
        assertEquals(24, encoder.length(), "against 54 in version 1");
    }

    /** Journals written before version 2 stay readable: version 1 records built here byte by byte as journal/FORMAT.md lays them out. */
    @Test
    void shouldStillReadVersionOneRecordsMixedWithVersionTwo() throws Exception {
        final MutableDirectBuffer v1 = new ExpandableArrayBuffer(1024);
        v1.putByte(0, (byte) 1);
        v1.putByte(1, (byte) CommandType.MODIFY.ordinal());
        v1.putLong(2, 41, LE);
        v1.putLong(10, 1_700_000_000_041L, LE);
        v1.putLong(18, 7, LE);
        v1.putLong(26, 9, LE);
        v1.putLong(34, 0, LE);
        v1.putByte(42, (byte) -1);
        v1.putByte(43, (byte) -1);
        v1.putByte(44, (byte) -1);
        v1.putLong(45, 70_900, LE);
        v1.putLong(53, 2, LE);
        v1.putLong(61, 0, LE);
        v1.putShort(69, (short) 0, LE);
        final byte[] name = "삼성전자".getBytes(StandardCharsets.UTF_8);
        v1.putByte(71, (byte) 1);
        v1.putByte(72, (byte) CommandType.LIST.ordinal());
        v1.putLong(73, 42, LE);
        v1.putLong(81, 1_700_000_000_042L, LE);
        v1.putLong(105, Symbol.encode("005930"), LE);
        v1.putLong(116, 71_000, LE);
        v1.putShort(140, (short) name.length, LE);
        v1.putBytes(142, name);
        int length = 142 + name.length;
        final Command command = new Command();
        CommandFormat.parse("CANCEL,7,9", 1, command);
        command.stamp(43, 1_700_000_000_043L);
        length += CommandCodec.encode(command, v1, length);

        final CommandCodec.Decoder decoder = new CommandCodec.Decoder();
        final Command decoded = new Command();
        int offset = decoder.decode(v1, 0, length, decoded);
        assertEquals("MODIFY,7,9,70900,2", decoded.toString());
        assertEquals(41, decoded.sequence());
        assertEquals(1_700_000_000_041L, decoded.timestamp());
        offset += decoder.decode(v1, offset, length, decoded);
        assertEquals("LIST,005930,삼성전자,71000", decoded.toString());
        assertEquals(42, decoded.sequence());
        offset += decoder.decode(v1, offset, length, decoded);
        assertEquals("CANCEL,7,9", decoded.toString());
        assertEquals(length, offset);

        final MutableDirectBuffer events = new ExpandableArrayBuffer(1024);
        events.putByte(0, (byte) 1);
        events.putLong(1, 41, LE);
        events.putLong(9, 1_700_000_000_041L, LE);
        events.putInt(17, 1, LE);
        events.putByte(21, (byte) 5);
        events.putLong(22, 7, LE);
        events.putLong(30, 9, LE);
        events.putLong(38, 70_900, LE);
        events.putLong(46, 2, LE);
        final EventCodec.Encoder encoder = new EventCodec.Encoder();
        encoder.begin(42, 1_700_000_000_042L);
        encoder.onCanceled(7, 9, 2);
        encoder.finish();
        events.putBytes(54, encoder.bytes(), 0, encoder.length());
        final int eventsLength = 54 + encoder.length();
        final StringBuilder text = new StringBuilder();
        final EventCodec.Decoder eventDecoder = new EventCodec.Decoder();
        assertEquals(1_700_000_000_041L, eventDecoder.readHeader(events, 0, eventsLength).timestamp());
        final int next = eventDecoder.decodeGroup(events, 0, eventsLength, new EventTextFormat(text));
        assertEquals(54, next);
        assertEquals(42, eventDecoder.readHeader(events, next, eventsLength).sequence());
        assertEquals(eventsLength, eventDecoder.decodeGroup(events, next, eventsLength, new EventTextFormat(text)));
        assertEquals("MODIFIED,7,9,70900,2\nCANCELED,7,9,2\n", text.toString());
    }
}
