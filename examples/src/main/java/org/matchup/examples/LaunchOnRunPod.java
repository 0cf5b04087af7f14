package org.matchup.examples;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.matchup.core.data.SufficientStatistics;
import org.matchup.core.model.MatchupModel;
import org.matchup.core.sampling.SamplerConfig;
import org.matchup.core.validation.Check;
import org.matchup.core.validation.ModelChecks;
import org.matchup.launcher.CostCap;
import org.matchup.launcher.Launch;
import org.matchup.launcher.LaunchConfig;
import org.matchup.launcher.LaunchListener;
import org.matchup.launcher.LaunchOutcome;
import org.matchup.launcher.LaunchPlan;
import org.matchup.launcher.RunTimeEstimate;
import org.matchup.launcher.runpod.ApiKey;
import org.matchup.launcher.runpod.PodSpec;

/**
 * Launches the reference system's training configuration (matchup-specific, 4 chains x (1000 warmup + 2000
 * draws), adapt_delta 0.99) on a RunPod CPU pod through the launcher's Java API. Without {@code RUNPOD_API_KEY}
 * in the environment it prints the plan (a dry run, calibrated here with preflight's short run); with it, it
 * rents the pod, runs the fit there and brings the results back into the output directory.
 *
 * <pre>
 *   java -cp 'examples/target/matchup-examples.jar:examples/target/lib/*' org.matchup.examples.LaunchOnRunPod \
 *       ../shared/data/nba/matchups_train.csv.gz runs/runpod-reference
 * </pre>
 */
public final class LaunchOnRunPod {

    /** The price per hour assumed by the plan of a 4 vCPU cpu3c pod (RunPod reports the real one). */
    static final double ASSUMED_PRICE_PER_HOUR = 0.10;

    private LaunchOnRunPod() {
    }

    /**
     * @param args the table and the output directory; optionally the model and warmup and draws per chain
     * @throws IOException if the table cannot be read or the launch fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: LaunchOnRunPod TABLE.csv[.gz] OUTPUT_DIR [model warmup draws]");
            System.exit(2);
        }
        System.exit(run(args, System.getenv(), System.out));
    }

    /**
     * @param args as for {@link #main}
     * @param environment the environment: a launch only when it holds {@code RUNPOD_API_KEY}
     * @param out where the plan or the launch's lines go
     * @return the exit code: 0 for a plan or a converged run, else the remote fit's code
     * @throws IOException if the table cannot be read or the launch fails
     */
    static int run(String[] args, Map<String, String> environment, PrintStream out) throws IOException {
        Path table = Path.of(args[0]);
        Path output = Path.of(args[1]);
        MatchupModel model = MatchupModel.named(args.length > 2 ? args[2] : "matchup-specific");
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int draws = args.length > 4 ? Integer.parseInt(args[4]) : 2000;

        // The reference configuration, on a CPU pod with a vCPU per chain and a cost cap of 2 h or 2.00.
        SamplerConfig sampler = SamplerConfig.builder().chains(4).warmup(warmup).draws(draws).adaptDelta(0.99)
                .build();
        List<String> fitOptions = List.of("--model", model.modelName(), "--chains", "4", "--warmup",
                Integer.toString(warmup), "--draws", Integer.toString(draws), "--adapt-delta", "0.99");
        LaunchConfig config = LaunchConfig.builder().pod(PodSpec.builder().vcpuCount(4).minMemoryInGb(8).build())
                .costCap(new CostCap(2, 2)).pricePerHour(ASSUMED_PRICE_PER_HOUR).table(table).fitOptions(fitOptions)
                .classpath(classpath()).output(output).build();

        // No key: the plan, with the run time from preflight's calibration here.
        if (!ApiKey.isSet(environment)) {
            SufficientStatistics statistics = SufficientStatistics.compute(table);
            Check alignment = ModelChecks.alignment(model, table, statistics);
            Check calibration = ModelChecks.stanBehaviour(model, table, statistics, sampler);
            RunTimeEstimate estimate = RunTimeEstimate.of(alignment, calibration, sampler);
            out.println("RUNPOD_API_KEY is not set: dry run");
            LaunchPlan.lines(config, Launch.bundle(config), estimate).forEach(out::println);
            return 0;
        }

        // A key: rent, run, bring back, terminate (also on Ctrl-C, through the hook).
        Launch launch = new Launch(config, ApiKey.load(environment, null), new LaunchListener() {
            @Override
            public void info(String line) {
                out.println("launch: " + line);
            }

            @Override
            public void remote(String line) {
                out.println("pod: " + line);
            }
        });
        Thread hook = new Thread(launch::interruptAndTerminate);
        Runtime.getRuntime().addShutdownHook(hook);
        LaunchOutcome outcome = launch.run();
        Runtime.getRuntime().removeShutdownHook(hook);
        out.println("ended: " + outcome.end() + ", exit code of the fit " + outcome.remoteExitCode());
        return outcome.end() == LaunchOutcome.End.COMPLETED ? outcome.remoteExitCode() : 1;
    }

    /** This program's class path, which holds the command line the pod runs. */
    private static List<Path> classpath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).filter(s -> !s.isBlank())
                .map(Path::of).filter(Files::exists).collect(Collectors.toList());
    }
}
