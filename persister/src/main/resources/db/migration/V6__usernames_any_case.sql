-- User names are told apart without regard to case: "Alice" and "alice" are one name. A new name
-- that differs from a taken one only in case is refused (the partial unique index below), and a
-- login finds a name typed in any case. Names stay stored as their owner typed them.
-- Names taken before this migration that differ only in case all keep working: in each such group
-- the first sign-up (lowest id) keeps the any-case login; the later ones are flagged here, are left
-- out of the index, and log in with their name exactly as they signed up.
ALTER TABLE users ADD COLUMN username_case_duplicate boolean NOT NULL DEFAULT false;

UPDATE users later SET username_case_duplicate = true
 WHERE EXISTS (SELECT 1 FROM users earlier
                WHERE lower(earlier.username) = lower(later.username) AND earlier.id < later.id);

CREATE UNIQUE INDEX users_username_any_case ON users (lower(username)) WHERE NOT username_case_duplicate;
