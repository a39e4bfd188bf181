package org.blackout.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.blackout.pipeline.config.StoreConfig;
import org.blackout.server.store.Rows.Checkpoint;
import org.blackout.server.store.Rows.EntityRow;
import org.blackout.server.store.Rows.EventRow;
import org.blackout.server.store.Rows.FeedEventRow;
import org.blackout.server.store.Rows.PeerRow;
import org.blackout.server.store.Rows.SignalRow;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Blackout's storage: one schema in an embedded DuckDB file (bulk rows through its Appender) or in
 * PostgreSQL (JDBC batches). Readers borrow pooled connections, so the API can answer while the
 * writer appends. Every query is a prepared statement; callers validate their parameters first.
 */
public final class Store implements AutoCloseable {
    private static final int READERS = 8;

    private final StoreConfig config;
    private final boolean duck;
    /** Replaced after a failed DuckDB commit (see {@link #inTransaction}); used under this object's lock. */
    private Connection writer;
    private final BlockingQueue<Connection> readers;
    private final List<Connection> all = new ArrayList<>();
    /** Bumped on every write: lets readers cache answers until the data changes. */
    private final AtomicLong generation = new AtomicLong();

    private Store(StoreConfig config) throws SQLException {
        this.config = config;
        this.duck = !config.postgres();
        if (duck) {
            try {
                Class.forName("org.duckdb.DuckDBDriver");
            } catch (ClassNotFoundException e) {
                throw new SQLException("DuckDB driver missing", e);
            }
            Path f = config.duckdb().toAbsolutePath();
            try {
                if (f.getParent() != null) Files.createDirectories(f.getParent());
            } catch (IOException e) {
                throw new SQLException("cannot create " + f.getParent() + ": " + e.getMessage(), e);
            }
            try {
                writer = DriverManager.getConnection("jdbc:duckdb:" + f);
            } catch (SQLException e) {
                throw new SQLException("cannot open the store " + f + " for writing: " + e.getMessage()
                        + (Files.isWritable(f.getParent()) ? "" : " (its directory is not writable)"), e);
            }
        } else {
            writer = pgConnection();
        }
        all.add(writer);
        createSchema();
        readers = new ArrayBlockingQueue<>(READERS);
        for (int i = 0; i < READERS; i++) {
            Connection c = duck ? ((DuckDBConnection) writer).duplicate() : pgConnection();
            all.add(c);
            readers.add(c);
        }
    }

    public static Store open(StoreConfig config) throws SQLException {
        return new Store(config);
    }

    private Connection pgConnection() throws SQLException {
        Properties p = new Properties();
        if (config.user() != null) p.setProperty("user", config.user());
        if (config.password() != null) p.setProperty("password", config.password());
        return DriverManager.getConnection(config.jdbcUrl(), p);
    }

    private void createSchema() throws SQLException {
        String sql;
        try (InputStream in = Store.class.getResourceAsStream("schema.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new SQLException("schema.sql missing from the classpath", e);
        }
        StringBuilder clean = new StringBuilder();
        for (String line : sql.split("\n")) if (!line.startsWith("--")) clean.append(line).append('\n');
        try (Statement st = writer.createStatement()) {
            for (String s : clean.toString().split(";")) if (!s.isBlank()) st.execute(s);
        }
    }

    public java.time.Duration retention() {
        return config.retention();
    }

    public boolean isDuckDb() {
        return duck;
    }

    public String describe() {
        return duck ? "duckdb:" + config.duckdb() : config.jdbcUrl().replaceAll("password=[^&]*", "password=***");
    }

    public long generation() {
        return generation.get();
    }

    // ---------------------------------------------------------------- writes (one writer thread)

    /**
     * Writes one batch in one transaction: entities, signals, feed events, peers, events and the
     * checkpoint together, so a crash leaves either all of it or none (one commit, one fsync).
     */
    public synchronized void writeBatch(List<EntityRow> entities, List<StoredSignal> signals, List<FeedEventRow> feeds,
                                        List<PeerRow> peers, List<EventRow> events, Checkpoint checkpoint) throws SQLException {
        stageSignals(signals);
        inTransaction(() -> {
            insertEntities(entities, checkpoint == null ? 0 : checkpoint.binEnd());
            insertSignals(signals);
            insertFeedEvents(feeds);
            if (peers != null) replacePeersRows(peers);
            for (EventRow e : events) upsertEventRow(e);
            if (checkpoint != null) checkpointRow(checkpoint.source(), checkpoint.binEnd(), checkpoint.position());
        });
    }

    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    private void inTransaction(Work w) throws SQLException {
        boolean auto = writer.getAutoCommit();
        if (auto) writer.setAutoCommit(false);
        try {
            w.run();
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                writer.rollback();
            } catch (SQLException ignored) {
                // the original failure matters more
            }
            if (duck) freshWriter(e);
            throw e;
        } finally {
            if (auto) {
                try {
                    writer.setAutoCommit(true);
                } catch (SQLException e) {
                    // after a failed commit DuckDB has already ended the transaction: nothing to restore
                }
            }
        }
        generation.incrementAndGet();
    }

    /**
     * After a failed commit (disk full, I/O error) DuckDB ends the transaction itself while its JDBC
     * connection still believes one is open, so the next statements would each commit on their own
     * and a later batch could become visible in parts. A fresh connection to the same database has
     * no such state; the failed transaction left nothing behind (DuckDB ignores a WAL tail it could
     * not finish).
     */
    private void freshWriter(Exception cause) {
        Connection old = writer;
        try {
            writer = ((DuckDBConnection) old).duplicate();
            all.set(all.indexOf(old), writer);
        } catch (SQLException e) {
            cause.addSuppressed(e);
            return; // keep the old one: the next attempt fails again and says why
        }
        try {
            old.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Appends signals in one transaction (DuckDB: Appender to a staging table, then one INSERT; else a JDBC batch). */
    public synchronized void appendSignals(List<StoredSignal> signals) throws SQLException {
        stageSignals(signals);
        inTransaction(() -> insertSignals(signals));
    }

    /**
     * DuckDB: appends the signals to a connection-private staging table, before the batch's
     * transaction. DuckDB's Appender commits on its own whatever the connection's transaction, so
     * appending to {@code signals} directly made a batch's signals visible before its checkpoint
     * and kept them when the batch failed (a retry then stored them twice); the batch's transaction
     * copies the staged rows with one INSERT that commits or rolls back with the rest.
     */
    private void stageSignals(List<StoredSignal> signals) throws SQLException {
        if (!duck || signals.isEmpty()) return;
        try (Statement st = writer.createStatement()) {
            st.execute("CREATE TEMP TABLE IF NOT EXISTS signals_stage AS SELECT * FROM signals LIMIT 0");
            st.execute("DELETE FROM signals_stage");
        }
        try (DuckDBAppender a = ((DuckDBConnection) writer).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "signals_stage")) {
            for (StoredSignal s : signals) {
                a.beginRow().append(s.entity()).append(s.t()).append(s.visibleSlash24()).append(s.visiblePrefixes())
                        .append(s.peersSeeing()).append(s.fullFeedPeers()).append(s.announcements())
                        .append(s.withdrawals()).append(s.upstreams()).endRow();
            }
            a.flush();
        }
    }

    private void insertSignals(List<StoredSignal> signals) throws SQLException {
        if (signals.isEmpty()) return;
        if (duck) {
            try (Statement st = writer.createStatement()) {
                st.execute("INSERT INTO signals SELECT * FROM signals_stage");
            }
        } else {
            try (PreparedStatement ps = writer.prepareStatement("INSERT INTO signals VALUES (?,?,?,?,?,?,?,?,?)")) {
                for (StoredSignal s : signals) {
                    ps.setString(1, s.entity());
                    ps.setLong(2, s.t());
                    ps.setDouble(3, s.visibleSlash24());
                    ps.setInt(4, s.visiblePrefixes());
                    ps.setInt(5, s.peersSeeing());
                    ps.setInt(6, s.fullFeedPeers());
                    ps.setLong(7, s.announcements());
                    ps.setLong(8, s.withdrawals());
                    ps.setString(9, s.upstreams());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    public synchronized void appendFeedEvents(List<FeedEventRow> rows) throws SQLException {
        inTransaction(() -> insertFeedEvents(rows));
    }

    private void insertFeedEvents(List<FeedEventRow> rows) throws SQLException {
        if (rows.isEmpty()) return;
        try (PreparedStatement ps = writer.prepareStatement("INSERT INTO feed_events VALUES (?,?,?,?,?,?)")) {
            for (FeedEventRow r : rows) {
                ps.setLong(1, r.t());
                ps.setString(2, r.collector());
                ps.setString(3, r.peerAddress());
                ps.setLong(4, r.peerAs());
                ps.setString(5, r.kind());
                ps.setInt(6, r.routes());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Replaces the peer table with the engine's current view of its feeds. */
    public synchronized void replacePeers(List<PeerRow> rows) throws SQLException {
        inTransaction(() -> replacePeersRows(rows));
    }

    private void replacePeersRows(List<PeerRow> rows) throws SQLException {
        {
            try (Statement st = writer.createStatement()) {
                st.execute("DELETE FROM peers");
            }
            try (PreparedStatement ps = writer.prepareStatement("INSERT INTO peers VALUES (?,?,?,?,?,?,?,?,?)")) {
                for (PeerRow r : rows) {
                    ps.setString(1, r.collector());
                    ps.setString(2, r.peerAddress());
                    ps.setLong(3, r.peerAs());
                    ps.setLong(4, r.routes());
                    ps.setBoolean(5, r.fullFeed());
                    ps.setBoolean(6, r.stale());
                    ps.setString(7, r.state());
                    ps.setLong(8, r.lastChange());
                    ps.setLong(9, r.updated());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** Records entities the first time they appear (for search); existing ones are kept. */
    public synchronized void addEntities(List<EntityRow> rows, long t) throws SQLException {
        inTransaction(() -> insertEntities(rows, t));
    }

    private void insertEntities(List<EntityRow> rows, long t) throws SQLException {
        if (rows.isEmpty()) return;
        try (PreparedStatement ps = writer.prepareStatement(
                "INSERT INTO entities VALUES (?,?,?,?) ON CONFLICT (entity) DO NOTHING")) {
            for (EntityRow r : rows) {
                ps.setString(1, r.entity());
                ps.setString(2, r.kind());
                ps.setString(3, r.name());
                ps.setLong(4, t);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Inserts or replaces an event by id: detectors are deterministic, so a replayed event keeps its id. */
    public synchronized void upsertEvent(EventRow e) throws SQLException {
        inTransaction(() -> upsertEventRow(e));
    }

    private void upsertEventRow(EventRow e) throws SQLException {
        {
            try (PreparedStatement del = writer.prepareStatement("DELETE FROM events WHERE id = ?")) {
                del.setString(1, e.id());
                del.executeUpdate();
            }
            try (PreparedStatement ps = writer.prepareStatement("INSERT INTO events VALUES (?,?,?,?,?,?,?,?)")) {
                ps.setString(1, e.id());
                ps.setString(2, e.type());
                ps.setString(3, e.entity());
                ps.setLong(4, e.firstEvidence());
                ps.setLong(5, e.raised());
                if (e.lowered() == null) ps.setNull(6, java.sql.Types.BIGINT);
                else ps.setLong(6, e.lowered());
                ps.setDouble(7, e.severity());
                ps.setString(8, e.body());
                ps.executeUpdate();
            }
        }
    }

    public synchronized void checkpoint(String source, long binEnd, String position) throws SQLException {
        inTransaction(() -> checkpointRow(source, binEnd, position));
    }

    private void checkpointRow(String source, long binEnd, String position) throws SQLException {
        {
            try (PreparedStatement del = writer.prepareStatement("DELETE FROM checkpoints WHERE source = ?")) {
                del.setString(1, source);
                del.executeUpdate();
            }
            try (PreparedStatement ps = writer.prepareStatement("INSERT INTO checkpoints VALUES (?,?,?,?)")) {
                ps.setString(1, source);
                ps.setLong(2, binEnd);
                ps.setString(3, position);
                ps.setLong(4, System.currentTimeMillis() / 1000);
                ps.executeUpdate();
            }
        }
    }

    public Optional<Checkpoint> checkpoint(String source) throws SQLException {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT source, bin_end, position FROM checkpoints WHERE source = ?")) {
                ps.setString(1, source);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Checkpoint(rs.getString(1), rs.getLong(2), rs.getString(3))) : Optional.empty();
                }
            }
        });
    }

    /**
     * Drops signals and feed events at or after {@code t}: what a crash may have written past the
     * last checkpoint, before a resume writes those bins again.
     */
    public synchronized int truncateFrom(long t) throws SQLException {
        int n = 0;
        for (String table : List.of("signals", "feed_events")) {
            try (PreparedStatement ps = writer.prepareStatement("DELETE FROM " + table + " WHERE t >= ?")) {
                ps.setLong(1, t);
                n += ps.executeUpdate();
            }
        }
        generation.incrementAndGet();
        return n;
    }

    /** Retention: removes signals, feed events and closed events older than {@code before}. */
    public synchronized int prune(long before) throws SQLException {
        int n = 0;
        for (String sql : List.of("DELETE FROM signals WHERE t < ?", "DELETE FROM feed_events WHERE t < ?",
                "DELETE FROM events WHERE lowered IS NOT NULL AND lowered < ?")) {
            try (PreparedStatement ps = writer.prepareStatement(sql)) {
                ps.setLong(1, before);
                n += ps.executeUpdate();
            }
        }
        if (n > 0) generation.incrementAndGet();
        return n;
    }

    /** Remembers that an alert was delivered; false when it already was (dedup across restarts). */
    public synchronized boolean markDelivered(String key, long now) throws SQLException {
        try (PreparedStatement q = writer.prepareStatement("SELECT 1 FROM alerts_delivered WHERE alert_key = ?")) {
            q.setString(1, key);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) return false;
            }
        }
        try (PreparedStatement ps = writer.prepareStatement("INSERT INTO alerts_delivered VALUES (?,?)")) {
            ps.setString(1, key);
            ps.setLong(2, now);
            ps.executeUpdate();
        }
        return true;
    }

    public boolean delivered(String key) throws SQLException {
        return read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM alerts_delivered WHERE alert_key = ?")) {
                q.setString(1, key);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    // ---------------------------------------------------------------- reads (any thread)

    /** The signals of one entity in [from, to), averaged into bins of {@code bin} seconds (counts summed). */
    public List<SignalRow> signals(String entity, long from, long to, long bin) throws SQLException {
        return read(c -> {
            String sql = "SELECT t - (t % ?) AS b, avg(visible_slash24), avg(visible_prefixes), avg(peers_seeing), "
                    + "avg(full_feed_peers), sum(announcements), sum(withdrawals), max(upstreams) "
                    + "FROM signals WHERE entity = ? AND t >= ? AND t < ? GROUP BY b ORDER BY b";
            // without re-binning, the last upstreams of a bin are exact: read rows directly
            String raw = "SELECT t, visible_slash24, visible_prefixes, peers_seeing, full_feed_peers, announcements, "
                    + "withdrawals, upstreams FROM signals WHERE entity = ? AND t >= ? AND t < ? ORDER BY t";
            boolean rebin = bin > 0;
            try (PreparedStatement ps = c.prepareStatement(rebin ? sql : raw)) {
                int i = 1;
                if (rebin) ps.setLong(i++, bin);
                ps.setString(i++, entity);
                ps.setLong(i++, from);
                ps.setLong(i, to);
                List<SignalRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SignalRow(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                                rs.getLong(6), rs.getLong(7), rs.getString(8)));
                    }
                }
                return out;
            }
        });
    }

    /** {generation, first bin, last bin, bin seconds, empty?}: asked on every API request, computed once per write. */
    private volatile long[] shape;

    private long[] shape() throws SQLException {
        long gen = generation.get();
        long[] s = shape;
        if (s != null && s[0] == gen) return s;
        long[] range = queryTimeRange();
        s = new long[] {gen, range == null ? 0 : range[0], range == null ? 0 : range[1], queryBinSeconds(), range == null ? 1 : 0};
        shape = s;
        return s;
    }

    /** The stored bin length in seconds (gap between the first two bins), 0 when unknown. */
    public long binSeconds() throws SQLException {
        return shape()[3];
    }

    private long queryBinSeconds() throws SQLException {
        return read(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT min(t) AS a FROM signals")) {
                if (!rs.next() || rs.getObject(1) == null) return 0L;
                long first = rs.getLong(1);
                try (PreparedStatement ps = c.prepareStatement("SELECT min(t) FROM signals WHERE t > ?")) {
                    ps.setLong(1, first);
                    try (ResultSet r2 = ps.executeQuery()) {
                        return r2.next() && r2.getObject(1) != null ? r2.getLong(1) - first : 0L;
                    }
                }
            }
        });
    }

    /** First and last bin start stored, or null when empty. */
    public long[] timeRange() throws SQLException {
        long[] s = shape();
        return s[4] == 1 ? null : new long[] {s[1], s[2]};
    }

    private long[] queryTimeRange() throws SQLException {
        return read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT min(t), max(t) FROM signals")) {
                if (!rs.next() || rs.getObject(1) == null) return null;
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        });
    }

    /**
     * Entities matching {@code q}: exact ids first, then ids and names containing it (case-insensitive).
     * {@code kind} (country, as, prefix) narrows the search when not null.
     */
    public List<EntityRow> searchEntities(String q, String kind, int limit) throws SQLException {
        return read(c -> {
            String sql = "SELECT entity, kind, name FROM entities WHERE (? IS NULL OR kind = ?) AND "
                    + "(lower(entity) LIKE ? OR lower(name) LIKE ?) "
                    + "ORDER BY CASE WHEN lower(entity) = ? THEN 0 WHEN lower(entity) LIKE ? THEN 1 ELSE 2 END, kind, entity LIMIT ?";
            String needle = q == null ? "" : q.toLowerCase();
            String like = "%" + needle.replace("\\", "").replace("%", "").replace("_", "") + "%";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, kind);
                ps.setString(2, kind);
                ps.setString(3, like);
                ps.setString(4, like);
                ps.setString(5, needle);
                ps.setString(6, "%:" + needle);
                ps.setInt(7, limit);
                List<EntityRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new EntityRow(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
                return out;
            }
        });
    }

    public Optional<EntityRow> entity(String id) throws SQLException {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT entity, kind, name FROM entities WHERE entity = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new EntityRow(rs.getString(1), rs.getString(2), rs.getString(3))) : Optional.empty();
                }
            }
        });
    }

    /** Events filtered by type, entity, time overlap and state (null: any), newest first. */
    public List<EventRow> events(String type, String entity, Long from, Long to, Boolean open, int limit) throws SQLException {
        return read(c -> {
            String sql = "SELECT id, type, entity, first_evidence, raised, lowered, severity, body FROM events WHERE "
                    + "(? IS NULL OR type = ?) AND (? IS NULL OR entity = ?) "
                    + "AND (? IS NULL OR lowered IS NULL OR lowered >= ?) AND (? IS NULL OR raised < ?) "
                    + "AND (? IS NULL OR (lowered IS NULL) = ?) ORDER BY raised DESC, id LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, type);
                ps.setString(2, type);
                ps.setString(3, entity);
                ps.setString(4, entity);
                setLong(ps, 5, from);
                setLong(ps, 6, from);
                setLong(ps, 7, to);
                setLong(ps, 8, to);
                if (open == null) {
                    ps.setNull(9, java.sql.Types.BOOLEAN);
                    ps.setNull(10, java.sql.Types.BOOLEAN);
                } else {
                    ps.setBoolean(9, open);
                    ps.setBoolean(10, open);
                }
                ps.setInt(11, limit);
                return eventRows(ps);
            }
        });
    }

    public Optional<EventRow> event(String id) throws SQLException {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, type, entity, first_evidence, raised, lowered, severity, body FROM events WHERE id = ?")) {
                ps.setString(1, id);
                List<EventRow> r = eventRows(ps);
                return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
            }
        });
    }

    private static List<EventRow> eventRows(PreparedStatement ps) throws SQLException {
        List<EventRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long lowered = rs.getLong(6);
                Long low = rs.wasNull() ? null : lowered;
                out.add(new EventRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), low,
                        rs.getDouble(7), rs.getString(8)));
            }
        }
        return out;
    }

    public List<PeerRow> peers() throws SQLException {
        return read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT collector, peer_address, peer_as, routes, full_feed, stale, state, last_change, updated FROM peers "
                            + "ORDER BY collector, peer_as, peer_address")) {
                List<PeerRow> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new PeerRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5),
                            rs.getBoolean(6), rs.getString(7), rs.getLong(8), rs.getLong(9)));
                }
                return out;
            }
        });
    }

    public List<FeedEventRow> feedEvents(Long from, Long to, int limit) throws SQLException {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT t, collector, peer_address, peer_as, kind, routes FROM feed_events "
                    + "WHERE (? IS NULL OR t >= ?) AND (? IS NULL OR t < ?) ORDER BY t DESC LIMIT ?")) {
                setLong(ps, 1, from);
                setLong(ps, 2, from);
                setLong(ps, 3, to);
                setLong(ps, 4, to);
                ps.setInt(5, limit);
                List<FeedEventRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new FeedEventRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                                rs.getInt(6)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Countries ranked by their drop: the latest bin's visible space against the median... kept
     * simple and fast: against the maximum over the window. Rows: entity, latest, max.
     */
    public List<double[]> drops(long from, long to, List<String> entityOut, int limit) throws SQLException {
        return read(c -> {
            String sql = "WITH w AS (SELECT entity, max(t) AS last, max(visible_slash24) AS top FROM signals "
                    + "WHERE entity LIKE 'country:%' AND t >= ? AND t < ? GROUP BY entity) "
                    + "SELECT w.entity, s.visible_slash24, w.top FROM w JOIN signals s ON s.entity = w.entity AND s.t = w.last "
                    + "WHERE w.top > 0 ORDER BY s.visible_slash24 / w.top, w.entity LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                ps.setInt(3, limit);
                List<double[]> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entityOut.add(rs.getString(1));
                        out.add(new double[] {rs.getDouble(2), rs.getDouble(3)});
                    }
                }
                return out;
            }
        });
    }

    public long count(String table) throws SQLException {
        if (!table.matches("[a-z_]+")) throw new IllegalArgumentException(table);
        return read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, java.sql.Types.BIGINT);
        else ps.setLong(i, v);
    }

    @FunctionalInterface
    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Query<T> q) throws SQLException {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", e);
        }
        try {
            return q.run(c);
        } finally {
            readers.add(c);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        SQLException first = null;
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).close();
            } catch (SQLException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }
}
