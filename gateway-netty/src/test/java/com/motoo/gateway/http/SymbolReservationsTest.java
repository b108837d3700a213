package com.motoo.gateway.http;

import com.motoo.gateway.marketdata.MarketDataHub;
import com.motoo.gateway.order.RequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The reservations of symbols being listed, the engine played by hand: a reservation stands for a
 * listing sent to the engine and not answered yet, so a race between two listings is held open for
 * as long as the test likes.
 */
@Timeout(10)
class SymbolReservationsTest {
    private final MarketDataHub hub = new MarketDataHub(0, loop -> () -> { });
    private final SymbolReservations reservations = new SymbolReservations(hub);

    private void assertRefused(String symbol, String message) {
        final RequestException refused = assertThrows(RequestException.class, () -> reservations.reserve(symbol));
        assertEquals("DUPLICATE_SYMBOL", refused.code());
        assertEquals(409, refused.httpStatus());
        assertEquals(message, refused.getMessage());
    }

    @Test
    void shouldRefuseALookAlikeOfASymbolWhoseListingIsWaitingForTheEngine() {
        reservations.reserve("qa-y");
        assertRefused("QA-Y", "symbol 'QA-Y' differs from 'qa-y', which is being listed, only in case");
        assertRefused("Qa-Y", "symbol 'Qa-Y' differs from 'qa-y', which is being listed, only in case");
        reservations.reserve("QA-Z");
    }

    @Test
    void shouldRefuseALookAlikeAfterTheEngineListedTheSymbol() {
        reservations.reserve("qa-y");
        hub.addListing("qa-y", "listed by the engine before it answers");
        reservations.release("qa-y");
        assertRefused("QA-Y", "symbol 'QA-Y' differs from the listed 'qa-y' only in case");
        reservations.reserve("qa-y"); // the refused look-alike holds no reservation: an exact duplicate goes to the engine
        reservations.release("qa-y");
    }

    @Test
    void shouldFreeTheSymbolOnceEveryListingOfItWasAnsweredWithoutListingIt() {
        reservations.reserve("qa-y");
        reservations.reserve("qa-y"); // an exact duplicate goes on to the engine, which answers it
        reservations.release("qa-y");
        assertRefused("QA-Y", "symbol 'QA-Y' differs from 'qa-y', which is being listed, only in case");
        reservations.release("qa-y");
        reservations.reserve("QA-Y");
    }

    @Test
    void shouldRefuseToReleaseASymbolThatIsNotReserved() {
        reservations.reserve("qa-y");
        assertThrows(IllegalStateException.class, () -> reservations.release("QA-Y"));
        reservations.release("qa-y");
        assertThrows(IllegalStateException.class, () -> reservations.release("qa-y"));
    }
}
