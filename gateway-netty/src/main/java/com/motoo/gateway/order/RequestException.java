package com.motoo.gateway.order;

import com.motoo.gateway.json.JsonText;

/**
 * A request that never reaches the engine: bad input, missing rights, a full ring. Carries the
 * public reason code of PROTOCOL.md, the HTTP status REST answers with and, when the request
 * collides with an existing order, that order's id. Thrown on the thread that checks the request
 * and turned into an {@code error} message or an error body; it is expected input, not a bug, so
 * it keeps no stack trace.
 */
public final class RequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int httpStatus;
    private final long orderId;
    private final boolean exchangeStopping;

    /**
     * @param code a reason code such as INVALID_REQUEST
     * @param httpStatus the status a REST answer carries
     * @param message what was wrong, for a person
     */
    public RequestException(String code, int httpStatus, String message) {
        this(code, httpStatus, message, 0);
    }

    /**
     * A request that collides with an existing order, which the answer names.
     *
     * @param orderId that order's id, or 0 for none
     */
    public RequestException(String code, int httpStatus, String message, long orderId) {
        this(code, httpStatus, message, orderId, false);
    }

    private RequestException(String code, int httpStatus, String message, long orderId, boolean exchangeStopping) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
        this.orderId = orderId;
        this.exchangeStopping = exchangeStopping;
    }

    /** @return a 400 INVALID_REQUEST */
    public static RequestException invalid(String message) {
        return new RequestException("INVALID_REQUEST", 400, message);
    }

    /**
     * @return a BUSY (503) for a request that the stopping exchange no longer takes, or took and will not
     *         answer: unlike a full ring, trying again before a restart cannot help ({@link #exchangeStopping})
     */
    public static RequestException stopping(String message) {
        return new RequestException("BUSY", 503, message, 0, true);
    }

    /** @return whether this is a BUSY because the exchange is stopping ({@link #stopping}), not because it is busy */
    public boolean exchangeStopping() {
        return exchangeStopping;
    }

    /** @return the reason code */
    public String code() {
        return code;
    }

    /** @return the HTTP status */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return the existing order the request collides with, or 0 */
    public long orderId() {
        return orderId;
    }

    /**
     * Appends the fields every error answer carries, REST body and WebSocket {@code error} alike:
     * {@code code}, {@code message} and, when there is one, {@code orderId}.
     *
     * @param out a JSON object being built, its other fields written or to come
     * @return {@code out}
     */
    public StringBuilder appendFields(StringBuilder out) {
        JsonText.field(out, "code", code);
        JsonText.field(out, "message", getMessage());
        return orderId == 0 ? out : JsonText.field(out, "orderId", orderId);
    }

    /**
     * @param echoId the refused request's {@code id} as JSON text, or null when it had none
     * @return the WebSocket {@code error} message for this refusal, the request's {@code id} echoed
     */
    public String webSocketError(String echoId) {
        final StringBuilder out = appendFields(new StringBuilder(96).append("{\"type\":\"error\""));
        if (echoId != null) {
            JsonText.name(out, "id").append(echoId);
        }
        return out.append('}').toString();
    }
}
