package io.meterkit.store.internal.state;

/**
 * The dictionary ids of the series of one meter at one moment, indexed by series id: series {@code
 * s} is (resource {@code resourceIds()[s]}, project ..., user ..., source ...), for {@code s} below
 * {@link #count()}.
 *
 * <p>Concurrency contract: immutable below {@link #count()}. The arrays are shared with the writer,
 * which only ever writes at or past the count of every view it published, and the accessors return
 * them uncopied: callers read them and never write.
 */
public final class SeriesColumns {
  /** The series of a meter that has none yet. */
  public static final SeriesColumns EMPTY =
      new SeriesColumns(new int[0], new int[0], new int[0], new int[0], 0);

  private final int[] resourceIds;
  private final int[] projectIds;
  private final int[] userIds;
  private final int[] sourceIds;
  private final int count;

  /** Views {@code count} series of the four columns; the arrays are shared, not copied. */
  public SeriesColumns(
      int[] resourceIds, int[] projectIds, int[] userIds, int[] sourceIds, int count) {
    this.resourceIds = resourceIds;
    this.projectIds = projectIds;
    this.userIds = userIds;
    this.sourceIds = sourceIds;
    this.count = count;
  }

  /** Returns the number of series. */
  public int count() {
    return count;
  }

  /** Returns the resource-id column (valid below {@link #count()}). */
  public int[] resourceIds() {
    return resourceIds;
  }

  /** Returns the project-id column (valid below {@link #count()}). */
  public int[] projectIds() {
    return projectIds;
  }

  /** Returns the user-id column (valid below {@link #count()}). */
  public int[] userIds() {
    return userIds;
  }

  /** Returns the source column (valid below {@link #count()}). */
  public int[] sourceIds() {
    return sourceIds;
  }
}
