package com.motoo.gateway.order;

/**
 * A request that never reaches the engine: bad input, missing rights, a full ring. Carries the
 * public reason code of PROTOCOL.md and the HTTP status REST answers with. Thrown on the thread that
 * checks the request and turned into an {@code error} message or an error body; it is expected
 * input, not a bug, so it keeps no stack trace.
 */
public final class RequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int httpStatus;

    /**
     * @param code a reason code such as INVALID_REQUEST
     * @param httpStatus the status a REST answer carries
     * @param message what was wrong, for a person
     */
    public RequestException(String code, int httpStatus, String message) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** @return a 400 INVALID_REQUEST */
    public static RequestException invalid(String message) {
        return new RequestException("INVALID_REQUEST", 400, message);
    }

    /** @return the reason code */
    public String code() {
        return code;
    }

    /** @return the HTTP status */
    public int httpStatus() {
        return httpStatus;
    }
}
