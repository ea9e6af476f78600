-- Failed sign-ins counted per email address (a keyed hash of it), whether or not an account
-- has that address: a lockout then looks the same for every address and tells nobody which
-- ones have accounts. Rows older than the lockout window count for nothing and are pruned.
CREATE TABLE sign_in_failures (
    email_hash   TEXT PRIMARY KEY,
    failures     BIGINT NOT NULL,
    locked_until BIGINT,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_by_age ON sign_in_failures (updated_at);

-- Comment form tokens already spent (SHA-256 of the token), kept until the token would have
-- expired anyway, so one shown form sends one comment, on every server sharing the database.
CREATE TABLE used_form_tokens (
    token_hash TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
CREATE INDEX used_form_tokens_by_expiry ON used_form_tokens (expires_at);

-- The setup page's guard: its one possible row is written in the transaction that creates
-- the first administrator, so of several setups sent at once exactly one succeeds.
CREATE TABLE site_setup (
    id      BIGINT PRIMARY KEY CHECK (id = 1),
    done_at BIGINT NOT NULL
);
