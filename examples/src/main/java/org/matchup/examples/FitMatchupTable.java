package org.matchup.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.matchup.core.data.SufficientStatistics;
import org.matchup.core.diagnostics.ParameterSummary;
import org.matchup.core.model.MatchupModel;
import org.matchup.core.model.StanModel;
import org.matchup.core.report.FitReport;
import org.matchup.core.sampling.NutsSampler;
import org.matchup.core.sampling.SamplerConfig;
import org.matchup.core.sampling.SamplingResult;

/**
 * Fits the reference system's matchup-specific model to a table through the Java API, without the command line,
 * and prints the verdict, the intercept and offensive coefficients of the first matchup, and sigma.
 *
 * <pre>
 *   java -cp 'examples/target/matchup-examples.jar:examples/target/lib/*' org.matchup.examples.FitMatchupTable \
 *       ../shared/data/nba/matchups_train.csv.gz [warmup draws]
 * </pre>
 */
public final class FitMatchupTable {

    private FitMatchupTable() {
    }

    /**
     * @param args the table, then optionally warmup and draws per chain (default 1000 and 1000)
     * @throws IOException if the table cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: FitMatchupTable TABLE.csv[.gz] [warmup draws]");
            System.exit(2);
        }
        Path table = Path.of(args[0]);
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int draws = args.length > 2 ? Integer.parseInt(args[2]) : 1000;

        // One streaming pass: per-matchup n, sum log w, y'Wy, X'Wy and X'WX.
        SufficientStatistics statistics = SufficientStatistics.compute(table);
        statistics.checkOutcomeVaries();

        // Load the compiled model with its data and run four chains in parallel.
        MatchupModel model = MatchupModel.MATCHUP_SPECIFIC;
        SamplerConfig config = SamplerConfig.builder().chains(4).warmup(warmup).draws(draws).seed(2024).build();
        SamplingResult result;
        try (StanModel stanModel = StanModel.load(model.library(), model.data(table, statistics))) {
            result = NutsSampler.sample(stanModel, config);
        }

        // Summaries and the reference system's convergence verdict.
        FitReport report = FitReport.of(model.modelName(), table, statistics, result);
        List<String> lines = report.trainingSummaryLines();
        System.out.println(lines.get(lines.size() - 1));
        System.out.printf(Locale.ROOT, "%-16s %9s %9s %9s %7s%n", "parameter", "mean", "q5", "q95", "rhat");
        for (ParameterSummary s : report.summaries()) {
            if (s.name().equals("alpha.1") || s.name().startsWith("beta_off.1.") || s.name().equals("sigma")) {
                System.out.printf(Locale.ROOT, "%-16s %9.4f %9.4f %9.4f %7.4f%n", s.name(), s.mean(), s.q5(),
                        s.q95(), s.rhat());
            }
        }
    }
}
