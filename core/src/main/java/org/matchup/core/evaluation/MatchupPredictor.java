package org.matchup.core.evaluation;

import org.matchup.core.data.MatchupTableFormat;
import org.matchup.core.draws.Draws;

/**
 * Each posterior draw's regression of every matchup, read from the draws of any matchup model by the names the
 * models share: {@code alpha.j} or {@code alpha}, {@code beta_off.j.a} or {@code beta_off.a} (absent: 0),
 * {@code beta_def.j.a} or {@code beta_def.a} (the coefficient of {@code -z_def}), {@code home.1} (the home-court
 * term; absent: 0) and {@code sigma}. The mean of a row of matchup j under draw s is then
 * {@code b[s][j] . [1, z_off, z_def] + home[s] h}, with h the venue code of {@link MatchupTableFormat#HOME_CODE},
 * and its sd {@code sigma[s] / sqrt(w)}.
 *
 * <p>Holds S x 36 x 17 doubles (39 MB for 8,000 draws). Immutable after construction; thread safe.
 */
public final class MatchupPredictor {

    private static final int J = MatchupTableFormat.MATCHUP_COUNT;
    private static final int A = MatchupTableFormat.ARCHETYPE_COUNT;
    private static final int K = MatchupTableFormat.COEFFICIENT_COUNT;
    /** The home-court term's column, a vector of size 1 in the models (size 0 for a table without venues). */
    private static final String HOME = "home.1";

    /** b[s][j][k] for the regression row [1, z_off_0..7, z_def_0..7]. */
    private final double[][][] b;
    private final double[] sigma;
    /** The home-court coefficient of each draw; zeros for a model without one. */
    private final double[] home;
    private final double[] logSigma;

    /**
     * @param draws draws of a matchup model, chains of equal length
     * @throws IllegalArgumentException if the draws have no {@code alpha} or {@code sigma}
     */
    public MatchupPredictor(Draws draws) {
        double[] sigmaDraws = pooled(draws, "sigma");
        if (sigmaDraws == null) {
            throw new IllegalArgumentException("the draws have no column sigma: not a matchup model");
        }
        int s = sigmaDraws.length;
        sigma = sigmaDraws;
        logSigma = java.util.Arrays.stream(sigmaDraws).map(Math::log).toArray();
        b = new double[s][J][K];
        double[] homeDraws = pooled(draws, HOME);
        home = homeDraws != null ? homeDraws : new double[s];
        for (int j = 0; j < J; j++) {
            fill(draws, j, 0, 1, "alpha." + (j + 1), "alpha", true);
            for (int a = 0; a < A; a++) {
                fill(draws, j, 1 + a, 1, "beta_off." + (j + 1) + "." + (a + 1), "beta_off." + (a + 1), false);
                fill(draws, j, 1 + A + a, -1, "beta_def." + (j + 1) + "." + (a + 1), "beta_def." + (a + 1), false);
            }
        }
    }

    private void fill(Draws draws, int j, int k, double sign, String perMatchup, String shared, boolean required) {
        double[] values = pooled(draws, perMatchup);
        if (values == null) {
            values = pooled(draws, shared);
        }
        if (values == null) {
            if (required) {
                throw new IllegalArgumentException("the draws have neither " + perMatchup + " nor " + shared);
            }
            return;
        }
        for (int s = 0; s < values.length; s++) {
            b[s][j][k] = sign * values[s];
        }
    }

    private static double[] pooled(Draws draws, String name) {
        if (!draws.hasColumn(name)) {
            return null;
        }
        double[][] chains = draws.column(name);
        int total = 0;
        for (double[] chain : chains) {
            total += chain.length;
        }
        double[] all = new double[total];
        int at = 0;
        for (double[] chain : chains) {
            System.arraycopy(chain, 0, all, at, chain.length);
            at += chain.length;
        }
        return all;
    }

    /** @return the number of draws S */
    public int drawCount() {
        return sigma.length;
    }

    /**
     * The mean of one row under every draw.
     *
     * @param matchup 0-based matchup index
     * @param zOff z_off_0..7
     * @param zDef z_def_0..7
     * @param venue the offence's venue code: {@link MatchupTableFormat#HOME_CODE}, {@link MatchupTableFormat#AWAY_CODE}
     *        or 0 for a neutral court
     * @param means receives S means
     */
    public void means(int matchup, double[] zOff, double[] zDef, double venue, double[] means) {
        for (int s = 0; s < sigma.length; s++) {
            double[] c = b[s][matchup];
            double mu = c[0] + home[s] * venue;
            for (int a = 0; a < A; a++) {
                mu += c[1 + a] * zOff[a] + c[1 + A + a] * zDef[a];
            }
            means[s] = mu;
        }
    }

    /**
     * @param draw 0-based draw
     * @return sigma of that draw
     */
    public double sigma(int draw) {
        return sigma[draw];
    }

    /**
     * @param draw 0-based draw
     * @return log sigma of that draw
     */
    public double logSigma(int draw) {
        return logSigma[draw];
    }
}
