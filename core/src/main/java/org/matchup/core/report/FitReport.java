package org.matchup.core.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.matchup.core.data.SufficientStatistics;
import org.matchup.core.diagnostics.EnergyDiagnostic;
import org.matchup.core.diagnostics.ParameterSummary;
import org.matchup.core.diagnostics.RunDiagnostics;
import org.matchup.core.draws.Draws;
import org.matchup.core.io.AtomicFiles;
import org.matchup.core.sampling.ChainResult;
import org.matchup.core.sampling.SamplingResult;

/**
 * The summary of a fit as {@code bin/matchup fit} writes it: per-parameter posterior summaries
 * ({@code coefficients.csv}) and a readable account of the run ({@code training_summary.txt}) with the
 * convergence verdict of {@link RunDiagnostics}.
 *
 * <p>When chains kept different numbers of draws (an interrupted run), the chains without draws are left out
 * and the others cut to the shortest, so that the split diagnostics stay defined. Immutable and thread safe.
 *
 * @param modelName the model's name
 * @param dataFile the table the model was fitted to
 * @param data the table's per-matchup statistics, for the data summary
 * @param result the sampler's output
 * @param summaries one summary per model parameter, in output order
 * @param diagnostics the whole-run diagnostics
 */
public record FitReport(String modelName, Path dataFile, SufficientStatistics data, SamplingResult result,
        List<ParameterSummary> summaries, RunDiagnostics diagnostics) {

    /** Header of {@code coefficients.csv}. */
    public static final List<String> COEFFICIENT_COLUMNS =
            List.of("name", "mean", "sd", "q5", "q50", "q95", "rhat", "ess_bulk", "ess_tail");

    /**
     * Summarises a run.
     *
     * @param modelName the model's name
     * @param dataFile the table the model was fitted to
     * @param data the table's statistics
     * @param result the sampler's output
     * @return the report
     */
    public static FitReport of(String modelName, Path dataFile, SufficientStatistics data, SamplingResult result) {
        Objects.requireNonNull(result, "result");
        Draws draws = result.draws().trimmedToEqualLength();
        List<ParameterSummary> summaries = ParameterSummary.summarize(draws, draws.parameterNames());
        RunDiagnostics diagnostics = RunDiagnostics.of(draws, summaries, result.config().maxTreedepth());
        return new FitReport(modelName, dataFile, data, result, summaries, diagnostics);
    }

    /**
     * Writes {@code coefficients.csv}: one row per parameter with its name, mean, sd, 5 %, 50 % and 95 %
     * quantiles, R-hat and bulk and tail ESS; numbers round-trip exactly, NaN is written {@code NaN}.
     *
     * @param file the file, replaced atomically
     * @throws IOException if writing fails
     */
    public void writeCoefficients(Path file) throws IOException {
        AtomicFiles.writeText(file, out -> {
            try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                    .setHeader(COEFFICIENT_COLUMNS.toArray(String[]::new)).get())) {
                for (ParameterSummary s : summaries) {
                    csv.printRecord(s.name(), s.mean(), s.sd(), s.q5(), s.q50(), s.q95(), s.rhat(), s.essBulk(),
                            s.essTail());
                }
            }
        });
    }

    /**
     * Writes {@code training_summary.txt}: configuration, data, chains, diagnostics and the verdict.
     *
     * @param file the file, replaced atomically
     * @throws IOException if writing fails
     */
    public void writeTrainingSummary(Path file) throws IOException {
        String text = String.join("\n", trainingSummaryLines()) + "\n";
        AtomicFiles.writeString(file, text);
    }

    /** @return the lines of {@code training_summary.txt} */
    public List<String> trainingSummaryLines() {
        List<String> lines = new ArrayList<>();
        var c = result.config();
        RunDiagnostics d = diagnostics;
        lines.add("matchup fit: " + modelName);
        lines.add("");
        lines.add("configuration");
        lines.add(format("  chains %d, warmup %d, draws %d, thin %d", c.chains(), c.warmup(), c.draws(), c.thin()));
        lines.add(format("  adapt_delta %s, max_treedepth %d, seed %d, init radius %s, initial step size %s",
                c.adaptDelta(), c.maxTreedepth(), c.seed(), c.initRadius(), c.stepSize()));
        lines.add("");
        lines.add("data");
        lines.add("  file " + dataFile);
        if (data != null) {
            lines.add(format("  rows %d, possessions %.1f, matchups present %d of %d", data.rows(),
                    data.possessions(), data.matchupsPresent(), data.matchupCount()));
            lines.add(format("  outcome: possession-weighted mean %.4f, sd %.4f, min %.4f, max %.4f",
                    data.outcomeMean(), data.outcomeSd(), data.minOutcome(), data.maxOutcome()));
        }
        lines.add(format("  parameters %d", summaries.size()));
        lines.add("");
        lines.add("chains");
        for (ChainResult chain : result.chains()) {
            lines.add(format("  chain %d: %s, %d draws, wall %.1f s (warmup %.1f s, sampling %.1f s),"
                    + " step size %.4g%s", chain.chain(), chain.status().name().toLowerCase(Locale.ROOT),
                    chain.draws(), chain.wallSeconds(), chain.warmupSeconds(), chain.samplingSeconds(),
                    chain.stepSize(), chain.error() == null ? "" : ", error: " + chain.error()));
        }
        lines.add(format("  run wall time %.1f s", result.wallSeconds()));
        lines.add("");
        lines.add("diagnostics");
        lines.add(format("  divergent transitions %d of %d (%.2f %%)", d.divergent(), d.draws(),
                d.divergentPercent()));
        lines.add(format("  max tree depth (%d) hit %d times (%.2f %%)", c.maxTreedepth(), d.treedepthHits(),
                d.treedepthPercent()));
        lines.add("  E-BFMI per chain " + ebfmiPerChain() + " (below " + EnergyDiagnostic.THRESHOLD + " is flagged)");
        lines.add(format("  max R-hat %.4f (%s)", d.maxRhat(), d.worstRhatParameter()));
        lines.add(format("  min bulk-ESS %.1f", d.minEssBulk()));
        lines.add(format("  min tail-ESS %.1f", d.minEssTail()));
        lines.add("");
        if (!result.allFinished()) {
            lines.add("verdict: NOT CONVERGED (not every chain finished)");
        } else if (d.converged()) {
            lines.add(format("verdict: CONVERGED (every R-hat < %.2f, divergences < %.0f %%, every bulk-ESS > %.0f)",
                    RunDiagnostics.MAX_RHAT, RunDiagnostics.MAX_DIVERGENT_PERCENT, RunDiagnostics.MIN_ESS_BULK));
        } else {
            lines.add("verdict: NOT CONVERGED (" + String.join("; ", d.problems()) + ")");
        }
        return lines;
    }

    /** @return true when every chain finished and the diagnostics meet the thresholds */
    public boolean converged() {
        return result.allFinished() && diagnostics.converged();
    }

    /** E-BFMI of each chain that kept draws, with the low ones marked. */
    private String ebfmiPerChain() {
        Draws draws = result.draws();
        if (!draws.hasColumn("energy__")) {
            return "n/a";
        }
        double[][] energy = draws.column("energy__");
        List<String> values = new ArrayList<>();
        for (double[] chain : energy) {
            double ebfmi = EnergyDiagnostic.ebfmi(chain);
            values.add(format("%.3f", ebfmi) + (ebfmi >= EnergyDiagnostic.THRESHOLD ? "" : " (low)"));
        }
        return String.join(", ", values);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

}
