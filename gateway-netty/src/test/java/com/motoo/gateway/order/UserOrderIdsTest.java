package com.motoo.gateway.order;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UserOrderIdsTest {
    private final UserOrderIds ids = new UserOrderIds(0);

    @Test
    void shouldNameTheOrderThatHoldsAClientOrderId() {
        assertEquals(0, ids.bind("my-1", 1));
        assertEquals(1, ids.bind("my-1", 2));
        assertEquals(1, ids.orderIdOf("my-1"));
        assertEquals(0, ids.orderIdOf("my-2"));
    }

    @Test
    void shouldFreeAClientOrderIdOnlyForTheOrderThatHoldsIt() {
        ids.bind("my-1", 1);
        ids.unbind("my-1", 2);
        assertEquals(1, ids.orderIdOf("my-1"));
        ids.unbind("my-1", 1);
        assertEquals(0, ids.orderIdOf("my-1"));
        assertEquals(0, ids.bind("my-1", 3));
    }
}
