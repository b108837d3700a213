package com.motoo.gateway.ws;

/** WebSocket close codes of PROTOCOL.md. */
public final class CloseCodes {
    /** Going away: the client stayed silent, not even answering a ping, for twice the idle time. */
    public static final int IDLE = 1001;
    /** Going away: the exchange is stopping (the connection's requests already taken were answered first). */
    public static final int STOPPING = 1001;
    /** Policy violation: the connection cannot take even its own order events, or its user has too many open. */
    public static final int POLICY = 1008;
    /** A frame or message larger than the configured limit. */
    public static final int TOO_BIG = 1009;
    /** Bad or expired token. */
    public static final int BAD_TOKEN = 4401;
    /** No authentication in time. */
    public static final int AUTH_TIMEOUT = 4408;
    /** Rate limit exceeded repeatedly. */
    public static final int RATE_LIMITED = 4429;

    private CloseCodes() {
    }
}
