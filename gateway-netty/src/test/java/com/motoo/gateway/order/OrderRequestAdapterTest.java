package com.motoo.gateway.order;

import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.TimeInForce;
import com.motoo.gateway.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The adapter's rules that are not the reader's: optional fields given as null, text a person reads. */
@Timeout(10)
class OrderRequestAdapterTest {
    private static final String CONTROL = " must not hold control characters (U+0000 to U+001F, U+007F) or lone surrogates";

    @Test
    void shouldTakeAnOptionalPlaceFieldGivenAsNullAsAbsent() {
        final PlaceRequest limit = OrderRequestAdapter.place(RequestReader.read("{\"op\":\"place\",\"clientOrderId\":null,"
            + "\"symbol\":\"005930\",\"side\":\"BUY\",\"type\":null,\"tif\":null,\"price\":71000,\"qty\":10}"));
        assertNull(limit.clientOrderId(), "the server assigns one");
        assertEquals(OrderType.LIMIT, limit.orderType());
        assertEquals(TimeInForce.GTC, limit.tif());
        final PlaceRequest market = OrderRequestAdapter.place(RequestReader.read(
            "{\"op\":\"place\",\"symbol\":\"005930\",\"side\":\"BUY\",\"type\":\"MARKET\",\"tif\":\"IOC\",\"price\":null,\"qty\":10}"));
        assertEquals(0, market.price());
    }

    /** A MARKET order never rests, whatever its tif short of FOK: without one it is told to be the IOC it is. */
    @Test
    void shouldGiveAMarketOrderWithoutTifTheIocItHasAndKeepTheTifAClientSent() {
        final String market = "{\"op\":\"place\",\"symbol\":\"005930\",\"side\":\"SELL\",\"type\":\"MARKET\",\"qty\":1";
        assertEquals(TimeInForce.IOC, OrderRequestAdapter.place(RequestReader.read(market + "}")).tif());
        assertEquals(TimeInForce.IOC, OrderRequestAdapter.place(RequestReader.read(market + ",\"tif\":null}")).tif());
        for (TimeInForce sent : TimeInForce.values()) {
            assertEquals(sent, OrderRequestAdapter.place(RequestReader.read(market + ",\"tif\":\"" + sent + "\"}")).tif());
        }
        assertEquals(TimeInForce.GTC, OrderRequestAdapter.place(RequestReader.read(
            "{\"op\":\"place\",\"symbol\":\"005930\",\"side\":\"SELL\",\"price\":71000,\"qty\":1}")).tif());
    }

    @Test
    void shouldStillRefuseARequiredFieldGivenAsNullAsMissing() {
        assertEquals("symbol is required", assertThrows(RequestException.class, () -> OrderRequestAdapter.place(
            RequestReader.read("{\"op\":\"place\",\"symbol\":null,\"side\":\"BUY\",\"price\":71000,\"qty\":10}")))
            .getMessage());
    }

    @Test
    void shouldNameAnOrderByTheOneOfItsIdsThatIsNotNull() {
        assertEquals(new OrderTarget(0, "my-1"), OrderRequestAdapter.target(
            RequestReader.read("{\"op\":\"cancel\",\"orderId\":null,\"clientOrderId\":\"my-1\"}"), false));
        assertEquals(new OrderTarget(42, null), OrderRequestAdapter.target(
            RequestReader.read("{\"op\":\"cancel\",\"orderId\":42,\"clientOrderId\":null}"), false));
        assertEquals("exactly one of orderId and clientOrderId is required", assertThrows(RequestException.class,
            () -> OrderRequestAdapter.target(RequestReader.read("{\"op\":\"cancel\",\"orderId\":null}"), false)).getMessage());
    }

    @Test
    void shouldReadAnOptionalTextGivenAsNullAsAbsent() {
        assertNull(OrderRequestAdapter.optionalText(Json.parse("{\"displayName\":null}"), "displayName"));
        assertNull(OrderRequestAdapter.optionalText(Json.parse("{}"), "displayName"));
        assertEquals("Kim", OrderRequestAdapter.optionalText(Json.parse("{\"displayName\":\"Kim\"}"), "displayName"));
        assertEquals("displayName must be a string", assertThrows(RequestException.class,
            () -> OrderRequestAdapter.optionalText(Json.parse("{\"displayName\":7}"), "displayName")).getMessage());
    }

    @Test
    void shouldTakePlainTextInAnyScriptWithWholeCharactersOnly() {
        for (String text : List.of("Samsung Electronics", "삼성전자", "smile \ud83d\ude00", "tab-free ~")) {
            assertEquals(text, OrderRequestAdapter.plainText(text, "name"));
        }
        for (String text : List.of("a\u0000b", "a\tb", "a\nb", "\u001f", "a\u007fb", "a\ud800b", "a\udc00", "end\ud83d")) {
            assertEquals("name" + CONTROL, assertThrows(RequestException.class,
                () -> OrderRequestAdapter.plainText(text, "name")).getMessage(), text);
        }
    }
}
