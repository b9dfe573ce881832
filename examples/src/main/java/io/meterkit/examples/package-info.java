/**
 * The runnable example server: {@link io.meterkit.examples.Main} parses the command line, loads
 * demo or file data into an in-memory {@link io.meterkit.store.MeterStore}, and serves {@link
 * io.meterkit.api.MeterApi} on the JDK's {@code com.sun.net.httpserver} through the one binding
 * class {@link io.meterkit.examples.JdkHttpBinding}.
 *
 * <p>Thread safety: the server handles requests on a bounded pool; {@link
 * io.meterkit.examples.ExampleServer#close()} stops it.
 *
 * <pre>{@code
 * java -jar examples/target/meterkit-server.jar --port 8080 --demo --dev-admin
 * curl 'http://localhost:8080/v2/meters/cpu_util/statistics?period=86400'
 * }</pre>
 */
package io.meterkit.examples;
