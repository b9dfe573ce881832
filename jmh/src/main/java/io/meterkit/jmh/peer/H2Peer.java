package io.meterkit.jmh.peer;

import io.meterkit.core.Sample;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * H2 2.5 as an in-memory database (a fresh one per instance) with the indexes a fair setup for
 * Q1–Q4 has: on {@code ts} (the range of every query) and on {@code (resource_id, ts)} (Q4's one
 * resource over one day).
 *
 * <p>Result reuse ({@code OPTIMIZE_REUSE_RESULTS}) is off, so that every execution of a prepared
 * query computes its answer. Loading uses batched prepared inserts of {@link SqlPeer#BATCH} rows in
 * auto-commit mode (several times faster in H2 2.5 than one explicit transaction per batch), then
 * builds the indexes (faster than maintaining them row by row). Not thread-safe.
 */
public final class H2Peer extends SqlPeer {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private H2Peer() throws SQLException {
    super(DriverManager.getConnection("jdbc:h2:mem:bench" + DATABASES.incrementAndGet()));
    // H2 otherwise hands back the previous result of a prepared query when no table changed,
    // and every execution after the first would measure nothing.
    execute("SET OPTIMIZE_REUSE_RESULTS 0");
  }

  /**
   * Opens a new, empty in-memory database; it vanishes when closed.
   *
   * @return the peer
   * @throws SQLException when H2 cannot start
   */
  public static H2Peer open() throws SQLException {
    return new H2Peer();
  }

  @Override
  public void load(Iterable<Sample> samples) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO samples VALUES (?, ?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (Sample sample : samples) {
        insert.setLong(1, sample.timestampMillis());
        insert.setDouble(2, sample.volume());
        insert.setString(3, sample.resourceId());
        insert.setString(4, sample.projectId());
        insert.setString(5, sample.userId());
        insert.setString(6, sample.source());
        insert.addBatch();
        if (++pending == BATCH) {
          insert.executeBatch();
          pending = 0;
        }
      }
      insert.executeBatch();
    }
    execute("CREATE INDEX samples_ts ON samples(ts)");
    execute("CREATE INDEX samples_resource_ts ON samples(resource_id, ts)");
  }

  @Override
  protected String integerDivision() {
    return "/";
  }
}
