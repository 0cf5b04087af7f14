package org.matchup.core.whatif;

import java.util.Objects;

import org.matchup.core.diagnostics.ParameterSummary;
import org.matchup.core.draws.Draws;
import org.matchup.core.evaluation.MatchupPredictor;

/**
 * The posterior of a lineup matchup's expected points per 100 possessions: for each draw s of a matchup model,
 * {@code 100 * sum_r weight_r * mu_s(row r)}, where {@code mu_s} is the draw's regression mean of a row (see
 * {@link MatchupPredictor}) and the rows are those of {@link LineupMatchup#rows}. It is the mean outcome, not a
 * prediction of one stint: the noise {@code sigma} does not enter.
 *
 * <p>Works for every matchup model, by parameter names; a model with a home-court term ({@code home.1}) gets the
 * venue, the others ignore it. Values are in the pooled order of the draws: chain 1's draws, then chain 2's, ...
 *
 * <p>Immutable after construction; thread safe.
 */
public final class ExpectedPoints {

    private final MatchupPredictor predictor;
    private final SuperclusterTable superclusters;
    private final int chainCount;
    private final int drawsPerChain;

    /**
     * @param draws draws of a matchup model; chains of unequal length (an interrupted run) are cut to the shortest
     *              and chains without draws left out, as the diagnostics do
     * @param superclusters the supercluster centroids and possession shares
     * @throws IllegalArgumentException if there are no draws, or the draws are not of a matchup model
     */
    public ExpectedPoints(Draws draws, SuperclusterTable superclusters) {
        Objects.requireNonNull(draws, "draws");
        this.superclusters = Objects.requireNonNull(superclusters, "superclusters");
        Draws equal = draws.trimmedToEqualLength();
        if (equal.chainCount() == 0 || equal.drawCount(0) == 0) {
            throw new IllegalArgumentException("the fit holds no draws after warmup");
        }
        this.predictor = new MatchupPredictor(equal);
        this.chainCount = equal.chainCount();
        this.drawsPerChain = equal.drawCount(0);
    }

    /** @return the chains used */
    public int chainCount() {
        return chainCount;
    }

    /** @return the draws used per chain */
    public int drawsPerChain() {
        return drawsPerChain;
    }

    /** @return all draws used, chains times draws per chain */
    public int drawCount() {
        return predictor.drawCount();
    }

    /** @return the supercluster table the rows are built with */
    public SuperclusterTable superclusters() {
        return superclusters;
    }

    /**
     * @param matchup the lineups and venue
     * @return expected points per 100 possessions under each draw, in pooled draw order
     */
    public double[] perHundredPossessions(LineupMatchup matchup) {
        double[] total = new double[predictor.drawCount()];
        double[] means = new double[predictor.drawCount()];
        for (MatchupRow row : matchup.rows(superclusters)) {
            predictor.means(row.matchup(), row.zOff(), row.zDef(), matchup.venue().home(), means);
            for (int s = 0; s < total.length; s++) {
                total[s] += row.weight() * means[s];
            }
        }

        // Points per possession to points per 100 possessions.
        for (int s = 0; s < total.length; s++) {
            total[s] *= 100;
        }
        return total;
    }

    /**
     * Summarises a derived quantity with the conventions of the fit's coefficients: mean, sd, 5/50/95 %
     * quantiles, and R-hat and ESS across the chains.
     *
     * @param name the quantity's name
     * @param perDraw one value per draw, in pooled draw order
     * @return its summary
     * @throws IllegalArgumentException if there is not one value per draw
     */
    public ParameterSummary summarise(String name, double[] perDraw) {
        if (perDraw.length != drawCount()) {
            throw new IllegalArgumentException("need one value per draw, " + drawCount() + ", got " + perDraw.length);
        }
        double[][] chains = new double[chainCount][drawsPerChain];
        for (int c = 0; c < chainCount; c++) {
            System.arraycopy(perDraw, c * drawsPerChain, chains[c], 0, drawsPerChain);
        }
        return ParameterSummary.of(name, chains);
    }

    /**
     * @param perDraw values of a quantity, one per draw
     * @return the share of draws in which it is above 0: its posterior probability of being positive
     */
    public static double probabilityPositive(double[] perDraw) {
        long positive = 0;
        for (double value : perDraw) {
            if (value > 0) {
                positive++;
            }
        }
        return perDraw.length == 0 ? Double.NaN : (double) positive / perDraw.length;
    }
}
