-- Why a refresh token was revoked. Only a token traded in by a refresh (ROTATION) and presented again
-- means a copy of a live token leaked, and signs its user out everywhere; one revoked by a logout or
-- by a sign-out everywhere is merely refused (a stale browser tab after a sign-out must not sign the
-- user out again). Tokens revoked before this migration have none, and count as rotated, as before.
ALTER TABLE refresh_tokens ADD COLUMN revoked_by text CHECK (revoked_by IN ('ROTATION', 'LOGOUT', 'SIGN_OUT'));
