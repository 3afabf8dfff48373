-- Upload writer leases: one writer per upload across every instance that shares the database (tus forbids
-- concurrent PATCHes, and two writers would interleave bytes). A chunk takes the lease, renews it while it runs and
-- releases it at the end; a lease not renewed runs out, so an instance that died mid-chunk holds its upload only
-- until expires_at. No foreign key: a lease is taken before the file is read (and may name none), and it is
-- released in any case.
CREATE TABLE upload_leases (
  file_id    uuid PRIMARY KEY,
  holder     uuid NOT NULL,
  expires_at timestamptz NOT NULL
);
