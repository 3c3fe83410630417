package org.peerstats.bench.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.peerstats.streams.topology.FormatLocale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./peerstats chaos [options]}: one chaos run ({@link ChaosOptions#USAGE}); prints the
 * report and writes it to the result file (and docs/reliability.md with {@code --docs}). Exit code
 * 0 when every check was exact, 1 when not (or the run failed), 2 for a wrong command line.
 */
public final class ChaosMain {

    private ChaosMain() {
    }

    public static void main(String[] args) {
        FormatLocale.useUnitedStates();
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "peerstats-bench-logback.xml");
        }
        int code;
        try {
            code = run(args, System.getenv());
        } catch (ChaosOptions.UsageException e) {
            System.err.println("peerstats chaos: " + e.getMessage());
            System.err.println();
            System.err.print(ChaosOptions.USAGE);
            code = 2;
        } catch (Exception e) {
            LoggerFactory.getLogger(ChaosMain.class).error("the chaos run failed: {}", e.getMessage(), e);
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    static int run(String[] args, Map<String, String> env) throws Exception {
        Path root = Path.of(env.getOrDefault("PEERSTATS_BENCH_ROOT", ".")).toAbsolutePath().normalize();
        ChaosOptions options = ChaosOptions.parse(args, root);
        if (options == null) {
            System.out.print(ChaosOptions.USAGE);
            return 0;
        }
        ChaosRun.Result result = new ChaosRun(options).run();
        String report = ChaosReport.markdown(result);
        Logger log = LoggerFactory.getLogger(ChaosMain.class);
        Files.createDirectories(options.resultFile().toAbsolutePath().getParent());
        Files.writeString(options.resultFile(), report);
        if (options.docsFile() != null) {
            ChaosReport.intoDocs(options.docsFile(), report);
            log.info("report written into {}", options.docsFile());
        }
        System.out.println();
        System.out.println(report);
        log.info("report written to {}", options.resultFile());
        return result.exact() ? 0 : 1;
    }
}
