package io.meterkit.examples;

import io.meterkit.api.MeterApi;
import io.meterkit.api.servlet.MeterApiServlet;
import java.net.InetAddress;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The end-to-end suite over {@link MeterApiServlet} on embedded Jetty 12, mounted at {@code /*}.
 */
class ServletBindingEndToEndTest extends BindingEndToEndSuite {
  @Override
  Served serve(MeterApi api, int maxBodyBytes) throws Exception {
    Server jetty = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setUriCompliance(
        UriCompliance.DEFAULT.with(
            "ceilometer ids", UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    // Ceilometer resource ids may be percent-encoded twice (a%252Fb is a/b); Servlet 6 refuses such
    // paths unless the container is told to pass them on.
    context.getServletHandler().setDecodeAmbiguousURIs(true);
    context.addServlet(new ServletHolder(new MeterApiServlet(api, maxBodyBytes)), "/*");
    jetty.setHandler(context);
    jetty.start();
    return new Served() {
      @Override
      public int port() {
        return connector.getLocalPort();
      }

      @Override
      public void close() throws Exception {
        jetty.stop();
      }
    };
  }
}
