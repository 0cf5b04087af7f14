/**
 * Posterior diagnostics of MCMC draws: R-hat ({@link org.matchup.core.diagnostics.SplitRhat}), effective sample
 * size and Monte Carlo standard error ({@link org.matchup.core.diagnostics.EffectiveSampleSize}), R's type-7
 * quantiles ({@link org.matchup.core.diagnostics.Quantiles}) and a per-quantity summary
 * ({@link org.matchup.core.diagnostics.ParameterSummary}).
 *
 * <p>The methods are those of Vehtari, Gelman, Simpson, Carpenter and Bürkner (2021), "Rank-normalization,
 * folding, and localization: An improved R-hat for assessing convergence of MCMC", Bayesian Analysis 16(2),
 * 667-718, doi:10.1214/20-BA1221, arXiv:1903.08008, computed to agree with the R package {@code posterior} and
 * with Stan's own {@code split_rank_normalized_rhat} and {@code split_rank_normalized_ess}.
 *
 * <p>Every diagnostic takes the draws of one quantity as {@code double[chain][draw]} and returns NaN, never an
 * exception, for degenerate draws (no chain, fewer than four draws per chain, a non-finite draw, all draws equal).
 * All classes here are stateless or immutable and thread safe; none prints.
 */
package org.matchup.core.diagnostics;
