-- Blackout's one schema, for DuckDB and PostgreSQL alike (portable types only).
-- Times are epoch seconds (UTC). Statements are separated by ';' on their own line ends.
CREATE TABLE IF NOT EXISTS signals (
  entity VARCHAR NOT NULL,
  t BIGINT NOT NULL,
  visible_slash24 DOUBLE PRECISION NOT NULL,
  visible_prefixes INTEGER NOT NULL,
  peers_seeing INTEGER NOT NULL,
  full_feed_peers INTEGER NOT NULL,
  announcements BIGINT NOT NULL,
  withdrawals BIGINT NOT NULL,
  upstreams VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS signals_entity_t ON signals (entity, t);
CREATE TABLE IF NOT EXISTS feed_events (
  t BIGINT NOT NULL,
  collector VARCHAR NOT NULL,
  peer_address VARCHAR NOT NULL,
  peer_as BIGINT NOT NULL,
  kind VARCHAR NOT NULL,
  routes INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS peers (
  collector VARCHAR NOT NULL,
  peer_address VARCHAR NOT NULL,
  peer_as BIGINT NOT NULL,
  routes BIGINT NOT NULL,
  full_feed BOOLEAN NOT NULL,
  stale BOOLEAN NOT NULL,
  state VARCHAR NOT NULL,
  last_change BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  PRIMARY KEY (collector, peer_address, peer_as)
);
CREATE TABLE IF NOT EXISTS entities (
  entity VARCHAR PRIMARY KEY,
  kind VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  first_seen BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  id VARCHAR PRIMARY KEY,
  type VARCHAR NOT NULL,
  entity VARCHAR NOT NULL,
  first_evidence BIGINT NOT NULL,
  raised BIGINT NOT NULL,
  lowered BIGINT,
  severity DOUBLE PRECISION NOT NULL,
  body VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS alerts_delivered (
  alert_key VARCHAR PRIMARY KEY,
  delivered BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS checkpoints (
  source VARCHAR PRIMARY KEY,
  bin_end BIGINT NOT NULL,
  position VARCHAR NOT NULL,
  written BIGINT NOT NULL
);
