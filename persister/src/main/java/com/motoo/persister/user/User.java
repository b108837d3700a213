package com.motoo.persister.user;

import java.time.Instant;

/**
 * A registered user. {@code id} is also the user's account id in the engine.
 *
 * @param passwordHash the stored hash (e.g. bcrypt); never the password
 */
public record User(long id, String username, String passwordHash, String displayName, Role role,
                   boolean rankingsOptIn, Instant createdAt) {
    /** What a user may do. */
    public enum Role {
        /** Trades with their own account. */
        USER,
        /** Also lists stocks and halts trading. */
        ADMIN
    }
}
