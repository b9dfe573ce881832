package io.meterkit.jmh.peer;

import io.meterkit.core.Sample;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB as an in-memory database (a fresh one per instance), limited to 2 threads.
 *
 * <p>Loading uses DuckDB's appender, its fastest bulk path from Java. No index: DuckDB filters on
 * the per-row-group min/max it keeps anyway, and the data arrive nearly sorted by time. Not
 * thread-safe.
 */
public final class DuckDbPeer extends SqlPeer {
  private DuckDbPeer() throws SQLException {
    super(DriverManager.getConnection("jdbc:duckdb:"));
    execute("SET threads = 2");
  }

  /**
   * Opens a new, empty in-memory database; it vanishes when closed.
   *
   * @return the peer
   * @throws SQLException when DuckDB cannot start
   */
  public static DuckDbPeer open() throws SQLException {
    return new DuckDbPeer();
  }

  @Override
  public void load(Iterable<Sample> samples) throws SQLException {
    DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
    try (DuckDBAppender appender =
        duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "samples")) {
      for (Sample sample : samples) {
        appender
            .beginRow()
            .append(sample.timestampMillis())
            .append(sample.volume())
            .append(sample.resourceId())
            .append(sample.projectId())
            .append(sample.userId())
            .append(sample.source())
            .endRow();
      }
    }
  }

  @Override
  protected String integerDivision() {
    return "//";
  }

  /**
   * Returns the memory DuckDB reports for its buffers (table data and indexes), from {@code
   * duckdb_memory()}.
   */
  @Override
  public long reportedBytes() throws SQLException {
    return queryLong("SELECT sum(memory_usage_bytes) FROM duckdb_memory()");
  }
}
