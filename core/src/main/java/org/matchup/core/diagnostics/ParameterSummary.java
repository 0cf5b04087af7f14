package org.matchup.core.diagnostics;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

import org.matchup.core.draws.Draws;

/**
 * Posterior summary of one quantity over all chains, the columns of {@code posterior::summarise_draws} and
 * CmdStan's {@code stansummary}: mean, standard deviation and 5%, 50% and 95% quantiles of all draws pooled, with
 * R-hat, bulk- and tail-ESS and the Monte Carlo standard error of the mean.
 *
 * <p>Moments use every draw with the n - 1 denominator for {@code sd}; quantiles are R's type 7 (see
 * {@link Quantiles}); the diagnostics are those of {@link SplitRhat#rhat}, {@link EffectiveSampleSize#bulk},
 * {@link EffectiveSampleSize#tail} and {@link EffectiveSampleSize#mcseMean}, after Vehtari, Gelman, Simpson,
 * Carpenter and Bürkner (2021), Bayesian Analysis 16(2), 667-718, doi:10.1214/20-BA1221.
 *
 * <p>Immutable and thread safe.
 *
 * @param name the quantity's column name, such as {@code theta.1}
 * @param mean mean of all draws; NaN if there are none or one is NaN
 * @param sd standard deviation of all draws (n - 1 denominator); NaN for fewer than two draws or a NaN draw
 * @param q5 5% quantile; NaN if there are no draws or one is NaN
 * @param q50 50% quantile (type 7, which is the median); NaN as for {@code q5}
 * @param q95 95% quantile; NaN as for {@code q5}
 * @param rhat the larger of bulk and tail R-hat; NaN for degenerate draws
 * @param essBulk bulk effective sample size; NaN for degenerate draws
 * @param essTail tail effective sample size; NaN for degenerate draws
 * @param mcseMean Monte Carlo standard error of the mean; NaN for degenerate draws
 */
public record ParameterSummary(String name, double mean, double sd, double q5, double q50, double q95,
        double rhat, double essBulk, double essTail, double mcseMean) {

    /**
     * Creates a summary from computed values; only the name is checked.
     *
     * @param name the quantity's column name
     * @param mean mean of all draws
     * @param sd standard deviation of all draws
     * @param q5 5% quantile
     * @param q50 50% quantile
     * @param q95 95% quantile
     * @param rhat R-hat, the larger of bulk and tail
     * @param essBulk bulk effective sample size
     * @param essTail tail effective sample size
     * @param mcseMean Monte Carlo standard error of the mean
     * @throws NullPointerException if {@code name} is null
     */
    public ParameterSummary {
        Objects.requireNonNull(name, "name");
    }

    /**
     * Summarises the draws of one quantity.
     *
     * @param name the quantity's name
     * @param chains its draws as [chain][draw]
     * @return the summary; degenerate draws give NaN diagnostics rather than an exception
     * @throws IllegalArgumentException if the chains differ in length
     */
    public static ParameterSummary of(String name, double[][] chains) {
        Objects.requireNonNull(name, "name");
        Chains.requireRectangular(chains);

        // Moments and quantiles of all draws pooled.
        double[] pooled = Chains.pool(chains);
        double mean = pooled.length == 0 ? Double.NaN : Chains.mean(pooled);
        double sd = Math.sqrt(Chains.variance(pooled));
        double[] q = Quantiles.type7(pooled, 0.05, 0.5, 0.95);

        // Convergence and efficiency diagnostics.
        return new ParameterSummary(name, mean, sd, q[0], q[1], q[2],
                SplitRhat.rhat(chains),
                EffectiveSampleSize.bulk(chains),
                EffectiveSampleSize.tail(chains),
                EffectiveSampleSize.mcseMean(chains));
    }

    /**
     * Summarises the named columns of a set of draws, in the order given. Columns are summarised in parallel
     * (the common fork-join pool); each summary depends only on its column, so the result does not depend on the
     * thread timing.
     *
     * @param draws the draws of every chain
     * @param names column names to summarise, for example {@code draws.parameterNames()}
     * @return one summary per name
     * @throws IllegalArgumentException if a name is not a column of {@code draws}, or the chains differ in length
     */
    public static List<ParameterSummary> summarize(Draws draws, List<String> names) {
        Objects.requireNonNull(draws, "draws");
        Objects.requireNonNull(names, "names");

        // Names are checked in order first, so that a missing one is reported as it would be one at a time.
        for (String name : names) {
            draws.columnIndex(name);
        }
        ParameterSummary[] summaries = new ParameterSummary[names.size()];
        IntStream.range(0, summaries.length).parallel()
                .forEach(i -> summaries[i] = of(names.get(i), draws.column(names.get(i))));
        return List.of(summaries);
    }
}
