-- API tokens that send messages act for one named pro (acting_for), with that pro's standing re-read on every use,
-- and any token may end by itself (expires_at). A token without the messages:send scope names nobody.
ALTER TABLE api_tokens ADD COLUMN acting_for uuid REFERENCES accounts(id);
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
