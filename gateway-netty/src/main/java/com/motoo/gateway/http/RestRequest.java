package com.motoo.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.motoo.gateway.auth.Principal;
import com.motoo.gateway.json.Json;
import com.motoo.gateway.order.OrderRequestAdapter;
import com.motoo.gateway.order.RequestException;
import com.motoo.gateway.order.RequestMessage;
import com.motoo.gateway.order.RequestReader;
import io.netty.channel.ChannelHandlerContext;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One REST call, decoded: method, path segments under {@code /api/v1}, query parameters, body
 * text and the caller (null until authenticated). Immutable apart from the context; used on the
 * event loop and on worker threads.
 */
public record RestRequest(ChannelHandlerContext ctx, boolean keepAlive, String method, List<String> path,
                          Map<String, List<String>> query, String body, Principal principal) {
    /** The query parameter browser libraries add to a GET to defeat caches. */
    private static final String CACHE_BUSTER = "_";

    /** @return the request with its authenticated caller */
    RestRequest as(Principal caller) {
        return new RestRequest(ctx, keepAlive, method, path, query, body, caller);
    }

    /** @return the body as JSON @throws RequestException INVALID_REQUEST when malformed */
    public JsonNode json() {
        return Json.parse(body);
    }

    /**
     * Refuses a body with anything in it, for a call that takes none: an empty body and {@code {}}
     * pass, a field is refused as unknown (INVALID_REQUEST), as every other body refuses one.
     *
     * @throws RequestException INVALID_REQUEST naming the first field, or saying why the body is not a JSON object
     */
    public void requireNoFields() {
        if (!body.isBlank()) {
            OrderRequestAdapter.requireOnly(json(), Set.of());
        }
    }

    /**
     * @return the body as an order request: the calling thread's {@link RequestMessage}, valid until
     *         its next read @throws RequestException INVALID_REQUEST when malformed
     */
    public RequestMessage message() {
        return RequestReader.read(body);
    }

    /**
     * Refuses a query parameter the call does not take, so that a misspelt filter ({@code ?stauts=all})
     * is an error rather than silently the default, as an unknown body field is; and one given more
     * than once ({@code ?status=open&status=all}), as every parameter takes one value and which one
     * counts would be a guess. {@code _}, which browser libraries add to defeat caches
     * ({@code ?_=1700000000000}), is let through everywhere, any number of times.
     *
     * @param taken the parameters the call takes, in the order the error lists them
     * @throws RequestException INVALID_REQUEST naming the first such parameter
     */
    void requireOnlyParams(List<String> taken) {
        for (Map.Entry<String, List<String>> param : query.entrySet()) {
            final String name = param.getKey();
            if (name.equals(CACHE_BUSTER)) {
                continue;
            }
            if (!taken.contains(name)) {
                throw RequestException.invalid("unknown query parameter '" + name + "'"
                    + (taken.isEmpty() ? "; this call takes none" : "; this call takes " + String.join(", ", taken)));
            }
            if (param.getValue().size() > 1) {
                throw RequestException.invalid("query parameter '" + name + "' is given " + param.getValue().size()
                    + " times; it takes one value");
            }
        }
    }

    /** @return a query parameter or null */
    public String param(String name) {
        final List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** @return an integer query parameter, or the default when absent @throws RequestException when not an integer */
    public long longParam(String name, long defaultValue, long min, long max) {
        final String text = param(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            final long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw RequestException.invalid(name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw RequestException.invalid(name + " must be an integer");
        }
    }

    /**
     * @return the {@code from} and {@code to} query parameters, epoch ms, each 0 or more: {@code to}
     *         defaults to {@code defaultToMs}, {@code from} to {@code defaultSpanMs} before {@code to}
     *         (0 at the earliest)
     * @throws RequestException INVALID_REQUEST for a value that is not such an integer, or from after to
     */
    public TimeRange timeRange(long defaultToMs, long defaultSpanMs) {
        final long to = longParam("to", defaultToMs, 0, Long.MAX_VALUE);
        final long from = longParam("from", Math.max(0, to - defaultSpanMs), 0, Long.MAX_VALUE);
        if (from > to) {
            throw RequestException.invalid("from must not be after to");
        }
        return new TimeRange(from, to);
    }

    /** A span of time a call reads, as its {@code from} and {@code to} query parameters give it (epoch ms). */
    public record TimeRange(long fromMs, long toMs) {
    }

    /** @return path segment i parsed as a positive id @throws RequestException (404 shape) */
    public long idAt(int i) {
        final String text = path.get(i);
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit) || Long.parseLong(text) == 0) {
            throw RequestException.invalid("'" + text + "' is not a valid id");
        }
        return Long.parseLong(text);
    }

    /** Writes a JSON answer. */
    public void answer(int status, String json) {
        HttpAnswers.json(ctx, keepAlive, status, json);
    }

    /** Writes a value as JSON. */
    public void answerValue(int status, Object value) {
        HttpAnswers.json(ctx, keepAlive, status, Json.write(value));
    }

    /** Writes an error body. */
    public void fail(RequestException e) {
        HttpAnswers.error(ctx, keepAlive, e);
    }

    /** Writes an error body with one more header (Allow, Retry-After). */
    public void fail(RequestException e, CharSequence header, Object value) {
        HttpAnswers.error(ctx, keepAlive, e, header, value);
    }
}
