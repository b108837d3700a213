package com.motoo.journal.codec;

import com.motoo.engine.command.Command;
import com.motoo.engine.command.CommandFormat;
import com.motoo.engine.event.EventTextFormat;
import com.motoo.journal.tool.FullEventTextFormat;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(30)
class CodecTest {
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
        int offset = 0;
        for (int i = 0; i < COMMANDS.length; i++) {
            offset += CommandCodec.decode(buffer, offset, length, decoded);
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
        assertEquals(5, EventCodec.sequenceAt(in, 0, encoder.length()));
        assertEquals(7, EventCodec.countAt(in, 0));
        final int next = decoder.decodeGroup(in, 0, encoder.length(), new FullEventTextFormat(decoded));
        assertEquals(6, EventCodec.sequenceAt(in, next, encoder.length()));
        assertEquals(66, EventCodec.timestampAt(in, next));
        assertEquals(encoder.length(), decoder.decodeGroup(in, next, encoder.length(), new EventTextFormat(decoded)));
        assertEquals(direct.toString(), decoded.toString());
    }

    @Test
    void shouldReportGarbageAsAFormatErrorAndNothingElse() {
        final SplittableRandom random = new SplittableRandom(7);
        final EventCodec.Decoder decoder = new EventCodec.Decoder();
        for (int round = 0; round < 2_000; round++) {
            final byte[] bytes = new byte[random.nextInt(1, 200)];
            random.nextBytes(bytes);
            bytes[0] = round % 2 == 0 ? CommandCodec.VERSION : bytes[0];
            final UnsafeBuffer in = new UnsafeBuffer(bytes);
            try {
                for (int offset = 0; offset < bytes.length; ) {
                    offset += CommandCodec.decode(in, offset, bytes.length, new Command());
                }
            } catch (JournalFormatException expected) {
                // the only failure garbage may cause
            }
            try {
                for (int offset = 0; offset < bytes.length; ) {
                    EventCodec.sequenceAt(in, offset, bytes.length);
                    offset = decoder.decodeGroup(in, offset, bytes.length, new EventTextFormat(new StringBuilder()));
                }
            } catch (JournalFormatException expected) {
                // the only failure garbage may cause
            }
        }
        assertThrows(JournalFormatException.class,
            () -> CommandCodec.decode(new UnsafeBuffer(new byte[10]), 0, 10, new Command()));
    }
}
