package com.motoo.gateway.http;

import java.util.List;
import java.util.Set;

/**
 * Every resource under {@code /api/v1} and the methods it answers (PROTOCOL.md's REST table and the
 * admin extras), so a wrong method on a known path is told apart from an unknown path: 405 with
 * {@code Allow} rather than 404. A {@code *} segment stands for any one segment (an id, a symbol).
 * Immutable; any thread; lookups do not allocate.
 */
final class ApiRoutes {
    private static final Route[] ROUTES = {
        Route.of("auth/signup", "POST"),
        Route.of("auth/login", "POST"),
        Route.of("auth/refresh", "POST"),
        Route.of("auth/logout", "POST"),
        Route.of("stocks", "GET"),
        Route.of("stocks/*", "GET"),
        Route.of("stocks/*/book", "GET"),
        Route.of("stocks/*/candles", "GET"),
        Route.of("orders", "GET", "POST"),
        Route.of("orders/*", "GET", "PATCH", "DELETE"),
        Route.of("account", "GET"),
        Route.of("account/reset", "POST"),
        Route.of("portfolio", "GET"),
        Route.of("transactions", "GET"),
        Route.of("rankings", "GET"),
        Route.of("admin/eod", "POST"),
        Route.of("admin/stocks", "POST"),
        Route.of("admin/stocks/*/halt", "POST"),
        Route.of("admin/stocks/*/resume", "POST"),
        Route.of("admin/users/*/cash", "POST"),
        Route.of("admin/users/*/shares", "POST"),
    };

    private ApiRoutes() {
    }

    /**
     * @param path the segments after {@code /api/v1/}
     * @param method the request's method
     * @return the {@code Allow} header value ("GET, POST") when the path names a resource that does
     *         not answer the method; null when it does, or when no resource has that path (routing says 404)
     */
    static String refusing(List<String> path, String method) {
        for (Route route : ROUTES) {
            if (route.matches(path)) {
                return route.methods.contains(method) ? null : route.allow;
            }
        }
        return null;
    }

    /** One resource: its path segments ({@code *} for any one), the methods it answers, and them as an Allow value. */
    private record Route(String[] segments, Set<String> methods, String allow) {
        static Route of(String path, String... methods) {
            return new Route(path.split("/"), Set.of(methods), String.join(", ", methods));
        }

        boolean matches(List<String> path) {
            if (segments.length != path.size()) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                if (!segments[i].equals("*") && !segments[i].equals(path.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
