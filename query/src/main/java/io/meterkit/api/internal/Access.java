package io.meterkit.api.internal;

import io.meterkit.api.Principal;
import io.meterkit.core.ForbiddenException;
import io.meterkit.core.MeterkitException;
import io.meterkit.core.NotFoundException;
import io.meterkit.query.Dimension;

/**
 * Authorization for the Ceilometer families: admins see everything; any other caller is a member
 * restricted to its own project.
 *
 * <ul>
 *   <li>A path that names another project ({@code /v1/projects/{p}/...}) answers 404, as if the
 *       project did not exist ({@link #requireVisibleProject}).
 *   <li>Everywhere else the member's project is silently added to the query ({@link #restrict}), so
 *       other projects' data is simply not there; a member without a project sees nothing.
 *   <li>A member may post samples of its own project only; a sample without {@code project_id} is
 *       given the member's project ({@link #projectForPost}).
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
public final class Access {
  private Access() {}

  /**
   * Adds the caller's project to the conditions of a member; leaves an admin's unchanged.
   *
   * @param caller the caller
   * @param conditions the request's conditions, changed in place
   * @return {@code conditions}
   */
  public static Conditions restrict(Principal caller, Conditions conditions) {
    if (caller.isAdmin()) {
      return conditions;
    }
    return caller.projectId() == null
        ? conditions.never()
        : conditions.equal(Dimension.PROJECT_ID, caller.projectId());
  }

  /**
   * Checks that a project named in the path is visible to the caller.
   *
   * @param caller the caller
   * @param projectId the project of the path
   * @throws NotFoundException when a member names a project other than its own
   */
  public static void requireVisibleProject(Principal caller, String projectId) {
    if (!isVisible(caller, projectId)) {
      throw new NotFoundException(
          "project " + MeterkitException.describe(projectId) + " not found");
    }
  }

  /**
   * Returns whether data of a project is visible to the caller.
   *
   * @param caller the caller
   * @param projectId a project id, possibly null
   * @return true for an admin, or a member's own project
   */
  public static boolean isVisible(Principal caller, String projectId) {
    return caller.isAdmin() || (caller.projectId() != null && caller.projectId().equals(projectId));
  }

  /**
   * Returns the project a posted sample is stored under.
   *
   * @param caller the caller
   * @param projectId the sample's {@code project_id}, or null when absent
   * @param where the sample, for the message, e.g. {@code samples[2]}
   * @return {@code projectId} for an admin; the member's project for a member
   * @throws ForbiddenException when a member posts for another project, or has no project
   */
  public static String projectForPost(Principal caller, String projectId, String where) {
    if (caller.isAdmin()) {
      return projectId;
    }
    if (caller.projectId() == null) {
      throw new ForbiddenException(
          "a caller without " + Principal.PROJECT_ID_HEADER + " may not post samples");
    }
    if (projectId != null && !projectId.equals(caller.projectId())) {
      throw new ForbiddenException(
          where
              + ".project_id must be the caller's project "
              + MeterkitException.describe(caller.projectId())
              + ", got: "
              + MeterkitException.describe(projectId));
    }
    return caller.projectId();
  }
}
