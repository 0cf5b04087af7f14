package org.matchup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.matchup.core.data.SufficientStatistics;
import org.matchup.core.data.TableScan;
import org.matchup.core.io.StanCsvWriter;
import org.matchup.core.model.MatchupModel;
import org.matchup.core.model.StanData;
import org.matchup.core.model.StanModel;
import org.matchup.core.report.FitReport;
import org.matchup.core.sampling.ChainResult;
import org.matchup.core.sampling.NutsSampler;
import org.matchup.core.sampling.SamplerConfig;
import org.matchup.core.sampling.SamplingResult;
import org.matchup.core.validation.Check;
import org.matchup.core.validation.CheckStatus;
import org.matchup.core.validation.TableChecks;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code matchup fit}: checks a table, fits a model with Stan's NUTS in this process, streams one Stan CSV file
 * per chain into the output directory and writes {@code coefficients.csv} and {@code training_summary.txt}.
 *
 * <p>Exit code 0 when the run converged, 3 when it finished without converging (every file still written),
 * 2 on bad input (nothing written), 1 on any other failure.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a matchup model to a table with Stan's NUTS (diagonal metric, windowed adaptation).",
            "Writes chain-N.csv (Stan CSV), coefficients.csv and training_summary.txt into the output directory;"
                + " progress goes to standard error.",
            "Exit codes: 0 converged, 3 finished but not converged, 2 bad input, 1 other failure, 130 interrupted"
                + " (Ctrl-C; the files of the draws kept are still written)."})
final class FitCommand implements Callable<Integer> {

    /** Files that mark a directory as holding a run. */
    static final String COEFFICIENTS = "coefficients.csv";
    static final String TRAINING_SUMMARY = "training_summary.txt";

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Matchup table: CSV or gzipped CSV with outcome, matchup_id, z_off_0..7, z_def_0..7 and"
                    + " optionally possessions.")
    private Path data;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "matchup-specific",
            description = "Model: matchup-specific (the reference system's), matchup-specific-rows (the same, one"
                    + " term per row), matchup-hierarchical, matchup-hierarchical-autodiff (the same, gradient by"
                    + " Stan's autodiff), simplified or baseline. Default: ${DEFAULT-VALUE}.")
    private String model;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory for the run's files.")
    private Path output;

    @Mixin
    private SamplerOptions sampler;

    @Option(names = "--overwrite", description = "Replace the files of an earlier run in the output directory.")
    private boolean overwrite;

    @Option(names = "--progress-seconds", paramLabel = "S", defaultValue = "5",
            description = "Seconds between progress lines on standard error; 0 for none. Default: ${DEFAULT-VALUE}.")
    private double progressSeconds;

    @Option(names = "--verbose", description = "Show Stan's informational messages and warnings.")
    private boolean verbose;

    @Option(names = "--debug", description = "Print stack traces of failures.")
    private boolean debug;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        // Everything that can be refused is refused before anything is written.
        SamplerConfig config = sampler.config();
        MatchupModel matchupModel = MatchupModel.named(model);
        checkOutputDirectory();
        err.println("matchup fit: reading and checking " + data);
        SufficientStatistics statistics = checkedTable(data, err, "matchup fit: ");
        err.printf(Locale.ROOT, "matchup fit: %d rows, %.1f possessions, %d of %d matchups present%n",
                statistics.rows(), statistics.possessions(), statistics.matchupsPresent(),
                statistics.matchupCount());
        StanData stanData = matchupModel.data(data, statistics);

        // Load the model; a directory made here is removed again if Stan refuses the data.
        boolean created = !Files.exists(output);
        Files.createDirectories(output);
        removeEarlierRun();
        StanModel stanModel;
        try {
            stanModel = StanModel.load(matchupModel.library(), stanData);
        } catch (RuntimeException e) {
            if (created) {
                Files.deleteIfExists(output);
            }
            throw e;
        }

        try (stanModel) {
            err.printf(Locale.ROOT, "matchup fit: model %s, %d unconstrained parameters; %d chain%s x (%d warmup +"
                    + " %d draws), adapt_delta %s, max_treedepth %d, seed %d%n", matchupModel,
                    stanModel.unconstrainedDimension(), config.chains(), config.chains() == 1 ? "" : "s",
                    config.warmup(), config.draws(), config.adaptDelta(), config.maxTreedepth(), config.seed());
            return sample(stanModel, matchupModel, statistics, config, out, err);
        }
    }

    private int sample(StanModel stanModel, MatchupModel matchupModel, SufficientStatistics statistics,
            SamplerConfig config, PrintWriter out, PrintWriter err) throws IOException {
        ProgressPrinter progress = new ProgressPrinter(err, config, progressSeconds, verbose, "matchup fit: ");
        String dataName = data.toAbsolutePath().normalize().toString();
        NutsSampler sampler = new NutsSampler(stanModel, config,
                chain -> StanCsvWriter.create(output.resolve(chainFile(chain)), config, chain, stanModel.name(),
                        dataName),
                progress);

        // Ctrl-C stops the chains; the hook waits until the files of the completed draws are written.
        CountDownLatch reportsWritten = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            err.println("matchup fit: interrupted; stopping the chains and writing what they kept");
            err.flush();
            sampler.stop();
            try {
                reportsWritten.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "matchup-fit-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            progress.start();
            SamplingResult result;
            try {
                result = sampler.run();
            } finally {
                progress.stop();
            }
            FitReport report = FitReport.of(matchupModel.modelName(), data, statistics, result);
            report.writeCoefficients(output.resolve(COEFFICIENTS));
            report.writeTrainingSummary(output.resolve(TRAINING_SUMMARY));
            for (String line : report.trainingSummaryLines()) {
                out.println(line);
            }
            out.println();
            String chainFiles = config.chains() == 1 ? chainFile(1) : "chain-1.." + config.chains() + ".csv";
            out.println("wrote " + output + "/{" + chainFiles + ", " + COEFFICIENTS + ", " + TRAINING_SUMMARY + "}");
            out.flush();
            return exitCode(result, report, err);
        } finally {
            reportsWritten.countDown();
            if (!sampler.isStopRequested()) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    private static int exitCode(SamplingResult result, FitReport report, PrintWriter err) {
        List<String> failures = new ArrayList<>();
        for (ChainResult chain : result.chains()) {
            if (chain.status() == ChainResult.Status.FAILED) {
                failures.add("chain " + chain.chain() + ": " + chain.error());
            }
        }
        if (!failures.isEmpty()) {
            err.println("matchup fit: " + String.join("; ", failures));
            return Matchup.EXIT_FAILURE;
        }
        return report.converged() ? Matchup.EXIT_OK : Matchup.EXIT_NOT_CONVERGED;
    }

    /**
     * The table checks of {@code validate} (schema, outcome, matchups, feature variance and ranges,
     * identifiability) in one pass; warnings are shown, a failure refuses the table as bad input.
     *
     * @param table the table
     * @param err where warnings go, each prefixed with {@code prefix}
     * @param prefix such as {@code matchup fit: }
     * @return the table's sufficient statistics
     * @throws IOException if the table cannot be read
     */
    static SufficientStatistics checkedTable(Path table, PrintWriter err, String prefix) throws IOException {
        TableScan scan = TableScan.of(table, TableChecks.EXAMPLES);
        for (Check check : TableChecks.run(scan)) {
            if (check.status() == CheckStatus.FAIL) {
                throw new ExitCodes.BadInputException(table.getFileName() + ": " + check.line()
                        + " (bin/matchup validate shows every check)");
            }
            if (check.status() == CheckStatus.WARN) {
                err.println(prefix + check.line());
            }
        }
        return scan.statistics();
    }

    static String chainFile(int chain) {
        return "chain-" + chain + ".csv";
    }

    /** Refuses a file given as directory, and a directory holding another run unless --overwrite. */
    private void checkOutputDirectory() throws IOException {
        OutputPaths.checkDirectory(output, "--output");
        List<Path> earlier = earlierRunFiles(output);
        if (!earlier.isEmpty() && !overwrite) {
            throw new ExitCodes.BadInputException("--output " + output + " holds another run ("
                    + earlier.get(0).getFileName() + "); choose another directory or add --overwrite");
        }
    }

    private void removeEarlierRun() throws IOException {
        for (Path file : earlierRunFiles(output)) {
            Files.delete(file);
        }
    }

    /**
     * @param output a directory
     * @return the files of a run in it (chain files, coefficients.csv, training_summary.txt), sorted
     * @throws IOException if the directory cannot be listed
     */
    static List<Path> earlierRunFiles(Path output) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(output)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(output, "{chain-*.csv," + COEFFICIENTS + ","
                + TRAINING_SUMMARY + "}")) {
            entries.forEach(files::add);
        }
        files.sort(null);
        return files;
    }
}
