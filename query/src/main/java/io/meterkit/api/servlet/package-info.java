/**
 * The Jakarta Servlet binding of {@link io.meterkit.api.MeterApi}: one servlet that any Servlet 6
 * container (Jetty 12, Tomcat 10.1+, Spring Boot 3) mounts. The servlet API is a {@code provided}
 * dependency: the container brings it.
 */
package io.meterkit.api.servlet;
