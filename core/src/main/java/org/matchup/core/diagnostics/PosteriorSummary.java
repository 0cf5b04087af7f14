package org.matchup.core.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.matchup.core.draws.Draws;

/**
 * The table CmdStan's {@code stansummary} prints, for every column of a set of draws: mean, MCSE of the mean,
 * standard deviation, MAD, chosen quantiles, bulk- and tail-ESS and R-hat. Mean, sd, the 5/50/95 % quantiles,
 * ESS and R-hat are those of {@link ParameterSummary}, the numbers {@code fit} writes to
 * {@code coefficients.csv}; quantiles are R's type 7 ({@link Quantiles}); MAD is R's {@code mad}, the median
 * absolute deviation from the median times 1.4826, which makes it the sd for normal draws.
 *
 * <p>Immutable (arrays are copied out) and thread safe.
 *
 * @param probabilities the quantiles' probabilities, in (0, 1), in column order
 * @param rows one row per column of the draws, in their order
 */
public record PosteriorSummary(double[] probabilities, List<Row> rows) {

    /** Stansummary's default quantiles. */
    public static final double[] DEFAULT_PROBABILITIES = {0.05, 0.5, 0.95};

    /** R's consistency constant for the MAD of normal draws, 1 / Phi^-1(3/4). */
    private static final double MAD_SCALE = 1.4826;

    /**
     * One column's summary.
     *
     * @param name the column's name
     * @param mean mean of all draws
     * @param mcseMean Monte Carlo standard error of the mean
     * @param sd standard deviation of all draws
     * @param mad scaled median absolute deviation of all draws
     * @param quantiles the quantiles at {@link PosteriorSummary#probabilities()}
     * @param essBulk bulk-ESS
     * @param essTail tail-ESS
     * @param rhat R-hat, the larger of bulk and tail
     */
    public record Row(String name, double mean, double mcseMean, double sd, double mad, double[] quantiles,
            double essBulk, double essTail, double rhat) {

        /** @return a copy of the quantiles */
        @Override
        public double[] quantiles() {
            return quantiles.clone();
        }
    }

    /** @return a copy of the probabilities */
    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    /**
     * Summarises every column.
     *
     * @param draws the draws; chains of unequal length are trimmed first ({@link Draws#trimmedToEqualLength()})
     * @param probabilities quantile probabilities, each in (0, 1)
     * @return the table
     * @throws IllegalArgumentException if a probability is outside (0, 1)
     */
    public static PosteriorSummary of(Draws draws, double... probabilities) {
        Objects.requireNonNull(draws, "draws");
        for (double p : probabilities) {
            if (!(p > 0 && p < 1)) {
                throw new IllegalArgumentException("percentiles must be strictly between 0 and 100, got " + 100 * p);
            }
        }
        Draws equal = draws.trimmedToEqualLength();
        List<Row> rows = new ArrayList<>();
        for (String name : equal.columnNames()) {
            double[][] chains = equal.column(name);
            ParameterSummary s = ParameterSummary.of(name, chains);
            double[] pooled = Chains.pool(chains);
            double[] quantiles = Quantiles.type7(pooled, probabilities);
            rows.add(new Row(name, s.mean(), s.mcseMean(), s.sd(), mad(pooled), quantiles, s.essBulk(), s.essTail(),
                    s.rhat()));
        }
        return new PosteriorSummary(probabilities.clone(), List.copyOf(rows));
    }

    /** R's {@code mad(x)}: 1.4826 median(|x - median(x)|); NaN for no draws or a NaN draw. */
    static double mad(double[] pooled) {
        if (pooled.length == 0) {
            return Double.NaN;
        }
        double median = Quantiles.median(pooled);
        double[] deviations = Arrays.stream(pooled).map(v -> Math.abs(v - median)).toArray();
        return MAD_SCALE * Quantiles.median(deviations);
    }

    /**
     * @param probability a quantile probability
     * @return its column heading, such as {@code 5%} or {@code 2.5%}
     */
    public static String percentLabel(double probability) {
        double percent = probability * 100;
        String text = Math.abs(percent - Math.rint(percent)) < 1e-9 ? Long.toString(Math.round(percent))
                : Double.toString(percent);
        return text + "%";
    }
}
