package com.motoo.gateway.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The one routing table of the REST API under {@code /api/v1}: every resource, each method it
 * answers, who may call it and what handles it. Dispatch, 404, 405 with its {@code Allow} header
 * and the methods CORS allows are all read from it, so no other code lists routes. The table is
 * built in {@link RestHandler}'s constructor: a new route is one more entry there (with its
 * handler), and one more path in {@code openapi.yaml}, which documents the API by hand and is not
 * checked against this table. A {@code *} segment stands for any one segment (an id, a symbol).
 * Built once at start; immutable afterwards; any thread; lookups do not allocate.
 */
final class RestRoutes {
    /** Who may call a route, in the order the REST handler checks callers (each includes the checks before it). */
    enum Access {
        /** Anyone, throttled per client address (public market data). */
        PUBLIC,
        /** Anyone, throttled per client address (sign-in calls: bcrypt is costly). */
        SIGN_IN,
        /** An authenticated user, throttled per user. */
        USER,
        /** An authenticated administrator, throttled per user. */
        ADMIN
    }

    /** Answers one route's requests; the event loop calls it, after the caller was admitted. */
    @FunctionalInterface
    interface Handler {
        /** @throws com.motoo.gateway.order.RequestException for a request refused before any answer was written */
        void handle(RestRequest request);
    }

    /**
     * One method on one resource.
     *
     * @param params the query parameters the route takes (any other is refused before its handler runs)
     * @param allow every method of the route's path, as an {@code Allow} header value ("GET, POST")
     */
    record Route(String[] segments, String method, Access access, Handler handler, List<String> params, String allow) {
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

    private final Route[] routes;

    private RestRoutes(Route[] routes) {
        this.routes = routes;
    }

    /** @return a builder; routes of one path are given in the order their methods should stand in {@code Allow} */
    static Builder builder() {
        return new Builder();
    }

    /**
     * @param path the segments after {@code /api/v1/}
     * @return the route that answers the method on the path, or null: see {@link #allow} for 405 against 404
     */
    Route find(List<String> path, String method) {
        for (Route route : routes) {
            if (route.method.equals(method) && route.matches(path)) {
                return route;
            }
        }
        return null;
    }

    /** @return the {@code Allow} value of the resource at the path ("GET, PATCH, DELETE"), or null when there is none (404) */
    String allow(List<String> path) {
        for (Route route : routes) {
            if (route.matches(path)) {
                return route.allow;
            }
        }
        return null;
    }

    /**
     * @return who may learn that a path under this first segment does not exist: the strictest
     *         access of the routes under it, {@link Access#USER} when there is none, so an unknown
     *         path is refused as its neighbours are (401 before 404 outside the public resources)
     */
    Access accessUnder(String firstSegment) {
        Access strictest = null;
        for (Route route : routes) {
            if (route.segments[0].equals(firstSegment) && (strictest == null || route.access.compareTo(strictest) > 0)) {
                strictest = route.access;
            }
        }
        return strictest == null ? Access.USER : strictest;
    }

    /** @return every method some route answers, in the order of first appearance */
    Set<String> methods() {
        final Set<String> methods = new LinkedHashSet<>();
        for (Route route : routes) {
            methods.add(route.method);
        }
        return methods;
    }

    /** Collects routes; one thread, at start. */
    static final class Builder {
        private record Entry(String method, String path, Access access, Handler handler, List<String> params) {
        }

        private final List<Entry> entries = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param path the segments after {@code /api/v1/}, {@code *} for any one
         * @param params the query parameters the route takes, none when omitted
         * @throws IllegalArgumentException when the path has a route for the method already
         */
        Builder route(String method, String path, Access access, Handler handler, String... params) {
            for (Entry entry : entries) {
                if (entry.path.equals(path) && entry.method.equals(method)) {
                    throw new IllegalArgumentException("two routes for " + method + " " + path);
                }
            }
            entries.add(new Entry(method, path, access, handler, List.of(params)));
            return this;
        }

        RestRoutes build() {
            final Route[] routes = new Route[entries.size()];
            for (int i = 0; i < routes.length; i++) {
                final Entry entry = entries.get(i);
                final StringJoiner allow = new StringJoiner(", ");
                for (Entry other : entries) {
                    if (other.path.equals(entry.path)) {
                        allow.add(other.method);
                    }
                }
                routes[i] = new Route(entry.path.split("/"), entry.method, entry.access, entry.handler, entry.params,
                    allow.toString());
            }
            return new RestRoutes(routes);
        }
    }
}
