package org.matchup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.matchup.core.data.SufficientStatistics;
import org.matchup.core.diagnostics.RunDiagnostics;
import org.matchup.core.evaluation.LeaveOneOut;
import org.matchup.core.evaluation.MatchupPredictor;
import org.matchup.core.evaluation.PredictiveEvaluation;
import org.matchup.core.io.AtomicFiles;
import org.matchup.core.io.StanCsvWriter;
import org.matchup.core.model.MatchupModel;
import org.matchup.core.model.StanModel;
import org.matchup.core.report.FitReport;
import org.matchup.core.sampling.NutsSampler;
import org.matchup.core.sampling.SamplerConfig;
import org.matchup.core.sampling.SamplingResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code matchup evaluate}: fits several models with the same sampler settings, checks their convergence, scores
 * each on a holdout table and by PSIS-LOO on the training table, and writes {@code comparison.csv} and
 * {@code comparison.md}, which names the chosen model: the converged one with the highest elpd_loo. One instance
 * per run.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit models with the same settings and compare them: holdout RMSE, log predictive density,"
                + " R^2 and interval coverage; PSIS-LOO on the training table; convergence first.",
            "Writes DIR/<model>/ (chains, coefficients, training summary), comparison.csv and comparison.md.",
            "Exit codes: 0 a model was chosen, 3 no model converged, 2 bad input, 1 other failure."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training table.")
    private Path train;

    @Option(names = "--holdout", required = true, paramLabel = "FILE", description = "Holdout table.")
    private Path holdout;

    @Option(names = "--models", paramLabel = "NAME,...", split = ",",
            defaultValue = "baseline,simplified,matchup-specific,matchup-hierarchical",
            description = "Models to compare. Default: ${DEFAULT-VALUE}.")
    private List<String> models;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory for the results.")
    private Path output;

    @Option(names = "--overwrite", description = "Replace an earlier comparison in the output directory.")
    private boolean overwrite;

    @Mixin
    private SamplerOptions sampler;

    @Option(names = "--progress-seconds", paramLabel = "S", defaultValue = "30",
            description = "Seconds between progress lines on standard error; 0 for none. Default: ${DEFAULT-VALUE}.")
    private double progressSeconds;

    @Option(names = "--debug", description = "Print stack traces of failures.")
    private boolean debug;

    /** One model's outcome. */
    private record Entry(MatchupModel model, FitReport fit, PredictiveEvaluation holdout,
            PredictiveEvaluation training) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        // Everything that can be refused is refused before any fit.
        SamplerConfig config = sampler.config();
        List<MatchupModel> chosen = new ArrayList<>();
        for (String name : models) {
            chosen.add(MatchupModel.named(name.strip()));
        }
        OutputPaths.checkDirectory(output, "--output");
        if (Files.exists(output.resolve("comparison.csv")) && !overwrite) {
            throw new ExitCodes.BadInputException("--output " + output + " holds another comparison; choose another"
                    + " directory or add --overwrite");
        }
        SufficientStatistics statistics = FitCommand.checkedTable(train, err, "matchup evaluate: ");
        FitCommand.checkedTable(holdout, err, "matchup evaluate: ");
        Files.createDirectories(output);

        List<Entry> entries = new ArrayList<>();
        for (MatchupModel model : chosen) {
            entries.add(fitAndScore(model, statistics, config, err));
        }
        write(entries, out);
        boolean any = entries.stream().anyMatch(e -> e.fit().converged());
        return any ? Matchup.EXIT_OK : Matchup.EXIT_NOT_CONVERGED;
    }

    private Entry fitAndScore(MatchupModel model, SufficientStatistics statistics, SamplerConfig config,
            PrintWriter err) throws IOException {
        Path dir = output.resolve(model.modelName());
        Files.createDirectories(dir);
        for (Path earlier : FitCommand.earlierRunFiles(dir)) {
            Files.delete(earlier);
        }
        err.printf(Locale.ROOT, "matchup evaluate: fitting %s%n", model);
        SamplingResult result;
        try (StanModel stanModel = StanModel.load(model.library(), model.data(train, statistics))) {
            ProgressPrinter progress = new ProgressPrinter(err, config, progressSeconds, false, "matchup evaluate: ");
            String dataName = train.toAbsolutePath().normalize().toString();
            NutsSampler fit = new NutsSampler(stanModel, config, chain -> StanCsvWriter.create(
                    dir.resolve(FitCommand.chainFile(chain)), config, chain, stanModel.name(), dataName), progress);
            progress.start();
            try {
                result = fit.run();
            } finally {
                progress.stop();
            }
        }
        FitReport report = FitReport.of(model.modelName(), train, statistics, result);
        report.writeCoefficients(dir.resolve(FitCommand.COEFFICIENTS));
        report.writeTrainingSummary(dir.resolve(FitCommand.TRAINING_SUMMARY));
        err.printf(Locale.ROOT, "matchup evaluate: %s %s in %.1f s; scoring the holdout and PSIS-LOO%n", model,
                report.converged() ? "converged" : "did NOT converge", result.wallSeconds());
        MatchupPredictor predictor = new MatchupPredictor(result.draws().trimmedToEqualLength());
        return new Entry(model, report, PredictiveEvaluation.of(predictor, holdout, false),
                PredictiveEvaluation.of(predictor, train, true));
    }

    private void write(List<Entry> entries, PrintWriter out) throws IOException {

        // The chosen model: the converged one with the highest elpd_loo.
        Entry best = null;
        for (Entry e : entries) {
            boolean better = best == null || e.training().loo().elpdLoo() > best.training().loo().elpdLoo();
            if (e.fit().converged() && better) {
                best = e;
            }
        }
        List<String> header = List.of("model", "converged", "max_rhat", "min_ess_bulk", "divergent",
                "divergent_percent", "wall_seconds",
                "holdout_rmse", "holdout_r2", "holdout_lpd_per_possession", "holdout_coverage50",
                "holdout_coverage90", "elpd_loo", "elpd_loo_se", "p_loo", "k_good", "k_bad", "k_very_bad",
                "elpd_diff_to_chosen", "elpd_diff_se");
        List<List<Object>> rows = new ArrayList<>();
        Map<MatchupModel, double[]> differences = new LinkedHashMap<>();
        for (Entry e : entries) {
            double[] diff = best == null ? new double[] {Double.NaN, Double.NaN}
                    : LeaveOneOut.difference(e.training().pointwiseLoo(), best.training().pointwiseLoo());
            differences.put(e.model(), diff);
            LeaveOneOut.Summary loo = e.training().loo();
            rows.add(List.of(e.model().modelName(), e.fit().converged(), e.fit().diagnostics().maxRhat(),
                    e.fit().diagnostics().minEssBulk(), e.fit().diagnostics().divergent(),
                    e.fit().diagnostics().divergentPercent(), e.fit().result().wallSeconds(), e.holdout().rmse(),
                    e.holdout().r2(), e.holdout().lpdPerPossession(), e.holdout().coverage50(),
                    e.holdout().coverage90(), loo.elpdLoo(), loo.se(), loo.pLoo(), loo.goodK(), loo.badK(),
                    loo.veryBadK(), diff[0], diff[1]));
        }
        AtomicFiles.writeText(output.resolve("comparison.csv"), writer -> {
            try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                    .setHeader(header.toArray(String[]::new)).get())) {
                for (List<Object> row : rows) {
                    csv.printRecord(row);
                }
            }
        });

        // The same as a Markdown table, and the choice in words.
        List<String> md = new ArrayList<>();
        md.add("# Model comparison");
        md.add("");
        md.add("Training table `" + train + "`, holdout `" + holdout + "`; every model with the same sampler"
                + " settings. elpd_loo is PSIS-LOO on the training rows (Pareto k threshold "
                + format("%.2f", entries.get(0).training().loo().kThreshold()) + "); the difference is to the chosen"
                + " model, with its standard error.");
        md.add("");
        md.add("| model | converged | holdout RMSE | holdout R^2 | holdout lpd / possession | 50 % / 90 % coverage"
                + " | elpd_loo (se) | p_loo | k > threshold | elpd diff (se) |");
        md.add("|---|---|---|---|---|---|---|---|---|---|");
        for (Entry e : entries) {
            LeaveOneOut.Summary loo = e.training().loo();
            double[] diff = differences.get(e.model());
            md.add(format("| %s | %s | %.5f | %.5f | %.5f | %.3f / %.3f | %.1f (%.1f) | %.1f | %d | %.1f (%.1f) |",
                    e.model(), e.fit().converged() ? "yes" : "no", e.holdout().rmse(), e.holdout().r2(),
                    e.holdout().lpdPerPossession(), e.holdout().coverage50(), e.holdout().coverage90(),
                    loo.elpdLoo(), loo.se(), loo.pLoo(), loo.badK() + loo.veryBadK(), diff[0], diff[1]));
        }
        md.add("");
        md.add("Fits (convergence requires max R-hat < " + RunDiagnostics.MAX_RHAT + ", min bulk-ESS > "
                + format("%.0f", RunDiagnostics.MIN_ESS_BULK) + " and divergent transitions < "
                + format("%.0f", RunDiagnostics.MAX_DIVERGENT_PERCENT) + " %):");
        md.add("");
        md.add("| model | wall time (s) | max R-hat | min bulk-ESS | divergent transitions |");
        md.add("|---|---|---|---|---|");
        for (Entry e : entries) {
            RunDiagnostics d = e.fit().diagnostics();
            md.add(format("| %s | %.1f | %.4f | %.1f | %d of %d |", e.model(), e.fit().result().wallSeconds(),
                    d.maxRhat(), d.minEssBulk(), d.divergent(), d.draws()));
        }
        md.add("");
        for (Entry e : entries) {
            if (!e.fit().converged()) {
                md.add("- " + e.model() + " did not converge and cannot be chosen: "
                        + String.join("; ", e.fit().diagnostics().problems()) + ".");
            }
        }
        if (best == null) {
            md.add("No model converged, so none is chosen.");
        } else {
            md.add("Chosen: **" + best.model() + "**, the converged model with the highest elpd_loo.");
            for (Entry e : entries) {
                double[] diff = differences.get(e.model());
                if (e != best && e.fit().converged() && Math.abs(diff[0]) < 2 * diff[1]) {
                    md.add("Its lead over " + e.model() + format(" (%.1f, se %.1f) is within two standard errors:",
                            -diff[0], diff[1]) + " the data do not clearly separate the two.");
                }
            }
        }
        AtomicFiles.writeString(output.resolve("comparison.md"), String.join("\n", md) + "\n");
        md.forEach(out::println);
        out.flush();
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
