package io.meterkit.api;

import io.meterkit.api.internal.Json;
import io.meterkit.api.internal.SampleReader;
import io.meterkit.core.InvalidInputException;
import io.meterkit.core.Sample;

/**
 * Reads a sample written as JSON in the counter form of Ceilometer v2, the form {@code POST
 * /v2/meters/{meter}} takes: {@code counter_name, counter_type, counter_unit, counter_volume,
 * resource_id} (required), {@code timestamp, project_id, user_id, source, resource_metadata,
 * message_id} (optional) and {@code recorded_at} (ignored). A host uses it to load such samples
 * from a file, one JSON object per line.
 *
 * <p>Nested {@code resource_metadata} is flattened as Ceilometer prints it: {@code {"properties":
 * {"prop": {"sub": 1}}}} becomes {@code properties.prop:sub = "1"} (the first level joined with a
 * dot, deeper ones with colons); booleans become {@code True}/{@code False}, null {@code None},
 * numbers and arrays their Python text. An empty {@code counter_unit} is valid.
 *
 * <p>Thread-safe: stateless.
 */
public final class CounterForm {
  private CounterForm() {}

  /**
   * Parses and validates one sample.
   *
   * @param json one JSON object in the counter form
   * @param where names the sample in messages, e.g. {@code data.jsonl line 3}
   * @param defaultTimestampMillis the timestamp when the object has none, epoch milliseconds UTC
   * @return the sample
   * @throws InvalidInputException when the text is not JSON or the object is not a valid sample;
   *     the message names {@code where}, the counter-form field and the offending value
   */
  public static Sample read(String json, String where, long defaultTimestampMillis) {
    return SampleReader.read(Json.read(json, where), null, where, defaultTimestampMillis);
  }
}
