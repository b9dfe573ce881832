package io.meterkit.api.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterkit.api.ApiCall;
import io.meterkit.api.ApiResponse;
import io.meterkit.api.internal.CeilometerArgs;
import io.meterkit.api.internal.Json;
import java.util.List;
import java.util.Set;

/**
 * The fixed documents of the v2 family: the version document at {@code /} (its {@code self} link on
 * the request's application URL) and {@code /v2/capabilities} (every capability supported).
 * Thread-safe: stateless.
 */
final class Documents {
  private static final List<String> CAPABILITIES =
      List.of(
          "meters:query:simple",
          "meters:query:metadata",
          "resources:query:simple",
          "resources:query:metadata",
          "samples:query:simple",
          "samples:query:metadata",
          "samples:query:complex",
          "statistics:groupby",
          "statistics:query:simple",
          "statistics:query:metadata",
          "statistics:aggregation:standard",
          "statistics:aggregation:selectable:max",
          "statistics:aggregation:selectable:min",
          "statistics:aggregation:selectable:sum",
          "statistics:aggregation:selectable:avg",
          "statistics:aggregation:selectable:count",
          "statistics:aggregation:selectable:stddev",
          "statistics:aggregation:selectable:cardinality");

  private Documents() {}

  static ApiResponse versions(ApiCall call) {
    ObjectNode v2 = Json.object();
    v2.put("id", "v2");
    ArrayNode links = v2.putArray("links");
    links.addObject().put("href", call.request().baseUrl() + "/v2").put("rel", "self");
    links
        .addObject()
        .put("href", "http://docs.openstack.org/")
        .put("rel", "describedby")
        .put("type", "text/html");
    ArrayNode types = v2.putArray("media-types");
    types
        .addObject()
        .put("base", "application/json")
        .put("type", "application/vnd.openstack.telemetry-v2+json");
    types
        .addObject()
        .put("base", "application/xml")
        .put("type", "application/vnd.openstack.telemetry-v2+xml");
    v2.put("status", "stable");
    v2.put("updated", "2013-02-13T00:00:00Z");
    ObjectNode body = Json.object();
    body.putObject("versions").putArray("values").add(v2);
    return Json.ok(body);
  }

  static ApiResponse capabilities(ApiCall call) {
    CeilometerArgs.of(call.query(), Set.of());
    ObjectNode body = Json.object();
    ObjectNode api = body.putObject("api");
    CAPABILITIES.forEach(name -> api.put(name, true));
    body.putObject("storage").put("storage:production_ready", true);
    return Json.ok(body);
  }
}
