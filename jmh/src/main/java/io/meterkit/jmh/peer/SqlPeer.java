package io.meterkit.jmh.peer;

import io.meterkit.core.Sample;
import io.meterkit.jmh.state.Workload;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An embedded SQL database holding the benchmark data in one table, {@code samples(ts BIGINT,
 * volume DOUBLE, resource_id, project_id, user_id, source VARCHAR)}, and answering Q1–Q4 with
 * prepared statements.
 *
 * <p>Answers are materialised into {@link ResultRow}s, sorted (Q2 by project, Q3 by bucket, then
 * resource, as meterkit orders Q3), so the database does the same work as meterkit: filter, group,
 * aggregate, sort and hand the rows to Java. Not thread-safe: one connection.
 */
public abstract class SqlPeer implements AutoCloseable {
  /** Rows per insert batch or appender flush. */
  public static final int BATCH = 10_000;

  /** The table definition every peer uses. */
  static final String CREATE_TABLE =
      "CREATE TABLE samples (ts BIGINT NOT NULL, volume DOUBLE NOT NULL,"
          + " resource_id VARCHAR NOT NULL, project_id VARCHAR, user_id VARCHAR, source VARCHAR)";

  private static final String AGGREGATES =
      "count(*), sum(volume), avg(volume), min(volume), max(volume)";

  /** The open connection. */
  protected final Connection connection;

  private PreparedStatement q1;
  private PreparedStatement q2;
  private PreparedStatement q3;
  private PreparedStatement q4;

  /**
   * Wraps a connection and creates the empty table.
   *
   * @param connection a connection to an empty database
   * @throws SQLException when the table cannot be created
   */
  protected SqlPeer(Connection connection) throws SQLException {
    this.connection = connection;
    execute(CREATE_TABLE);
  }

  /**
   * Loads samples with the database's fastest bulk path, including any index it keeps.
   *
   * @param samples the samples, in delivery order
   * @throws SQLException on a database error
   */
  public abstract void load(Iterable<Sample> samples) throws SQLException;

  /**
   * Returns the operator that divides two BIGINTs into a BIGINT (truncating).
   *
   * @return {@code /} or {@code //}
   */
  protected abstract String integerDivision();

  /**
   * Returns how many bytes the database says the table takes, or -1 when it does not say.
   *
   * @return bytes, or -1
   * @throws SQLException on a database error
   */
  public long reportedBytes() throws SQLException {
    return -1;
  }

  /**
   * Prepares the four queries for a workload.
   *
   * @param w the query parameters
   * @throws SQLException on a database error
   */
  public void prepare(Workload w) throws SQLException {
    String range = " FROM samples WHERE ts >= ? AND ts < ?";
    q1 = connection.prepareStatement("SELECT " + AGGREGATES + range);
    bindRange(q1, w.q1FromMillis(), w.q1ToMillis());
    q2 =
        connection.prepareStatement(
            "SELECT project_id, " + AGGREGATES + range + " GROUP BY project_id ORDER BY 1");
    bindRange(q2, w.q1FromMillis(), w.q1ToMillis());
    String bucket =
        "(ts - " + w.dayFromMillis() + ") " + integerDivision() + " " + w.q3PeriodMillis();
    q3 =
        connection.prepareStatement(
            "SELECT resource_id, "
                + bucket
                + " AS bucket, "
                + AGGREGATES
                + range
                + " GROUP BY resource_id, bucket ORDER BY bucket, resource_id");
    bindRange(q3, w.dayFromMillis(), w.dayToMillis());
    q4 = connection.prepareStatement("SELECT max(volume)" + range + " AND resource_id = ?");
    bindRange(q4, w.dayFromMillis(), w.dayToMillis());
    q4.setString(3, w.q4ResourceId());
  }

  private static void bindRange(PreparedStatement statement, long from, long to)
      throws SQLException {
    statement.setLong(1, from);
    statement.setLong(2, to);
  }

  /**
   * Q1: count, sum, avg, min, max over the second half of the data.
   *
   * @return one row (count 0 when nothing matched)
   * @throws SQLException on a database error
   */
  public ResultRow q1() throws SQLException {
    try (ResultSet rs = q1.executeQuery()) {
      rs.next();
      return row(rs, null, 0, 1);
    }
  }

  /**
   * Q2: Q1 grouped by project.
   *
   * @return one row per project, sorted by project id
   * @throws SQLException on a database error
   */
  public List<ResultRow> q2() throws SQLException {
    List<ResultRow> rows = new ArrayList<>();
    try (ResultSet rs = q2.executeQuery()) {
      while (rs.next()) {
        rows.add(row(rs, rs.getString(1), 0, 2));
      }
    }
    return rows;
  }

  /**
   * Q3: per resource and hour of the day.
   *
   * @return one row per (hour, resource) with samples, sorted by hour then resource id
   * @throws SQLException on a database error
   */
  public List<ResultRow> q3() throws SQLException {
    List<ResultRow> rows = new ArrayList<>();
    try (ResultSet rs = q3.executeQuery()) {
      while (rs.next()) {
        rows.add(row(rs, rs.getString(1), rs.getLong(2), 3));
      }
    }
    return rows;
  }

  /**
   * Q4: the largest volume of one resource over the day.
   *
   * @return the maximum, or null when the resource has no sample that day
   * @throws SQLException on a database error
   */
  public Double q4() throws SQLException {
    try (ResultSet rs = q4.executeQuery()) {
      rs.next();
      double max = rs.getDouble(1);
      return rs.wasNull() ? null : max;
    }
  }

  private static ResultRow row(ResultSet rs, String group, long bucket, int first)
      throws SQLException {
    return new ResultRow(
        group,
        bucket,
        rs.getLong(first),
        rs.getDouble(first + 1),
        rs.getDouble(first + 2),
        rs.getDouble(first + 3),
        rs.getDouble(first + 4));
  }

  /**
   * Runs one SQL statement.
   *
   * @param sql the statement
   * @throws SQLException on a database error
   */
  protected final void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Returns the number of rows of the table.
   *
   * @return the row count
   * @throws SQLException on a database error
   */
  public long rowCount() throws SQLException {
    return queryLong("SELECT count(*) FROM samples");
  }

  /**
   * Runs a query returning one number.
   *
   * @param sql the query
   * @return the number in the first column of the first row
   * @throws SQLException on a database error
   */
  protected final long queryLong(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
