package io.meterkit.api.v2;

import io.meterkit.api.ApiCall;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.internal.Access;
import io.meterkit.api.internal.CeilometerArgs;
import io.meterkit.api.internal.CeilometerTime;
import io.meterkit.api.internal.Json;
import io.meterkit.api.internal.SampleJson;
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
 * {@code POST /v2/meters/{meter}} (and {@code /v2/meters/{meter}/{direct}}): the samples of {@link
 * PostedSamples}, stored all or nothing whatever {@code direct} says (any value is accepted); 201
 * with one echo per sample, in input order, each with its {@code message_id}.
 *
 * <p>A sample's {@code message_id} may be given: a retry of a stored one is stored once and
 * answered with the stored sample; a member whose id another project's sample already has gets 409
 * and nothing is stored. A meter has one type and unit: a sample with others is refused naming the
 * meter's. The echo is built from the posted values and the store's receipt, without reading the
 * samples back (only retried ids are looked up). Thread-safe.
 */
final class SamplePosting {
  private static final Set<String> SIGNATURE = Set.of("direct");

  private final MeterStore store;
  private final Clock clock;

  SamplePosting(MeterStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  ApiResponse post(ApiCall call) {
    CeilometerArgs.of(call.query(), SIGNATURE).flag("direct");
    String meter = call.path("meter");
    List<PostedSamples.Posted> posted =
        PostedSamples.read(call.request(), meter, call.principal(), clock.millis());
    List<Sample> samples = new ArrayList<>(posted.size());
    for (PostedSamples.Posted each : posted) {
      samples.add(each.sample());
    }
    if (!call.principal().isAdmin() && call.principal().projectId() == null) {
      Access.projectForPost(call.principal(), null, "samples");
    }
    checkTypeAndUnit(meter, samples);
    boolean clientIds = false;
    for (int i = 0; i < samples.size(); i++) {
      clientIds |= samples.get(i).messageId() != null;
      requireOwnRetry(call, samples.get(i).messageId(), i);
    }
    IngestReceipt receipt = store.recordAllWithIds(samples);
    SampleEcho[] echoes = new SampleEcho[posted.size()];
    for (int i = 0; i < echoes.length; i++) {
      echoes[i] = posted.get(i).echo();
      if (clientIds && receipt.duplicates() > 0 && samples.get(i).messageId() != null) {
        echoes[i] = retried(call, posted.get(i), receipt.messageIds().get(i), i);
      }
    }
    List<String> ids = receipt.messageIds();
    return ApiResponse.json(
        201,
        Json.write(
            call.request().bodyLength() + 64 * echoes.length,
            json -> {
              json.writeStartArray();
              for (int i = 0; i < echoes.length; i++) {
                echoes[i].write(json, ids.get(i));
              }
              json.writeEndArray();
            }));
  }

  /** The echo of a sample whose id was stored before: the stored sample's values. */
  private SampleEcho retried(ApiCall call, PostedSamples.Posted posted, String id, int index) {
    Optional<StoredSample> stored = store.sample(id);
    if (stored.isEmpty() || stored.get().sample().equals(posted.sample())) {
      return posted.echo();
    }
    requireVisible(call, stored.get(), id, index);
    Sample s = stored.get().sample();
    SampleEcho echo = posted.echo();
    return new SampleEcho(
        echo.name(),
        s.type().wireName(),
        s.unit(),
        s.volume(),
        s.resourceId(),
        s.projectId(),
        s.userId(),
        s.source(),
        CeilometerTime.v2(s.timestampMillis()),
        echo.recordedAt(),
        SampleJson.metadataObject(s.metadata()));
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
    Optional<MeterSnapshot> stored = store.snapshot().meter(meter);
    MeterType type = stored.map(MeterSnapshot::type).orElse(samples.get(0).type());
    String unit = stored.map(MeterSnapshot::unit).orElse(samples.get(0).unit());
    for (int i = 0; i < samples.size(); i++) {
      Sample sample = samples.get(i);
      boolean typeDiffers = sample.type() != type;
      if (typeDiffers || !sample.unit().equals(unit)) {
        throw new InvalidSampleException(
            Violation.of(
                    typeDiffers ? SampleField.TYPE : SampleField.UNIT,
                    Rule.CONFLICTS_WITH_METER,
                    typeDiffers ? sample.type().wireName() : sample.unit(),
                    meter,
                    type.wireName(),
                    unit)
                .at(i),
            "samples["
                + i
                + "] differs from meter "
                + MeterkitException.describe(meter)
                + " ("
                + type.wireName()
                + ", "
                + MeterkitException.describe(unit)
                + ")");
      }
    }
  }
}
