-- Signing a user out everywhere (a refresh token presented again after its use, or a logout with
-- "everywhere") must end their access tokens too, not only their refresh tokens. Every access token
-- carries the session epoch its user had when it was issued; a sign-out everywhere adds one to the
-- epoch, and the gateway refuses tokens of an older epoch. Kept here so that a restarted gateway
-- still refuses them.
ALTER TABLE users ADD COLUMN session_epoch integer NOT NULL DEFAULT 0;
