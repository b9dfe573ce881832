package io.meterkit.store.internal.log;

import java.io.Closeable;
import java.io.IOException;

/**
 * The ordered, durable record of everything that changed a store: each accepted batch and each
 * retention change, one {@link LogEntry} each, in the order the store applied them. A store is its
 * newest snapshot plus the entries after the position that snapshot covers.
 *
 * <h2>Positions</h2>
 *
 * <p>Every entry has a position; positions increase in append order and are never reused. Position
 * 0 stands before the first entry. A snapshot records the position of the last entry it covers;
 * recovery then {@link #replay replays} the entries after it. The store's local write-ahead log
 * numbers its entries 1, 2, 3, ... A Kafka topic partition fits the same contract with position =
 * offset + 1: the snapshot of a partition's store records the position of the last entry applied,
 * which is the partition's next offset to consume.
 *
 * <h2>Writing and applying</h2>
 *
 * <p>The store that owns a log appends each entry before it makes the entry visible, and applies
 * entries from {@link #replay} without appending them again. An entry is deterministic: applying
 * the same entries to the same state gives the same state on any machine, including the dedupe
 * state and the message ids the store assigns, because everything the store derives comes from the
 * entries (the batch's recorded-at time travels in the entry; nothing is random or read from a
 * clock). Entries are encoded with {@link LogEntryCodec}, which every implementation shares, and
 * protected by a CRC32C, so a damaged entry is found, never applied.
 *
 * <h2>Concurrency contract</h2>
 *
 * <p>{@link #replay} runs once, before the first {@link #append}. {@link #append} and {@link
 * #checkpointPosition} are called by one thread at a time, the store's writer holding its write
 * lock, in the order the entries are applied. {@link #awaitDurable}, {@link #discardThrough},
 * {@link #failure} and {@link #close} may be called from any thread.
 */
public interface IngestLog extends Closeable {
  /**
   * Delivers, in order, every intact entry after {@code afterPosition}, and prepares the log for
   * appending after the last one. A damaged tail (a torn or corrupt entry and everything after it)
   * is cut off and reported, never delivered.
   *
   * @param afterPosition the position a snapshot covers; 0 to replay everything
   * @param consumer applies each entry
   * @return what was replayed and cut
   * @throws IOException when entries right after {@code afterPosition} are missing, when the log
   *     cannot be read, or when it holds an entry this version cannot decode; and whatever {@code
   *     consumer} throws
   */
  Replayed replay(long afterPosition, EntryConsumer consumer) throws IOException;

  /**
   * Appends one entry. It is written (to the operating system at least) when this returns, and
   * durable once {@link #awaitDurable} for its position returns. The entry is encoded before this
   * returns.
   *
   * @param entry the entry
   * @return its position
   * @throws IOException when it cannot be written; the log then refuses every later append (see
   *     {@link #failure()})
   * @throws IllegalStateException before {@link #replay}
   */
  long append(LogEntry entry) throws IOException;

  /**
   * Waits until the entry at {@code position} is as durable as the log promises (a local log:
   * forced to disk under its fsync policy; a replicated log: acknowledged by its replicas).
   *
   * @param position the position {@link #append} returned
   * @throws IOException when that cannot be ensured; the log then refuses every later append
   */
  void awaitDurable(long position) throws IOException;

  /**
   * Returns the position a snapshot of the state taken now covers: that of the last entry appended
   * (0 when none ever was). A local log also starts a new segment here, so that what the snapshot
   * covers can later be discarded whole.
   *
   * @return the position
   */
  long checkpointPosition();

  /**
   * Lets the log discard the entries up to and including {@code position}: every snapshot recovery
   * may fall back to covers them.
   *
   * @param position a position some retained snapshot covers
   * @throws IOException when discarding fails; nothing is lost then
   */
  void discardThrough(long position) throws IOException;

  /**
   * Returns the error that made the log refuse appends, or null while it accepts them.
   *
   * @return the first append or durability failure
   */
  IOException failure();

  /**
   * Makes everything appended durable (unless the log failed) and releases the log.
   *
   * @throws IOException when that fails
   */
  @Override
  void close() throws IOException;

  /** Applies the entries of a {@link #replay}. */
  @FunctionalInterface
  interface EntryConsumer {
    /**
     * Applies one entry.
     *
     * @param position the entry's position
     * @param entry the entry
     * @throws IOException when the entry cannot be applied (it does not fit the state)
     */
    void accept(long position, LogEntry entry) throws IOException;
  }

  /**
   * What a {@link #replay} did.
   *
   * @param lastPosition the position of the last entry kept: the store's state covers every entry
   *     up to it
   * @param entriesReplayed how many entries after the snapshot were delivered
   * @param truncation the damaged tail that was cut off, or null when the log ended cleanly
   */
  record Replayed(long lastPosition, long entriesReplayed, LogTruncation truncation) {}
}
