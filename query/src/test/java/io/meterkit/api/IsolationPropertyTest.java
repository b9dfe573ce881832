package io.meterkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tenant isolation as a property: for random data of several projects, random non-admin callers
 * (members of a project, of no project, with usage roles {@code tenant} and {@code user}) and a
 * random request on every route {@link MeterApi} registers, the answer over the whole store is the
 * answer over a store holding only the caller's project; no answer holds an id only another project
 * uses unless the request named it; and no request changes another project's samples.
 *
 * <p>Comparing with the caller's own store proves more than "no foreign id appears": sums, counts,
 * orders, 404s and error messages cannot depend on other projects either. The one thing set aside
 * is the ids the store assigns to samples posted without {@code message_id}, which depend on where
 * the row lands.
 */
@Timeout(120)
class IsolationPropertyTest {
  private static final long SEED = Long.getLong("meterkit.isolation.seed", System.nanoTime());
  private static final int TRIALS = 40;
  private static final int EXTRA_REQUESTS = 30;

  /** An id the store assigned (version-8 UUID): it encodes where the row lives. */
  private static final Pattern ASSIGNED_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

  private final List<String> violations = new ArrayList<>();
  private final Map<String, Integer> statuses = new TreeMap<>();

  // Every response has a fresh random request id: the one header two answers never share.
  private static java.util.Map<String, String> withoutRequestId(ApiResponse response) {
    java.util.Map<String, String> headers = new java.util.HashMap<>(response.headers());
    headers.remove(MeterApi.REQUEST_ID_HEADER);
    return headers;
  }

  private static List<String> registeredRoutes(MeterApi api) {
    return api.routes().stream()
        .map(route -> route.method() + " " + route.template())
        .collect(Collectors.toList());
  }

  @Test
  void everyRegisteredRouteHasARequestGeneratorAndNoGeneratorIsStale() {
    MeterApi api = IsolationWorld.random(new Random(1)).start().api;
    assertThat(IsolationRequests.FILLERS.keySet())
        .as("request generators vs routes MeterApi registers")
        .containsExactlyInAnyOrderElementsOf(registeredRoutes(api));
  }

  @Test
  void aNonAdminNeverSeesOrWritesAnotherProjectsData() {
    System.out.println(
        "IsolationPropertyTest seed "
            + SEED
            + " (rerun with -Dmeterkit.isolation.seed="
            + SEED
            + ")");
    int requests = 0;
    int answeredWithData = 0;
    int namingOtherProjects = 0;
    for (int trial = 0; trial < TRIALS && violations.size() < 10; trial++) {
      Random random = new Random(SEED + trial);
      IsolationWorld world = IsolationWorld.random(random);
      Principal caller = nonAdmin(random);
      String project = caller.projectId();
      IsolationWorld.Running all = world.start();
      IsolationWorld.Running own = world.ownedBy(project).start();
      Set<String> foreign = world.foreignIds(project);
      Set<String> othersBefore = all.samplesNotOf(project);
      List<String> routes = registeredRoutes(all.api);
      Collections.shuffle(routes, random);
      for (int i = 0; i < EXTRA_REQUESTS; i++) {
        routes.add(IsolationRequests.pick(random, routes));
      }
      for (String route : routes) {
        String[] methodAndTemplate = route.split(" ", 2);
        IsolationRequests.Draft draft =
            IsolationRequests.draft(methodAndTemplate[0], methodAndTemplate[1], random, project);
        ApiRequest request = draft.build(caller);
        ApiResponse overAll = all.api.handle(request);
        ApiResponse overOwn = own.api.handle(request);
        requests++;
        statuses.merge(route + " " + overAll.status(), 1, Integer::sum);
        String where =
            "trial " + trial + ", caller " + caller + ", " + request.method() + " " + draft.text();
        if (overAll.status() >= 500) {
          violations.add(where + ": " + overAll);
        }
        String allBody = ASSIGNED_ID.matcher(overAll.bodyText()).replaceAll("<assigned>");
        String ownBody = ASSIGNED_ID.matcher(overOwn.bodyText()).replaceAll("<assigned>");
        if (overAll.status() != overOwn.status()
            || !allBody.equals(ownBody)
            || !withoutRequestId(overAll).equals(withoutRequestId(overOwn))) {
          violations.add(
              where
                  + ":\n    over all projects: "
                  + overAll
                  + "\n    over its own project: "
                  + overOwn);
        }
        // What the request says, and who says it: a caller's own user id is no leak (v1 answers
        // a member's user listing with it, as Ceilometer did).
        String said = draft.text() + " " + caller.userId();
        for (String id : foreign) {
          if (said.contains(id)) {
            namingOtherProjects++;
          } else if (overAll.bodyText().contains(id)) {
            violations.add(where + ": answer holds " + id + " of another project: " + overAll);
          }
        }
        if (overAll.status() == 200 && overAll.bodyText().length() > 40) {
          answeredWithData++;
        }
        if (!request.method().equals("GET") && overAll.status() < 300) {
          // What the caller wrote is its own from now on.
          foreign.removeIf(said::contains);
          Set<String> othersAfter = all.samplesNotOf(project);
          if (!othersAfter.equals(othersBefore)) {
            Set<String> changed = new TreeSet<>(othersAfter);
            changed.removeAll(othersBefore);
            violations.add(where + ": changed other projects' samples: " + changed);
          }
        }
      }
    }
    System.out.println(
        "IsolationPropertyTest: "
            + requests
            + " requests, "
            + answeredWithData
            + " answered with data, "
            + namingOtherProjects
            + " naming another project's ids; statuses "
            + statuses);
    assertThat(violations).as("isolation violations (seed " + SEED + ")").isEmpty();
    assertThat(answeredWithData).as("answers with data").isGreaterThan(requests / 10);
    assertThat(namingOtherProjects)
        .as("requests naming other projects' ids")
        .isGreaterThan(requests / 10);
  }

  @Test
  void theWorldIsNotEmptyForAnAdmin() {
    // The property above must be able to fail: an admin of the same world sees other projects.
    IsolationWorld world = null;
    Random random = new Random(SEED);
    for (int i = 0; world == null || world.samples.size() < 20; i++) {
      world = IsolationWorld.random(random);
    }
    IsolationWorld.Running all = world.start();
    Principal admin = new Principal("root", "proj-a", List.of("admin"));
    ApiResponse projects =
        all.api.handle(ApiRequest.builder("GET", "/v1/projects").principal(admin).build());
    Set<String> expected = new TreeSet<>();
    world.samples.forEach(sample -> expected.add(sample.projectId()));
    for (String project : expected) {
      assertThat(projects.bodyText()).contains(project);
    }
    assertThat(expected).hasSizeGreaterThan(1);
  }

  private static Principal nonAdmin(Random random) {
    String project =
        random.nextInt(8) == 0 ? null : IsolationRequests.pick(random, IsolationRequests.PROJECTS);
    String user =
        random.nextInt(6) == 0 ? null : IsolationRequests.pick(random, IsolationRequests.USERS);
    List<String> roles = new ArrayList<>();
    for (String role : List.of("Member", "reader", "tenant", "user")) {
      if (random.nextInt(3) == 0) {
        roles.add(role);
      }
    }
    return new Principal(user, project, roles);
  }
}
