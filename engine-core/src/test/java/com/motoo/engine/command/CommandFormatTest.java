package com.motoo.engine.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command-file parser: strict about every field, exact about line numbers. */
@Timeout(10)
class CommandFormatTest {
    private final Command command = new Command();

    @Test
    void shouldParseEveryCommandKind() throws CommandFormatException {
        assertParsesTo("LIST,005930,Samsung,71000", "LIST,005930,Samsung,71000");
        assertParsesTo("ACCOUNT,7,100000000", "ACCOUNT,7,100000000");
        assertParsesTo("GRANT,7,005930,1000", "GRANT,7,005930,1000");
        assertParsesTo("PLACE,7,1,005930,BUY,LIMIT,GTC,71000,10", "PLACE,7,1,005930,BUY,LIMIT,GTC,71000,10");
        assertParsesTo("PLACE,7,2,005930,SELL,MARKET,FOK,0,3", "PLACE,7,2,005930,SELL,MARKET,FOK,0,3");
        assertParsesTo("CANCEL,7,1", "CANCEL,7,1");
        assertParsesTo("MODIFY,7,1,70900,5", "MODIFY,7,1,70900,5");
        assertParsesTo("EOD", "EOD");
        assertParsesTo("HALT,005930", "HALT,005930");
        assertParsesTo("RESUME,005930", "RESUME,005930");
        assertParsesTo("DEPOSIT,7,-500", "DEPOSIT,7,-500");
        assertParsesTo("RESET,7,1000", "RESET,7,1000");
    }

    @Test
    void shouldFillEveryFieldOfAPlace() throws CommandFormatException {
        assertTrue(CommandFormat.parse("PLACE,7,12,A-1.b_,SELL,LIMIT,DAY,1990,25", 1, command));
        assertEquals(CommandType.PLACE, command.type());
        assertEquals(7, command.userId());
        assertEquals(12, command.orderId());
        assertEquals("A-1.b_", Symbol.decode(command.symbol()));
        assertEquals(Side.SELL, command.side());
        assertEquals(OrderType.LIMIT, command.orderType());
        assertEquals(TimeInForce.DAY, command.tif());
        assertEquals(1990, command.price());
        assertEquals(25, command.qty());
    }

    @Test
    void shouldIgnoreCommentsBlankLinesAndSpacesAroundFields() throws CommandFormatException {
        assertFalse(CommandFormat.parse("", 1, command));
        assertFalse(CommandFormat.parse("   \t ", 2, command));
        assertFalse(CommandFormat.parse("# PLACE,1,1,A,BUY,LIMIT,GTC,100,1", 3, command));
        assertParsesTo("  CANCEL , 3 ,  4  # trailing comment", "CANCEL,3,4");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "PLACE,1,1,A,BUY,LIMIT,GTC,100",
        "PLACE,1,1,A,BUY,LIMIT,GTC,100,1,9",
        "PLACE,1,1,A,BUY,LIMIT,GTC,100,1,",
        "CANCEL,1",
        "CANCEL,1,2,3",
        "MODIFY,1,2,100",
        "LIST,A,Alpha",
        "LIST,A,,1000",
        "ACCOUNT,1",
        "GRANT,1,A",
        "EOD,1",
        "EOD,",
        "HALT",
        "DEPOSIT,1",
        "RESET,1,2,3",
    })
    void shouldRejectAWrongFieldCountWithItsLineNumber(String line) {
        assertMalformed(line, 17);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "PLACE,1,x,A,BUY,LIMIT,GTC,100,1",
        "PLACE,1,1,A,BUY,LIMIT,GTC,100.5,1",
        "PLACE,1,1,A,BUY,LIMIT,GTC,1e3,1",
        "PLACE,1,1,A,BUY,LIMIT,GTC,,1",
        "PLACE,1,1,A,BUY,LIMIT,GTC,100,99999999999999999999",
        "PLACE,1,1,A,BUY,LIMIT,GTC,1_000,1",
        "PLACE,1,1,A,BUY,LIMIT,GTC,0x10,1",
        "ACCOUNT,1,1000 000",
        "ACCOUNT,1,ten",
        "MODIFY,1,1,100,five",
        "DEPOSIT,1,+-5",
        "LIST,A,Alpha,abc",
    })
    void shouldRejectANonIntegerWithItsLineNumber(String line) {
        assertMalformed(line, 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "PLACE,0,1,A,BUY,LIMIT,GTC,100,1",
        "PLACE,1,0,A,BUY,LIMIT,GTC,100,1",
        "PLACE,-1,1,A,BUY,LIMIT,GTC,100,1",
        "PLACE,1,-5,A,BUY,LIMIT,GTC,100,1",
        "CANCEL,1,0",
        "CANCEL,0,1",
        "MODIFY,1,-1,100,1",
        "ACCOUNT,0,100",
        "GRANT,-2,A,5",
        "DEPOSIT,0,5",
        "RESET,-1,5",
    })
    void shouldRejectZeroOrNegativeIdsWithTheirLineNumber(String line) {
        assertMalformed(line, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "PLACE,1,1,A,BY,LIMIT,GTC,100,1",
        "PLACE,1,1,A,buy,LIMIT,GTC,100,1",
        "PLACE,1,1,A,BUY,STOP,GTC,100,1",
        "PLACE,1,1,A,BUY,LIMIT,GTD,100,1",
        "PLACE,1,1,A,BUY,LIMIT,,100,1",
        "PLACE,1,1,A,LIMIT,BUY,GTC,100,1",
    })
    void shouldRejectABadEnumWithItsLineNumber(String line) {
        assertMalformed(line, 42);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "PLACE,1,1,,BUY,LIMIT,GTC,100,1",
        "PLACE,1,1,TOOLONGSY,BUY,LIMIT,GTC,100,1",
        "PLACE,1,1,A B,BUY,LIMIT,GTC,100,1",
        "PLACE,1,1,삼성,BUY,LIMIT,GTC,100,1",
        "LIST,A/B,Alpha,1000",
        "GRANT,1,A;B,5",
        "HALT,A*",
    })
    void shouldRejectABadSymbolWithItsLineNumber(String line) {
        assertMalformed(line, 8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIST,Q1,a\u0000b,1000", "LIST,Q1,a\u0007b,1000", "LIST,Q1,a\u007Fb,1000"})
    void shouldRejectAListingNameWithAControlCharacter(String line) {
        assertMalformed(line, 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "BUY,1,1,A,100,1",
        "place,1,1,A,BUY,LIMIT,GTC,100,1",
        "Eod",
        "CANCEL1,2",
        ",1,2",
        "SNAPSHOT",
    })
    void shouldRejectAnUnknownKeywordWithItsLineNumber(String line) {
        assertMalformed(line, 1_000_001);
    }

    @Test
    void shouldWriteWhatItReads() throws CommandFormatException {
        final String[] lines = {
            "LIST,000660,SK-Hynix,199500", "ACCOUNT,3,0", "GRANT,3,000660,10",
            "PLACE,3,9,000660,BUY,MARKET,IOC,0,1000000000", "MODIFY,3,9,1,1", "DEPOSIT,3,-1", "EOD",
        };
        for (String line : lines) {
            assertParsesTo(line, line);
            final Command again = new Command();
            assertTrue(CommandFormat.parse(command.toString(), 1, again));
            assertEquals(line, again.toString());
        }
    }

    private void assertParsesTo(String line, String expected) throws CommandFormatException {
        assertTrue(CommandFormat.parse(line, 1, command), line);
        assertEquals(expected, command.toString());
    }

    private void assertMalformed(String line, long lineNumber) {
        final CommandFormatException e = assertThrows(CommandFormatException.class,
            () -> CommandFormat.parse(line, lineNumber, command), line);
        assertEquals(lineNumber, e.lineNumber(), line);
        assertTrue(e.getMessage().startsWith("line " + lineNumber + ": "), e.getMessage());
    }
}
