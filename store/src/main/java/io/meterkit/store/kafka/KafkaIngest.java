package io.meterkit.store.kafka;

import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.Sample;
import io.meterkit.store.internal.ingest.StoreWriter;
import io.meterkit.store.internal.log.IngestBatch;
import io.meterkit.store.internal.log.RetentionChange;
import io.meterkit.store.internal.state.StoreState;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.utils.Utils;

/**
 * The write side of a store that scales out over Kafka: validates each batch, writes it to the
 * ingest topic as one record per project, and returns once Kafka acknowledged every record. The
 * {@link PartitionMaterialiser}s of the cluster then apply the records to the partitions' shards.
 *
 * <h2>Records</h2>
 *
 * <p>A batch's samples are grouped by project, in input order within each project, and each group
 * is one record (a group of more than {@link #MAX_SAMPLES_PER_RECORD} samples is split into
 * several, in order). The record's key is the project id, UTF-8; samples without a project go under
 * the key {@link #NO_PROJECT_KEY}, which no project can have (project ids are never blank). The
 * partition is the one Kafka's default partitioner picks for the key ({@link #partitionOf}), so a
 * project's samples, its series and every retry of its message ids always meet in one partition,
 * where the partition's shard de-duplicates them. The value is the batch in the store's CRC-checked
 * log encoding, stamped with the batch's recorded-at time from {@link
 * io.meterkit.store.StoreConfig#clock()}.
 *
 * <h2>Acknowledgement</h2>
 *
 * <p>The producer writes with {@code acks=all} and idempotence on: {@link #recordAll} returns only
 * after every in-sync replica holds every record, and Kafka's own retries never write a record
 * twice. The returned {@link KafkaReceipt} holds each partition's position after the batch, for
 * read-your-writes. A batch is atomic per project, not across projects: when Kafka refuses or times
 * out, some projects' records may be written and the call throws; sending the batch again is safe
 * for every sample that carries a message id (the shards store it once).
 *
 * <h2>What is checked here, and what by the shards</h2>
 *
 * <p>This side checks what a batch must meet on its own: no null sample, one type and unit per
 * meter within the batch, no message id of the form a store assigns (such an id names a row of one
 * shard). Whether a meter's type and unit agree with the samples stored earlier is a fact of the
 * shard: a record that disagrees is refused by the shard, identically on every instance, and
 * counted in {@link ShardSnapshot#refusedRecords()}.
 *
 * <p>Thread-safe: any number of threads may record at once (they share one producer).
 */
public final class KafkaIngest implements AutoCloseable {
  /** The record key of samples without a project. */
  public static final String NO_PROJECT_KEY = "";

  /** The most samples one record holds: a larger project group is split into several records. */
  public static final int MAX_SAMPLES_PER_RECORD = 4096;

  private final KafkaOptions options;
  private final int partitionCount;
  private final Producer<byte[], byte[]> producer;
  private final StoreWriter rules; // holds nothing: checks what a batch must meet on its own
  private final ThreadLocal<RecordValue> encoders = ThreadLocal.withInitial(RecordValue::new);
  private volatile boolean closed;

  private KafkaIngest(KafkaOptions options, int partitionCount) {
    this.options = options;
    this.partitionCount = partitionCount;
    this.producer = new KafkaProducer<>(ClientConfigs.producer(options));
    this.rules = new StoreWriter(options.storeConfig(), StoreState.empty(), null);
  }

  /**
   * Connects to the brokers, creating the topic when it is missing (see {@link KafkaOptions}).
   *
   * @param options the brokers, the topic and the store layout
   * @return the ingest side; {@link #close()} it when done
   * @throws IOException when the brokers cannot be reached or the topic cannot be created
   */
  public static KafkaIngest open(KafkaOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    return new KafkaIngest(options, KafkaTopic.ensure(options));
  }

  /**
   * Returns the topic's partition count.
   *
   * @return the count, fixed for the topic's life
   */
  public int partitionCount() {
    return partitionCount;
  }

  /**
   * Returns the partition that holds a project's samples: Kafka's default partitioner's choice for
   * the record key, murmur2 of its UTF-8 bytes modulo the partition count.
   *
   * @param projectId the project, or null for samples without one
   * @param partitionCount the topic's partition count, positive
   * @return the partition, 0 to {@code partitionCount - 1}
   */
  public static int partitionOf(String projectId, int partitionCount) {
    if (partitionCount < 1) {
      throw new IllegalArgumentException("partitionCount must be positive, got: " + partitionCount);
    }
    return partitionOf(key(projectId), partitionCount);
  }

  private static int partitionOf(byte[] key, int partitionCount) {
    return Utils.toPositive(Utils.murmur2(key)) % partitionCount;
  }

  /**
   * Validates a batch and writes it to the topic, one record per project; returns once Kafka
   * acknowledged every record.
   *
   * @param samples valid samples, in any order; retries of stored ids are fine
   * @return the partitions' positions after the batch
   * @throws InvalidSampleException naming the first sample that breaks a rule a batch must meet on
   *     its own; nothing is written then
   * @throws IllegalStateException when closed
   * @throws UncheckedIOException when Kafka refused a record or did not acknowledge it in time (the
   *     message says how many of the records were written)
   */
  public KafkaReceipt recordAll(Collection<? extends Sample> samples) {
    Objects.requireNonNull(samples, "samples");
    rules.validate(samples);
    checkOpen();
    long recordedAt = options.storeConfig().clock().millis();
    Map<String, List<Sample>> byProject = new LinkedHashMap<>();
    for (Sample sample : samples) {
      String key = sample.projectId() == null ? NO_PROJECT_KEY : sample.projectId();
      byProject.computeIfAbsent(key, k -> new ArrayList<>()).add(sample);
    }
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    RecordValue encoder = encoders.get();
    for (Map.Entry<String, List<Sample>> project : byProject.entrySet()) {
      byte[] key = key(project.getKey());
      int partition = partitionOf(key, partitionCount);
      List<Sample> group = project.getValue();
      for (int from = 0; from < group.size(); from += MAX_SAMPLES_PER_RECORD) {
        List<Sample> part =
            group.subList(from, Math.min(group.size(), from + MAX_SAMPLES_PER_RECORD));
        byte[] value = encoder.encode(new IngestBatch(recordedAt, part));
        records.add(new ProducerRecord<>(options.topic(), partition, key, value));
      }
    }
    return send(records, samples.size());
  }

  /**
   * Drops, in every partition's shard, every sealed chunk of every meter whose newest sample is
   * older than {@code maxAge} by the store clock, as {@link
   * io.meterkit.store.MeterStore#dropChunksOlderThan(Duration)} does for one store: one retention
   * record per partition, applied by each shard in log order.
   *
   * @param maxAge the age limit; positive
   * @return the partitions' positions after the retention records
   * @throws IllegalArgumentException when {@code maxAge} is zero or negative
   * @throws IllegalStateException when closed
   * @throws UncheckedIOException when Kafka refused a record or did not acknowledge it in time
   */
  public KafkaReceipt dropChunksOlderThan(Duration maxAge) {
    long cutoff = rules.cutoffMillis(maxAge);
    checkOpen();
    byte[] value = encoders.get().encode(new RetentionChange(RetentionChange.EVERY_METER, cutoff));
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int partition = 0; partition < partitionCount; partition++) {
      records.add(new ProducerRecord<>(options.topic(), partition, null, value));
    }
    return send(records, 0);
  }

  private KafkaReceipt send(List<ProducerRecord<byte[], byte[]>> records, int sampleCount) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    Throwable failure = null;
    try {
      for (ProducerRecord<byte[], byte[]> record : records) {
        sent.add(producer.send(record));
      }
    } catch (KafkaException | IllegalStateException e) {
      failure = e; // the records sent so far may still be written: wait for them below
    }
    Map<Integer, Long> positions = new HashMap<>();
    int written = 0;
    boolean interrupted = false;
    for (Future<RecordMetadata> future : sent) {
      try {
        RecordMetadata metadata = future.get();
        positions.merge(metadata.partition(), metadata.offset() + 1, Math::max);
        written++;
      } catch (ExecutionException e) {
        failure = failure == null ? e.getCause() : failure;
      } catch (InterruptedException e) {
        interrupted = true;
        failure = failure == null ? new InterruptedIOException("interrupted") : failure;
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw new UncheckedIOException(
          new IOException(
              "Kafka acknowledged "
                  + written
                  + " of the "
                  + records.size()
                  + " records of this batch to topic "
                  + options.topic()
                  + " ("
                  + failure.getMessage()
                  + "); sending it again stores each sample with a message id once",
              failure));
    }
    return new KafkaReceipt(sampleCount, records.size(), new TreeMap<>(positions));
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the Kafka ingest is closed");
    }
  }

  private static byte[] key(String projectId) {
    return (projectId == null ? NO_PROJECT_KEY : projectId).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Waits for the records in flight and closes the producer. Later calls throw {@link
   * IllegalStateException}. Closing twice does nothing.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    producer.close();
  }
}
