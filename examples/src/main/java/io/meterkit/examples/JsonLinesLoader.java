package io.meterkit.examples;

import io.meterkit.api.CounterForm;
import io.meterkit.core.Sample;
import io.meterkit.store.MeterStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a JSON-lines file of v2 samples (one object per line in the {@code counter_*} form of
 * {@link CounterForm}; nested {@code resource_metadata} allowed; blank lines skipped) into a store,
 * in batches.
 *
 * <p>Thread-safe: stateless.
 */
final class JsonLinesLoader {
  private static final int BATCH = 10_000;

  private JsonLinesLoader() {}

  /**
   * Loads the file.
   *
   * @return the number of samples stored (retries of known message ids excluded)
   * @throws IOException when the file cannot be read
   * @throws io.meterkit.core.MeterkitException naming the file, line and field of a bad sample; the
   *     batches before it stay stored
   */
  static long load(Path file, MeterStore store, long nowMillis) throws IOException {
    long stored = 0;
    List<Sample> batch = new ArrayList<>(BATCH);
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String where = file.getFileName() + " line " + number;
        batch.add(CounterForm.read(line, where, nowMillis));
        if (batch.size() == BATCH) {
          stored += store.recordAll(batch);
          batch.clear();
        }
      }
    }
    return stored + store.recordAll(batch);
  }
}
