package com.motoo.gateway.http;

import com.motoo.gateway.order.RequestException;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;
import java.util.Map;

/**
 * A request's target ({@code /api/v1/stocks/005930?x=1}) decoded: the path and the query
 * parameters, each percent-decoded as UTF-8 (a byte sequence that is not UTF-8 becomes U+FFFD).
 * Netty's {@link QueryStringDecoder} decodes lazily and throws on a malformed escape ({@code %zz},
 * a {@code %} without two hex digits after it); here that is a refused request instead, found
 * before anything else is done with the request. Immutable; any thread.
 *
 * @param path the decoded path
 * @param query the decoded query parameters, each with its values in the order given
 */
record RequestTarget(String path, Map<String, List<String>> query) {
    /**
     * @param uri the request line's target
     * @return it decoded
     * @throws RequestException INVALID_REQUEST saying where the escape is malformed
     */
    static RequestTarget decode(String uri) {
        final QueryStringDecoder decoder = new QueryStringDecoder(uri);
        try {
            return new RequestTarget(decoder.path(), decoder.parameters());
        } catch (IllegalArgumentException e) {
            throw RequestException.invalid("malformed percent-encoding in the URL: " + e.getMessage());
        }
    }

    /**
     * @param uri the request line's target
     * @return its decoded path; when the target does not decode, its path as sent (up to any
     *         {@code ?}), so that a request to be refused for its encoding is still placed by where it points
     */
    static String pathOf(String uri) {
        try {
            return new QueryStringDecoder(uri).path();
        } catch (IllegalArgumentException e) {
            final int query = uri.indexOf('?');
            return query < 0 ? uri : uri.substring(0, query);
        }
    }
}
