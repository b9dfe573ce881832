/**
 * The runnable example server: {@link io.meterkit.examples.Main} parses the command line, loads
 * demo or file data into an in-memory {@link io.meterkit.store.MeterStore}, and serves {@link
 * io.meterkit.api.MeterApi} on the JDK's {@code com.sun.net.httpserver} through the one binding
 * class {@link io.meterkit.examples.JdkHttpBinding}.
 *
 * <p>Security and limits: {@link io.meterkit.examples.ServerSecurity} builds the authenticator
 * chain of {@code --auth} and refuses {@code --dev-admin} off loopback; {@link
 * io.meterkit.examples.RequestGate} enforces the body, URL and header limits and the bounded worker
 * slots ({@link io.meterkit.examples.HttpLimits}); {@link io.meterkit.examples.Tls} opens the
 * keystore of {@code --tls-keystore}; {@link io.meterkit.examples.HashCommand} prints entries of
 * the credentials files.
 *
 * <p>Thread safety: the server answers requests in a bounded number of worker slots; {@link
 * io.meterkit.examples.ExampleServer#close()} stops it.
 *
 * <pre>{@code
 * java -jar examples/target/meterkit-server.jar --port 8080 --demo --dev-admin
 * curl 'http://localhost:8080/v2/meters/cpu_util/statistics?period=86400'
 * }</pre>
 */
package io.meterkit.examples;
