package org.matchup.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.matchup.core.draws.Draws;

/**
 * Holdout scores of a model whose draws all equal the truth that generated the table: log predictive density,
 * RMSE and R^2 equal their direct computation, and the coverage of the 50 % and 90 % intervals is binomial around
 * 0.5 and 0.9. The seed is fixed; with 4,000 rows the coverage bounds are 4.8 binomial sds of an unweighted
 * share (the weights of 1 to 3 possessions widen it by about 10 %), a chance below 1e-4 each for another seed.
 */
class PredictiveEvaluationTest {

    @Test
    void scoresOfTheTrueModel(@TempDir Path dir) throws IOException {
        // Draws of a baseline-like model: alpha = 1.05, sigma = 1.2 in every draw.
        int draws = 200;
        double[][][] values = new double[2][2][draws / 2];
        for (double[][] chain : values) {
            java.util.Arrays.fill(chain[0], 1.05);
            java.util.Arrays.fill(chain[1], 1.2);
        }
        MatchupPredictor predictor = new MatchupPredictor(new Draws(List.of("alpha", "sigma"), values));

        // Rows y ~ normal(1.05, 1.2 / sqrt(w)); the direct sums the evaluation must reproduce.
        SplittableRandom random = new SplittableRandom(21);
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder("outcome,matchup_id,possessions");
        for (String side : List.of("z_off_", "z_def_")) {
            for (int a = 0; a < 8; a++) {
                header.append(',').append(side).append(a);
            }
        }
        lines.add(header.toString());
        double sw = 0;
        double swy = 0;
        double swyy = 0;
        double sse = 0;
        double lpd = 0;
        int rows = 4000;
        for (int i = 0; i < rows; i++) {
            double w = 1 + i % 3;
            double y = 1.05 + 1.2 / Math.sqrt(w) * random.nextGaussian();
            sw += w;
            swy += w * y;
            swyy += w * y * y;
            sse += w * (y - 1.05) * (y - 1.05);
            double sd = 1.2 / Math.sqrt(w);
            lpd += -0.5 * Math.log(2 * Math.PI) - Math.log(sd) - 0.5 * Math.pow((y - 1.05) / sd, 2);
            lines.add(y + "," + (i % 36) + "," + w + ",0".repeat(16));
        }
        Path table = Files.write(dir.resolve("t.csv"), lines);

        PredictiveEvaluation e = PredictiveEvaluation.of(predictor, table, false);
        assertEquals(rows, e.rows());
        assertEquals(sw, e.possessions(), 1e-9);
        assertEquals(lpd, e.lpd(), 1e-9 * Math.abs(lpd));
        assertEquals(lpd / sw, e.lpdPerPossession(), 1e-12);
        assertEquals(Math.sqrt(sse / sw), e.rmse(), 1e-12);
        double ybar = swy / sw;
        assertEquals(1 - sse / (swyy - sw * ybar * ybar), e.r2(), 1e-9);
        assertEquals(0.5, e.coverage50(), 4 * Math.sqrt(0.25 / rows) * 1.2);
        assertEquals(0.9, e.coverage90(), 4 * Math.sqrt(0.09 / rows) * 1.2);
    }
}
