package kg.neo4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded, exposing only Bolt on 127.0.0.1 with auth disabled.
 *
 * <pre>java -Xmx512m -jar target/neo4j-launcher.jar [--home DIR] [--port N] [--pagecache-mb N]</pre>
 * The page cache defaults to 128 MB (tests); benchmarks at a million events size it to the store.
 *
 * Prints exactly one stdout line, {@code NEO4J_READY bolt://127.0.0.1:PORT}, once the default
 * database is available and the Bolt port accepts TCP connections. SIGTERM/SIGINT shut the
 * DBMS down cleanly via a shutdown hook. Neo4j's own logs go to HOME/logs/.
 * Without --home a temp dir is used and deleted on exit.
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        Path home = null;
        int port = 7687;
        long pageCacheMb = 128;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(requireValue(args, ++i));
                case "--port" -> port = Integer.parseInt(requireValue(args, ++i));
                case "--pagecache-mb" -> pageCacheMb = Long.parseLong(requireValue(args, ++i));
                default -> usage("unknown argument: " + args[i]);
            }
        }
        boolean tempHome = home == null;
        if (tempHome) {
            home = Files.createTempDirectory("neo4j-embedded-");
        }
        Files.createDirectories(home);

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                    // Sandboxed CI has no outbound network: keep usage/driver telemetry off.
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(BoltConnector.server_bolt_telemetry_enabled, false)
                    // Netty's default 5 s quiet period, paid once per Bolt event-loop group (two),
                    // made every SIGTERM take ~12 s; nothing is left to drain at that point.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .build();
        } catch (Throwable t) {
            System.err.println("neo4j launcher: startup failed (see " + home.resolve("logs") + ")");
            t.printStackTrace();
            if (tempHome) {
                deleteRecursively(home);
            }
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        final Path homeDir = home;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
            } finally {
                if (tempHome) {
                    deleteRecursively(homeDir);
                }
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(120_000)) {
            System.err.println("neo4j launcher: default database not available after 120 s");
            System.exit(1);
        }
        waitForPort(port, 60_000);

        System.out.println("NEO4J_READY bolt://" + HOST + ":" + port);
        System.out.flush();
        stopped.await(); // JVM exit is driven by SIGTERM -> shutdown hook
    }

    /** Bolt is started as part of the DBMS lifecycle; this only guards against a late bind. */
    private static void waitForPort(int port, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    System.err.println("neo4j launcher: Bolt port " + port + " not accepting connections");
                    System.exit(1);
                }
                Thread.sleep(100);
            }
        }
    }

    private static String requireValue(String[] args, int i) {
        if (i >= args.length) {
            usage("missing value for " + args[i - 1]);
        }
        return args[i];
    }

    private static void usage(String msg) {
        System.err.println("neo4j launcher: " + msg + "\nusage: java -jar neo4j-launcher.jar [--home DIR] [--port N]");
        System.exit(2);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("neo4j launcher: could not delete " + dir + ": " + e);
        }
    }
}
