-- "No forwarding": a message its recipients may not forward, and the organization's default for new messages.
-- The sender keeps the content either way; this only stops a recipient passing it on through Sealpost.
ALTER TABLE messages ADD COLUMN no_forwarding boolean NOT NULL DEFAULT false;
ALTER TABLE organizations ADD COLUMN no_forwarding_by_default boolean NOT NULL DEFAULT false;
