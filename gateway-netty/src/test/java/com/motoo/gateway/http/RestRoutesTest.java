package com.motoo.gateway.http;

import com.motoo.gateway.http.RestRoutes.Access;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The routing table alone: matching, the Allow value of a path, the access of unknown paths, the methods it answers. */
@Timeout(10)
class RestRoutesTest {
    private static final RestRoutes.Handler GET_ORDER = r -> { };
    private static final RestRoutes.Handler CANCEL = r -> { };

    private final RestRoutes routes = RestRoutes.builder()
        .route("POST", "auth/login", Access.SIGN_IN, r -> { })
        .route("GET", "stocks/*", Access.PUBLIC, r -> { })
        .route("GET", "orders/*", Access.USER, GET_ORDER)
        .route("DELETE", "orders/*", Access.USER, CANCEL)
        .route("POST", "admin/eod", Access.ADMIN, r -> { })
        .build();

    @Test
    void shouldFindTheRouteOfAMethodOnAPathWithAnySegmentWhereTheTableHasAStar() {
        assertSame(GET_ORDER, routes.find(List.of("orders", "42"), "GET").handler());
        assertSame(CANCEL, routes.find(List.of("orders", "42"), "DELETE").handler());
        assertNull(routes.find(List.of("orders", "42"), "PATCH"), "no route for that method");
        assertNull(routes.find(List.of("orders", "42", "fills"), "GET"), "a star is one segment, no more");
        assertNull(routes.find(List.of("orders"), "GET"), "nor none");
    }

    @Test
    void shouldAllowEveryMethodOfAPathInTheOrderOfTheTable() {
        assertEquals("GET, DELETE", routes.allow(List.of("orders", "7")));
        assertEquals("POST", routes.allow(List.of("auth", "login")));
        assertNull(routes.allow(List.of("auth", "login", "again")), "an unknown path has no Allow: 404");
    }

    @Test
    void shouldRefuseAnUnknownPathWithTheStrictestAccessOfItsNeighbours() {
        assertEquals(Access.PUBLIC, routes.accessUnder("stocks"));
        assertEquals(Access.SIGN_IN, routes.accessUnder("auth"));
        assertEquals(Access.ADMIN, routes.accessUnder("admin"));
        assertEquals(Access.USER, routes.accessUnder("nothing"), "no route under it: authenticated users only");
    }

    @Test
    void shouldListEachMethodOnceInTheOrderItFirstAppears() {
        assertEquals(List.of("POST", "GET", "DELETE"), List.copyOf(routes.methods()));
    }

    @Test
    void shouldRefuseTwoRoutesForOneMethodOnOnePath() {
        final RestRoutes.Builder builder = RestRoutes.builder().route("GET", "orders/*", Access.USER, GET_ORDER);
        assertThrows(IllegalArgumentException.class, () -> builder.route("GET", "orders/*", Access.PUBLIC, CANCEL));
    }
}
