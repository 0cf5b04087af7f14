package org.matchup.core.whatif;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.matchup.core.io.StanCsvWriter;
import org.matchup.core.sampling.SamplerConfig;

/**
 * A fit directory of a matchup-specific model written with StanCsvWriter: chain-1.csv, chain-2.csv, ... in
 * CmdStan's layout, with seeded random draws of {@code alpha.j}, {@code beta_off.j.a}, {@code beta_def.j.a},
 * optionally {@code home.1}, and {@code sigma}. The draws are kept, in pooled order, to compute expectations.
 */
final class SyntheticFit {

    final int chains;
    final int drawsPerChain;
    /** alpha[s][j], s in pooled order (chain 1's draws first). */
    final double[][] alpha;
    final double[][][] betaOff;
    final double[][][] betaDef;
    /** home[s]; zeros when the model has no home-court term. */
    final double[] home;

    private SyntheticFit(int chains, int drawsPerChain) {
        this.chains = chains;
        this.drawsPerChain = drawsPerChain;
        int s = chains * drawsPerChain;
        alpha = new double[s][36];
        betaOff = new double[s][36][8];
        betaDef = new double[s][36][8];
        home = new double[s];
    }

    static SyntheticFit write(Path dir, int chains, int drawsPerChain, long seed, boolean withHome)
            throws IOException {
        SyntheticFit fit = new SyntheticFit(chains, drawsPerChain);
        List<String> columns = new ArrayList<>(List.of("lp__", "accept_stat__", "stepsize__", "treedepth__",
                "n_leapfrog__", "divergent__", "energy__"));
        for (int j = 1; j <= 36; j++) {
            columns.add("alpha." + j);
        }
        for (String block : List.of("beta_off", "beta_def")) {
            for (int a = 1; a <= 8; a++) {
                for (int j = 1; j <= 36; j++) {
                    columns.add(block + "." + j + "." + a);
                }
            }
        }
        if (withHome) {
            columns.add("home.1");
        }
        columns.add("sigma");

        // Intercepts near 1.07 points per possession, coefficients of a few hundredths, as in the real fits.
        SplittableRandom random = new SplittableRandom(seed);
        SamplerConfig config = SamplerConfig.builder().chains(chains).warmup(100).draws(drawsPerChain).build();
        for (int c = 0; c < chains; c++) {
            try (StanCsvWriter out = StanCsvWriter.create(dir.resolve("chain-" + (c + 1) + ".csv"), config, c + 1,
                    "synthetic_matchup", "synthetic")) {
                out.columns(columns);
                for (int i = 0; i < drawsPerChain; i++) {
                    int s = c * drawsPerChain + i;
                    List<Double> values = new ArrayList<>(List.of(-100.0 - i, 0.9, 0.3, 4.0, 15.0, 0.0, 110.0));
                    for (int j = 0; j < 36; j++) {
                        fit.alpha[s][j] = 1.07 + 0.03 * random.nextGaussian();
                        values.add(fit.alpha[s][j]);
                    }
                    for (double[][][] beta : List.of(fit.betaOff, fit.betaDef)) {
                        for (int a = 0; a < 8; a++) {
                            for (int j = 0; j < 36; j++) {
                                beta[s][j][a] = 0.02 * random.nextGaussian();
                                values.add(beta[s][j][a]);
                            }
                        }
                    }
                    if (withHome) {
                        fit.home[s] = 0.02 + 0.005 * random.nextGaussian();
                        values.add(fit.home[s]);
                    }
                    values.add(0.6 + 0.01 * random.nextDouble());
                    out.draw(values.stream().mapToDouble(Double::doubleValue).toArray());
                }
            }
        }
        return fit;
    }

    /** @return draw s's regression mean of a row, computed directly: alpha + b_off . z_off - b_def . z_def */
    double mean(int s, int matchup, double[] zOff, double[] zDef, double venue) {
        double mu = alpha[s][matchup] + home[s] * venue;
        for (int a = 0; a < 8; a++) {
            mu += betaOff[s][matchup][a] * zOff[a] - betaDef[s][matchup][a] * zDef[a];
        }
        return mu;
    }
}
