import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;

/**
 * Runs one embedded Elasticsearch 7.x node until SIGTERM:
 * {@code java -cp ... EsNode HOME}, with its settings in
 * HOME/config/elasticsearch.yml and logging in HOME/config/log4j2.properties
 * (scripts/elasticsearch.sh writes both).
 *
 * The distribution's bootstrap (security manager, bootstrap checks, module
 * folders) is left out: modules come from the classpath instead, the way
 * codelibs' cluster runners do it.
 */
public class EsNode {
    /** Modules shipped as separate jars; each is loaded when it is on the classpath. */
    static final String[] MODULES = {
        "org.elasticsearch.transport.Netty4Plugin",               // HTTP + transport
        "org.elasticsearch.analysis.common.CommonAnalysisPlugin", // swedish, english, ngrams
    };

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: EsNode HOME");
            System.exit(2);
        }
        Path home = Paths.get(args[0]).toAbsolutePath();
        Settings input = Settings.builder().put("path.home", home.toString()).build();
        Environment env = InternalSettingsPreparer.prepareEnvironment(
            input, Collections.emptyMap(), home.resolve("config"), () -> "node-1");
        LogConfigurator.configure(env);

        List<Class<? extends Plugin>> plugins = new ArrayList<>();
        for (String name : MODULES) {
            try {
                plugins.add(Class.forName(name).asSubclass(Plugin.class));
            } catch (ClassNotFoundException absent) {
                System.err.println("EsNode: module not on the classpath: " + name);
            }
        }
        // Node's constructor with classpath plugins is protected: subclass it.
        Node node = new Node(env, plugins, true) {};
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                closed.countDown();
            }
        }, "es-shutdown"));
        node.start();
        closed.await(); // the node's threads are daemons: keep the JVM alive
    }
}
