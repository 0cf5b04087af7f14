package org.matchup.core.validation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.matchup.core.data.MatchupRows;
import org.matchup.core.data.MatchupTableFormat;
import org.matchup.core.data.SufficientStatistics;
import org.matchup.core.diagnostics.RunDiagnostics;
import org.matchup.core.model.MatchupModel;
import org.matchup.core.model.StanData;
import org.matchup.core.model.StanException;
import org.matchup.core.model.StanModel;
import org.matchup.core.sampling.ChainResult;
import org.matchup.core.sampling.NutsSampler;
import org.matchup.core.sampling.SamplerConfig;
import org.matchup.core.sampling.SamplingResult;

/**
 * The checks that load the compiled model: parameter alignment (for the reference system's model, its 613
 * parameters against what the compiled model reports; for the others, their counts) and Stan's behaviour on a
 * short run, with an estimate of the full run's time.
 *
 * <p>Stateless; thread safe.
 */
public final class ModelChecks {

    /** Warmup iterations of the short run. */
    public static final int PROBE_WARMUP = 150;
    /** Draws of the short run. */
    public static final int PROBE_DRAWS = 100;
    /** Rows a row-by-row model is loaded with for the short run; its time is scaled up to the full table. */
    public static final int PROBE_ROWS = 5000;
    /** Stan's sampler columns, lp__ .. energy__, before the model's in every draw. */
    private static final int SAMPLER_COLUMNS = 7;

    private ModelChecks() {
    }

    /**
     * The matchup models' parameters in output order: {@code alpha.1..J}, then {@code beta_off.j.a} and
     * {@code beta_def.j.a} (column-major, the first index fastest, as Stan writes matrices), then {@code sigma}.
     *
     * @return the 36 + 2 x 36 x 8 + 1 = 613 names
     */
    public static List<String> expectedParameterNames() {
        int j = MatchupTableFormat.MATCHUP_COUNT;
        int a = MatchupTableFormat.ARCHETYPE_COUNT;
        List<String> names = new ArrayList<>();
        for (int m = 1; m <= j; m++) {
            names.add("alpha." + m);
        }
        for (String block : List.of("beta_off", "beta_def")) {
            for (int k = 1; k <= a; k++) {
                for (int m = 1; m <= j; m++) {
                    names.add(block + "." + m + "." + k);
                }
            }
        }
        names.add("sigma");
        return names;
    }

    /**
     * Loads the model with the table's data and compares its parameters with the expected ones.
     *
     * @param model the model
     * @param table the table, read again for a row-by-row model
     * @param statistics its sufficient statistics
     * @return the check
     * @throws IOException if the table cannot be read
     */
    public static Check alignment(MatchupModel model, Path table, SufficientStatistics statistics)
            throws IOException {
        StanData data = model.data(table, statistics);
        Map<String, Object> numbers = new LinkedHashMap<>();
        List<String> details = new ArrayList<>();
        for (StanData.Variable v : data.variables()) {
            details.add("data " + v.name() + (v.dims().length == 0 ? "" : Arrays.toString(v.dims())));
        }
        List<String> expected = expectedParameterNames();
        numbers.put("expected_parameters", expected.size());
        try (StanModel stanModel = StanModel.load(model.library(), data)) {
            List<String> actual = stanModel.parameterNames(false, false);
            numbers.put("model_parameters", actual.size());
            numbers.put("unconstrained_parameters", stanModel.unconstrainedDimension());
            numbers.put("output_columns", SAMPLER_COLUMNS + stanModel.parameterNames(true, true).size());
            if (model != MatchupModel.MATCHUP_SPECIFIC && model != MatchupModel.MATCHUP_SPECIFIC_ROWS) {
                numbers.remove("expected_parameters");
                return new Check("parameter-alignment", CheckStatus.PASS, format("model %s: %d parameters, %d"
                        + " unconstrained, %d output columns with transformed parameters and generated"
                        + " quantities", model, actual.size(), stanModel.unconstrainedDimension(),
                        SAMPLER_COLUMNS + stanModel.parameterNames(true, true).size()), details, numbers);
            }
            if (!actual.equals(expected)) {
                int first = 0;
                while (first < Math.min(actual.size(), expected.size())
                        && actual.get(first).equals(expected.get(first))) {
                    first++;
                }
                return new Check("parameter-alignment", CheckStatus.FAIL, format("the compiled model %s has %d"
                        + " parameters, expected %d; first difference at position %d", model, actual.size(),
                        expected.size(), first + 1), details, numbers);
            }
            return new Check("parameter-alignment", CheckStatus.PASS, format("model %s: %d parameters (%d"
                    + " coefficients and sigma: alpha.1..36, beta_off.1.1..36.8, beta_def.1.1..36.8, sigma), as"
                    + " the compiled model reports", model, actual.size(), actual.size() - 1), details, numbers);
        } catch (StanException e) {
            return new Check("parameter-alignment", CheckStatus.FAIL, "Stan refused the data: " + e.getMessage(),
                    details, numbers);
        }
    }

    /**
     * A short run (one chain, {@value #PROBE_WARMUP} warmup, {@value #PROBE_DRAWS} draws) at the requested
     * adapt_delta and max_treedepth, and from its time per iteration an estimate of the full run with the
     * requested configuration on this machine's processors.
     *
     * @param model the model
     * @param table the table
     * @param statistics its sufficient statistics
     * @param config the configuration of the full run
     * @return the check; its numbers hold {@code estimated_seconds}
     * @throws IOException if the table cannot be read
     */
    public static Check stanBehaviour(MatchupModel model, Path table, SufficientStatistics statistics,
            SamplerConfig config) throws IOException {

        // The row-by-row model is loaded on the first rows and its time scaled by the row count.
        StanData data;
        double scale = 1;
        if (model.isRowByRow()) {
            MatchupRows rows = MatchupRows.read(table, PROBE_ROWS);
            data = rows.toStanData();
            scale = (double) statistics.rows() / rows.rowCount();
        } else {
            data = model.data(table, statistics);
        }
        SamplerConfig probe = config.toBuilder().chains(1).warmup(PROBE_WARMUP).draws(PROBE_DRAWS).thin(1).build();
        Map<String, Object> numbers = new LinkedHashMap<>();
        SamplingResult result;
        try (StanModel stanModel = StanModel.load(model.library(), data)) {
            result = NutsSampler.sample(stanModel, probe);
        } catch (StanException e) {
            return new Check("stan-behaviour", CheckStatus.FAIL, "Stan refused the data: " + e.getMessage(),
                    List.of(), numbers);
        }
        ChainResult chain = result.chains().get(0);
        if (chain.status() != ChainResult.Status.FINISHED) {
            return new Check("stan-behaviour", CheckStatus.FAIL, "the short run failed: " + chain.error(), List.of(),
                    numbers);
        }

        // Time per iteration in each phase, and the full run: chains share min(chains, processors) threads.
        RunDiagnostics d = RunDiagnostics.of(result.draws(), List.of(), config.maxTreedepth());
        double warmupPerIteration = scale * chain.warmupSeconds() / PROBE_WARMUP;
        double samplingPerIteration = scale * chain.samplingSeconds() / PROBE_DRAWS;
        int threads = Math.min(config.chains(), Runtime.getRuntime().availableProcessors());
        int rounds = (config.chains() + threads - 1) / threads;
        double estimate = rounds * (warmupPerIteration * config.warmup() + samplingPerIteration * config.draws());
        numbers.put("divergent", d.divergent());
        numbers.put("divergent_percent", d.divergentPercent());
        numbers.put("treedepth_hits", d.treedepthHits());
        numbers.put("step_size", chain.stepSize());
        numbers.put("seconds_per_warmup_iteration", warmupPerIteration);
        numbers.put("seconds_per_sampling_iteration", samplingPerIteration);
        numbers.put("estimated_seconds", estimate);
        numbers.put("threads", threads);
        String summary = format("1 chain of %d warmup + %d draws at adapt_delta %s: %d divergent, %d at max tree"
                + " depth, step size %.4g, %.3g ms per warmup and %.3g ms per sampling iteration%s; estimated full"
                + " run (%d chains x (%d + %d) on %d threads): %.0f s", PROBE_WARMUP, PROBE_DRAWS,
                config.adaptDelta(), d.divergent(), d.treedepthHits(), chain.stepSize(), 1000 * warmupPerIteration,
                1000 * samplingPerIteration, scale == 1 ? "" : format(" (scaled from %d rows)", PROBE_ROWS),
                config.chains(), config.warmup(), config.draws(), threads, estimate);
        CheckStatus status = d.divergentPercent() < RunDiagnostics.MAX_DIVERGENT_PERCENT && d.treedepthHits() == 0
                ? CheckStatus.PASS : CheckStatus.WARN;
        return new Check("stan-behaviour", status, summary, List.of(), numbers);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
