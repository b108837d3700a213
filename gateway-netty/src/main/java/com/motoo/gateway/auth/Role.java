package com.motoo.gateway.auth;

/** What a signed-in user may do: trade their own account, or also administer the market. */
public enum Role {
    USER,
    ADMIN
}
