-- Sessions a person can recognise and end one by one: the browser that opened each (its
-- User-Agent as sent, shortened only when shown) and when it was last used, written at most
-- every few minutes so that reading admin pages rarely writes.
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN last_used_at BIGINT;
