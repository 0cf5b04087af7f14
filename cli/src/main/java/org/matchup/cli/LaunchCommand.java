package org.matchup.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.matchup.core.model.MatchupModel;
import org.matchup.core.sampling.SamplerConfig;
import org.matchup.core.validation.Check;
import org.matchup.core.validation.ValidationReport;
import org.matchup.launcher.CostCap;
import org.matchup.launcher.Launch;
import org.matchup.launcher.LaunchConfig;
import org.matchup.launcher.LaunchListener;
import org.matchup.launcher.LaunchOutcome;
import org.matchup.launcher.LaunchPlan;
import org.matchup.launcher.RunTimeEstimate;
import org.matchup.launcher.runpod.ApiKey;
import org.matchup.launcher.runpod.CloudType;
import org.matchup.launcher.runpod.ComputeType;
import org.matchup.launcher.runpod.PodSpec;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code matchup launch}: runs {@code fit} on a rented RunPod pod and brings its results back (see
 * {@link Launch}), or with {@code --dry-run} prints the plan. Options come from flags and from a
 * {@code --config} properties file whose keys are the options' long names without dashes; a flag wins over the
 * file. One instance per run.
 */
@Command(name = "launch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run fit on a rented RunPod pod: create the pod, upload the command line and the table,"
                + " run preflight and fit there, stream their progress, bring the output directory back (checked"
                + " by SHA-256) and terminate the pod - on success, on failure, on Ctrl-C and at the cost cap.",
            "The API key comes from RUNPOD_API_KEY or --api-key-file (readable only by you); it is never printed.",
            "Exit codes: fit's on the pod (0 converged, 3 not converged, 2 bad input, 1 failure), 130 interrupted,"
                + " 5 stopped at the cost cap, 4 no capacity on RunPod, 2 bad input or a refused key, 1 other."})
final class LaunchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file of options: key = an option's long name without --, such as"
                    + " max-spend = 5; flags given win.")
    private Path config;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Matchup table to fit.")
    private Path data;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "matchup-specific",
            description = "Model. Default: ${DEFAULT-VALUE}.")
    private String model;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "New or empty local directory the pod's output directory is brought back into.")
    private Path output;

    @Mixin
    private SamplerOptions sampler;

    @Option(names = "--dry-run", description = "Print the plan (API calls, files, upload and run time, cost) and"
            + " rent nothing; needs no API key.")
    private boolean dryRun;

    @Option(names = "--compute-type", paramLabel = "CPU|GPU", defaultValue = "CPU",
            description = "Pod with or without a GPU (Stan samples on CPUs). Default: ${DEFAULT-VALUE}.")
    private ComputeType computeType;

    @Option(names = "--cpu-flavor", paramLabel = "ID", split = ",", defaultValue = "cpu3c",
            description = "RunPod CPU flavours, in order of preference. Default: ${DEFAULT-VALUE}.")
    private List<String> cpuFlavors;

    @Option(names = "--gpu-type", paramLabel = "ID", split = ",",
            description = "RunPod GPU types for --compute-type GPU, such as 'NVIDIA GeForce RTX 4090'.")
    private List<String> gpuTypes = new ArrayList<>();

    @Option(names = "--gpu-count", paramLabel = "N", defaultValue = "1", description = "GPUs. Default:"
            + " ${DEFAULT-VALUE}.")
    private int gpuCount;

    @Option(names = "--vcpu", paramLabel = "N", defaultValue = "4",
            description = "vCPUs; chains run on min(chains, vCPUs) threads. Default: ${DEFAULT-VALUE}.")
    private int vcpu;

    @Option(names = "--memory-gb", paramLabel = "N", defaultValue = "8",
            description = "Least memory; checked once the pod runs (a CPU pod's memory comes with its flavour)."
                    + " Default: ${DEFAULT-VALUE}.")
    private int memoryGb;

    @Option(names = "--container-disk-gb", paramLabel = "N", defaultValue = "20",
            description = "Container disk. Default: ${DEFAULT-VALUE}.")
    private int containerDiskGb;

    @Option(names = "--cloud-type", paramLabel = "SECURE|COMMUNITY", defaultValue = "SECURE",
            description = "RunPod cloud. Default: ${DEFAULT-VALUE}.")
    private CloudType cloudType;

    @Option(names = "--interruptible", description = "Rent a spot pod: cheaper, but RunPod may stop it.")
    private boolean interruptible;

    @Option(names = "--image", paramLabel = "NAME", defaultValue = "debian:bookworm-slim",
            description = "Container image (Debian or Ubuntu; sshd and Java 17 are installed when missing)."
                    + " Default: ${DEFAULT-VALUE}.")
    private String image;

    @Option(names = "--no-bootstrap", description = "Start the image with its own command (it must run sshd with"
            + " PUBLIC_KEY authorised and have Java 17) instead of the launcher's start script.")
    private boolean noBootstrap;

    @Option(names = "--max-hours", paramLabel = "H", defaultValue = "4",
            description = "Cost cap: the most hours from creation to termination. Default: ${DEFAULT-VALUE}.")
    private double maxHours;

    @Option(names = "--max-spend", paramLabel = "X", defaultValue = "10",
            description = "Cost cap: the most money at the pod's price per hour. Default: ${DEFAULT-VALUE}.")
    private double maxSpend;

    @Option(names = "--price-per-hour", paramLabel = "X",
            description = "The pod's price per hour, for the plan and when RunPod does not report it.")
    private Double pricePerHour;

    @Option(names = "--bandwidth-mbps", paramLabel = "N", defaultValue = "100",
            description = "Bandwidth to the pod, for the plan. Default: ${DEFAULT-VALUE}.")
    private double bandwidthMbps;

    @Mixin
    private RunPodOptions runPod;

    @Option(names = "--remote-dir", paramLabel = "DIR", defaultValue = "/root/matchup-run",
            description = "The run's directory on the pod. Default: ${DEFAULT-VALUE}.")
    private String remoteDir;

    @Option(names = "--progress-seconds", paramLabel = "S", defaultValue = "10",
            description = "Seconds between the remote fit's progress lines. Default: ${DEFAULT-VALUE}.")
    private int progressSeconds;

    @Option(names = "--poll-seconds", paramLabel = "S", defaultValue = "2",
            description = "Seconds between reads of the remote log. Default: ${DEFAULT-VALUE}.")
    private double pollSeconds;

    @Option(names = "--sync-seconds", paramLabel = "S", defaultValue = "30",
            description = "Seconds between fetches of the output directory (also after each chain). Default:"
                    + " ${DEFAULT-VALUE}.")
    private double syncSeconds;

    @Option(names = "--start-timeout-minutes", paramLabel = "M", defaultValue = "15",
            description = "Longest wait from creation until the pod answers SSH. Default: ${DEFAULT-VALUE}.")
    private double startTimeoutMinutes;

    @Option(names = "--stop-grace-seconds", paramLabel = "S", defaultValue = "120",
            description = "Longest wait for a stopped fit to write its files; the cost cap stops the fit this"
                    + " long before it. Default: ${DEFAULT-VALUE}.")
    private double stopGraceSeconds;

    @Option(names = "--debug", description = "Print stack traces of failures.")
    private boolean debug;

    private boolean configApplied;

    @Override
    public Integer call() throws IOException {
        if (config != null && !configApplied) {
            return withConfigFile();
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        // Everything that can be refused is refused before anything is rented.
        SamplerConfig samplerConfig = sampler.config();
        MatchupModel matchupModel = MatchupModel.named(model);
        checkOutputDirectory();
        LaunchConfig launchConfig = launchConfig();
        if (dryRun) {
            return plan(launchConfig, matchupModel, samplerConfig, out, err);
        }
        ApiKey key = runPod.apiKey();
        err.println("matchup launch: checking " + data);
        FitCommand.checkedTable(data, err, "matchup launch: ");
        return launch(new Launch(launchConfig, key, printer(err)), err);
    }

    private int launch(Launch launch, PrintWriter err) throws IOException {

        // Ctrl-C: stop the fit, bring back what it kept, terminate; the hook waits for that, then terminates
        // the pod itself if the launch has not.
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            err.println("matchup launch: interrupted; stopping the fit, bringing back what it kept and terminating"
                    + " the pod");
            err.flush();
            launch.interruptAndTerminate();
        }, "matchup-launch-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        LaunchOutcome outcome;
        try {
            outcome = launch.run();
        } finally {
            if (!interrupted.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        if (!launch.isTerminated()) {
            return Matchup.EXIT_FAILURE;
        }
        switch (outcome.end()) {
            case INTERRUPTED:
                return Matchup.EXIT_INTERRUPTED;
            case COST_CAP:
                err.println("matchup launch: stopped at the cost cap; " + outcome.downloadedFiles()
                        + " files brought back into " + output);
                return Matchup.EXIT_COST_CAP;
            default:
                int code = outcome.remoteExitCode();
                return code == 0 || code == 1 || code == 2 || code == 3 || code == 130 ? code : Matchup.EXIT_FAILURE;
        }
    }

    private int plan(LaunchConfig launchConfig, MatchupModel matchupModel, SamplerConfig samplerConfig,
            PrintWriter out, PrintWriter err) throws IOException {

        // The calibration of preflight: the checks and a short Stan run here.
        err.println("matchup launch: calibrating on this machine (the checks and short run of preflight)");
        err.flush();
        ValidationReport report = ValidateCommand.validate(data, matchupModel, samplerConfig, true,
                new PrintWriter(new StringWriter()));
        Check failure = report.firstFailure();
        if (failure != null) {
            throw new ExitCodes.BadInputException(data.getFileName() + ": " + failure.line());
        }
        RunTimeEstimate estimate = RunTimeEstimate.of(PreflightCommand.alignment(report),
                PreflightCommand.calibration(report), samplerConfig);
        LaunchPlan.lines(launchConfig, Launch.bundle(launchConfig), estimate).forEach(out::println);
        out.flush();
        return Matchup.EXIT_OK;
    }

    private LaunchConfig launchConfig() {
        try {
            PodSpec pod = PodSpec.builder().imageName(image).computeType(computeType).cloudType(cloudType)
                    .gpuTypeIds(gpuTypes).gpuCount(gpuCount).cpuFlavorIds(cpuFlavors).vcpuCount(vcpu)
                    .minMemoryInGb(memoryGb).containerDiskInGb(containerDiskGb).interruptible(interruptible).build();
            List<String> fitOptions = new ArrayList<>(List.of("--model", model));
            fitOptions.addAll(sampler.arguments());
            return LaunchConfig.builder().pod(pod).bootstrap(!noBootstrap).costCap(new CostCap(maxHours, maxSpend))
                    .pricePerHour(pricePerHour == null ? Double.NaN : pricePerHour).apiBaseUrl(runPod.apiUrl())
                    .table(data).fitOptions(fitOptions).classpath(classpath()).output(output)
                    .remoteDirectory(remoteDir).pollInterval(seconds(pollSeconds, "--poll-seconds"))
                    .syncInterval(seconds(syncSeconds, "--sync-seconds"))
                    .startTimeout(seconds(startTimeoutMinutes * 60, "--start-timeout-minutes"))
                    .stopGrace(seconds(stopGraceSeconds, "--stop-grace-seconds")).progressSeconds(progressSeconds)
                    .bandwidthMbps(bandwidthMbps).build();
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.BadInputException(e.getMessage());
        }
    }

    /** The command line's own class path: its jar and its dependencies' (bin/matchup: cli/target/lib). */
    private static List<Path> classpath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).filter(Files::exists).collect(Collectors.toList());
    }

    private static Duration seconds(double value, String option) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ExitCodes.BadInputException(option + " must be positive, got " + value);
        }
        return Duration.ofMillis(Math.max(1, Math.round(value * 1000)));
    }

    /** The pod's files come into a new or empty directory, so that nothing of another run mixes with them. */
    private void checkOutputDirectory() throws IOException {
        OutputPaths.checkDirectory(output, "--output");
        if (Files.isDirectory(output)) {
            try (Stream<Path> entries = Files.list(output)) {
                Path first = entries.findFirst().orElse(null);
                if (first != null) {
                    throw new ExitCodes.BadInputException("--output " + output + " is not empty (it holds "
                            + first.getFileName() + "); choose a new directory for the pod's files");
                }
            }
        }
    }

    /** Parses the arguments again with the config file's values as defaults, and runs with them. */
    private int withConfigFile() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new ExitCodes.BadInputException("--config " + config + " cannot be read: " + e.getMessage());
        }
        Set<String> known = new TreeSet<>();
        spec.options().forEach(o -> known.add(o.longestName().replaceFirst("^--", "")));
        known.removeAll(Set.of("config", "help", "version"));
        for (String key : properties.stringPropertyNames()) {
            if (!known.contains(key)) {
                throw new ExitCodes.BadInputException("--config " + config + ": unknown key '" + key + "' (keys are"
                        + " option names without --, such as max-spend)");
            }
        }
        LaunchCommand configured = new LaunchCommand();
        CommandLine line = new CommandLine(configured);
        line.setOut(spec.commandLine().getOut());
        line.setErr(spec.commandLine().getErr());
        line.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(properties));
        try {
            List<String> all = spec.commandLine().getParseResult().originalArgs();
            List<String> own = all.subList(all.indexOf(spec.name()) + 1, all.size());
            line.parseArgs(own.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            throw new ExitCodes.BadInputException("--config " + config + ": " + e.getMessage());
        }
        configured.configApplied = true;
        return configured.call();
    }

    private static LaunchListener printer(PrintWriter err) {
        return new LaunchListener() {
            @Override
            public void info(String line) {
                print("matchup launch: " + line);
            }

            @Override
            public void remote(String line) {
                print("pod: " + line);
            }

            private void print(String line) {
                synchronized (err) {
                    err.println(line);
                    err.flush();
                }
            }
        };
    }
}
