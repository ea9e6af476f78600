-- Allowances for what one client may do in a while (comments, sign-in attempts), kept in the
-- database so that every server sharing it counts against the same allowance. One row per
-- client and kind: the time (Unix milliseconds) at which the client's allowance is whole
-- again, the "theoretical arrival time" of the generic cell rate algorithm.
CREATE TABLE rate_limits (
    bucket TEXT NOT NULL,
    client TEXT NOT NULL,
    full_at BIGINT NOT NULL,
    PRIMARY KEY (bucket, client)
);
CREATE INDEX rate_limits_full_at ON rate_limits (full_at);
