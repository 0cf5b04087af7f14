package org.matchup.core.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.matchup.core.draws.Draws;

/**
 * Whole-run sampler diagnostics and the convergence verdict of the reference system: divergent transitions,
 * iterations that hit the maximum tree depth, and the worst R-hat and ESS over the model's parameters.
 *
 * <p>The verdict is "converged" when every R-hat is below {@value #MAX_RHAT}, divergent transitions are below
 * {@value #MAX_DIVERGENT_PERCENT} % of the draws and every bulk-ESS is above {@value #MIN_ESS_BULK}. A NaN R-hat
 * or ESS (a constant or non-finite parameter) counts against convergence.
 *
 * <p>Immutable and thread safe.
 *
 * @param draws draws over all chains
 * @param divergent draws marked {@code divergent__}
 * @param treedepthHits draws whose {@code treedepth__} reached the maximum
 * @param maxRhat largest R-hat over the parameters (NaN when one is NaN)
 * @param worstRhatParameter the parameter with that R-hat
 * @param minEssBulk smallest bulk-ESS over the parameters
 * @param minEssTail smallest tail-ESS over the parameters
 */
public record RunDiagnostics(long draws, long divergent, long treedepthHits, double maxRhat,
        String worstRhatParameter, double minEssBulk, double minEssTail) {

    /** R-hat must be below this for every parameter. */
    public static final double MAX_RHAT = 1.01;
    /** Divergent transitions must be below this share of the draws, in percent. */
    public static final double MAX_DIVERGENT_PERCENT = 5;
    /** Bulk-ESS must be above this for every parameter. */
    public static final double MIN_ESS_BULK = 400;

    /**
     * @param draws the run's draws, with Stan's sampler columns
     * @param summaries the parameters' summaries
     * @param maxTreedepth the configured maximum tree depth
     * @return the diagnostics
     */
    public static RunDiagnostics of(Draws draws, List<ParameterSummary> summaries, int maxTreedepth) {
        Objects.requireNonNull(draws, "draws");
        long total = 0;
        long divergent = 0;
        long hits = 0;
        double[][] divergentColumn = draws.hasColumn("divergent__") ? draws.column("divergent__") : new double[0][];
        double[][] depthColumn = draws.hasColumn("treedepth__") ? draws.column("treedepth__") : new double[0][];
        for (int c = 0; c < draws.chainCount(); c++) {
            total += draws.drawCount(c);
            for (int i = 0; i < draws.drawCount(c); i++) {
                divergent += divergentColumn.length > 0 && divergentColumn[c][i] != 0 ? 1 : 0;
                hits += depthColumn.length > 0 && depthColumn[c][i] >= maxTreedepth ? 1 : 0;
            }
        }

        // Worst R-hat and ESS; NaN propagates so that a broken parameter cannot hide.
        double maxRhat = Double.NEGATIVE_INFINITY;
        String worst = "";
        double minBulk = Double.POSITIVE_INFINITY;
        double minTail = Double.POSITIVE_INFINITY;
        for (ParameterSummary s : summaries) {
            if (!Double.isNaN(maxRhat) && !(s.rhat() <= maxRhat)) {
                maxRhat = s.rhat();
                worst = s.name();
            }
            minBulk = Math.min(minBulk, s.essBulk()); // Math.min propagates NaN
            minTail = Math.min(minTail, s.essTail());
        }
        if (summaries.isEmpty()) {
            maxRhat = Double.NaN;
            minBulk = Double.NaN;
            minTail = Double.NaN;
        }
        return new RunDiagnostics(total, divergent, hits, maxRhat, worst, minBulk, minTail);
    }

    /** @return divergent transitions in percent of the draws; NaN without draws */
    public double divergentPercent() {
        return draws == 0 ? Double.NaN : 100.0 * divergent / draws;
    }

    /** @return iterations at the maximum tree depth in percent of the draws; NaN without draws */
    public double treedepthPercent() {
        return draws == 0 ? Double.NaN : 100.0 * treedepthHits / draws;
    }

    /** @return true when the run meets the reference system's thresholds (written so that NaN fails) */
    public boolean converged() {
        return maxRhat < MAX_RHAT && divergentPercent() < MAX_DIVERGENT_PERCENT && minEssBulk > MIN_ESS_BULK;
    }

    /** @return the reasons the run is not converged, empty when it is */
    public List<String> problems() {
        ArrayList<String> problems = new ArrayList<>();
        if (!(maxRhat < MAX_RHAT)) {
            problems.add(String.format(Locale.ROOT, "max R-hat %.4f (%s) is not below %.2f", maxRhat,
                    worstRhatParameter, MAX_RHAT));
        }
        if (!(divergentPercent() < MAX_DIVERGENT_PERCENT)) {
            problems.add(String.format(Locale.ROOT, "%.2f %% divergent transitions is not below %.0f %%",
                    divergentPercent(), MAX_DIVERGENT_PERCENT));
        }
        if (!(minEssBulk > MIN_ESS_BULK)) {
            problems.add(String.format(Locale.ROOT, "min bulk-ESS %.1f is not above %.0f", minEssBulk,
                    MIN_ESS_BULK));
        }
        return List.copyOf(problems);
    }
}
