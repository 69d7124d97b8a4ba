import java.nio.file.Path;
import java.util.List;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.ingest.common.IngestCommonPlugin;
import org.opensearch.node.Node;
import org.opensearch.script.mustache.MustachePlugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A one-node OpenSearch for the log-pipeline test, started from Maven jars
 * with `java -cp 'jars/*' LocalNode.java HOME PORT` (Java's single-file
 * source launcher: nothing is compiled into the repository). The modules go
 * in as classpath plugins, as OpenSearch's own test framework loads them,
 * because Maven has their jars but not the distribution's modules/ layout.
 * The launcher's watchdog stops this JVM when the test process goes away.
 */
public final class LocalNode {
  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    Settings settings = Settings.builder()
        .put("path.home", home.toString())
        .put("path.data", home.resolve("data").toString())
        .put("path.logs", home.resolve("logs").toString())
        .put("cluster.name", "memgate-logs-test")
        .put("node.name", "local")
        .put("discovery.type", "single-node")
        .put("network.host", "127.0.0.1")
        .put("http.port", args[1])
        .put("transport.port", args[2])
        .put("http.type", "netty4")
        .put("transport.type", "netty4")
        // A test box's disk may be nearly full; the test writes kilobytes.
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        .build();
    Node node = new ClasspathNode(new Environment(settings, home.resolve("config")));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.close();
      } catch (Exception ignored) {
        // The JVM is going away either way.
      }
    }));
    node.start();
    System.out.println("opensearch ready on 127.0.0.1:" + args[1]);
    // OpenSearch's own threads are daemons (its Bootstrap keeps a thread
    // alive for the same reason): wait here until the JVM is told to stop.
    new java.util.concurrent.CountDownLatch(1).await();
  }

  /** Node's constructor that takes plugin classes is protected. */
  private static final class ClasspathNode extends Node {
    ClasspathNode(Environment environment) {
      super(environment, List.of(IngestCommonPlugin.class, MustachePlugin.class, Netty4Plugin.class), true);
    }
  }
}
