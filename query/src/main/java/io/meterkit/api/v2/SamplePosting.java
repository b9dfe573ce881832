package io.meterkit.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.meterkit.api.ApiCall;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.internal.Access;
import io.meterkit.api.internal.Json;
import io.meterkit.api.internal.Params;
import io.meterkit.api.internal.SampleJson;
import io.meterkit.api.internal.SampleReader;
import io.meterkit.core.ConflictException;
import io.meterkit.core.InvalidSampleException;
import io.meterkit.core.MeterType;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.Rule;
import io.meterkit.core.Sample;
import io.meterkit.core.SampleField;
import io.meterkit.core.Violation;
import io.meterkit.store.IngestReceipt;
import io.meterkit.store.MeterStore;
import io.meterkit.store.StoredSample;
import io.meterkit.store.spi.MeterSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v2/meters/{meter}}: a JSON array of samples in the counter form, stored all or
 * nothing; answers 201 with the stored samples (with their {@code message_id} and {@code
 * recorded_at}). A retried sample (known {@code message_id}) answers the stored one; when that one
 * belongs to a project the caller may not see, the post is refused with 409 and stores nothing.
 *
 * <p>Every sample's {@code counter_name} must be the meter of the path; a sample without {@code
 * timestamp} is stamped with the clock's now. Authorization: see {@link Access#projectForPost}.
 * Thread-safe.
 */
final class SamplePosting {
  private final MeterStore store;
  private final Clock clock;

  SamplePosting(MeterStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  ApiResponse post(ApiCall call) {
    Params.allowOnly(call.query(), Set.of());
    String meter = call.path("meter");
    JsonNode body = Json.readBody(call.request());
    if (!body.isArray()) {
      throw new InvalidSampleException(
          Violation.of(Json.BODY, Rule.WRONG_TYPE, body.toString(), "array"),
          "body must be a JSON array of samples, got: " + Json.typeName(body));
    }
    long now = clock.millis();
    List<Sample> samples = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      String where = "samples[" + i + "]";
      Sample sample = SampleReader.read(body.get(i), i, where, now);
      if (!sample.meterName().equals(meter)) {
        throw new InvalidSampleException(
            Violation.of(SampleField.METER_NAME, Rule.MISMATCH, sample.meterName(), meter, "path")
                .at(i),
            where
                + ".counter_name must be the meter of the path "
                + MeterkitException.describe(meter)
                + ", got: "
                + MeterkitException.describe(sample.meterName()));
      }
      samples.add(
          withProject(sample, Access.projectForPost(call.principal(), sample.projectId(), where)));
    }
    checkTypeAndUnit(meter, samples);
    for (int i = 0; i < samples.size(); i++) {
      requireOwnRetry(call, samples.get(i).messageId(), i);
    }
    IngestReceipt receipt = store.recordAllWithIds(samples);
    ArrayNode stored = Json.array();
    for (int i = 0; i < receipt.messageIds().size(); i++) {
      String id = receipt.messageIds().get(i);
      StoredSample sample =
          store
              .sample(id)
              .orElseThrow(() -> new IllegalStateException("stored sample " + id + " is missing"));
      // Another project may have taken the id since the check above: never answer its sample.
      requireVisible(call, sample, id, i);
      stored.add(SampleJson.counterForm(sample));
    }
    return Json.response(201, stored);
  }

  /**
   * A retried {@code message_id} answers the stored sample, so it must be the caller's to see: a
   * member whose id another project's sample already has gets 409, without that sample.
   */
  private void requireOwnRetry(ApiCall call, String messageId, int index) {
    if (messageId != null && !call.principal().isAdmin()) {
      Optional<StoredSample> existing = store.sample(messageId);
      if (existing.isPresent()) {
        requireVisible(call, existing.get(), messageId, index);
      }
    }
  }

  private static void requireVisible(ApiCall call, StoredSample sample, String id, int index) {
    if (!Access.isVisible(call.principal(), sample.sample().projectId())) {
      throw new ConflictException(
          "samples["
              + index
              + "].message_id "
              + MeterkitException.describe(id)
              + " is already in use; choose another id");
    }
  }

  /**
   * The store refuses a sample whose type or unit differs from its meter's, naming only the meter;
   * this names the sample's wire field. (A meter created concurrently is still caught by the
   * store.)
   */
  private void checkTypeAndUnit(String meter, List<Sample> samples) {
    if (samples.isEmpty()) {
      return;
    }
    Optional<MeterSnapshot> stored = store.snapshot().meter(meter);
    MeterType type = stored.map(MeterSnapshot::type).orElse(samples.get(0).type());
    String unit = stored.map(MeterSnapshot::unit).orElse(samples.get(0).unit());
    for (int i = 0; i < samples.size(); i++) {
      Sample sample = samples.get(i);
      if (sample.type() != type) {
        throw new InvalidSampleException(
            Violation.of(
                    SampleField.TYPE,
                    Rule.CONFLICTS_WITH_METER,
                    sample.type().wireName(),
                    meter,
                    type.wireName(),
                    unit)
                .at(i),
            "samples["
                + i
                + "].counter_type must be "
                + type.wireName()
                + ", the type of meter "
                + MeterkitException.describe(meter)
                + ", got: "
                + sample.type().wireName());
      }
      if (!sample.unit().equals(unit)) {
        throw new InvalidSampleException(
            Violation.of(
                    SampleField.UNIT,
                    Rule.CONFLICTS_WITH_METER,
                    sample.unit(),
                    meter,
                    type.wireName(),
                    unit)
                .at(i),
            "samples["
                + i
                + "].counter_unit must be "
                + MeterkitException.describe(unit)
                + ", the unit of meter "
                + MeterkitException.describe(meter)
                + ", got: "
                + MeterkitException.describe(sample.unit()));
      }
    }
  }

  private static Sample withProject(Sample s, String projectId) {
    if (Objects.equals(projectId, s.projectId())) {
      return s;
    }
    return new Sample(
        s.meterName(),
        s.type(),
        s.unit(),
        s.volume(),
        s.timestampMillis(),
        s.resourceId(),
        projectId,
        s.userId(),
        s.source(),
        s.metadata(),
        s.messageId());
  }
}
