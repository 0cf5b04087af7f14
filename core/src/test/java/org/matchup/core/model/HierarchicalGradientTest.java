package org.matchup.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.matchup.core.data.SufficientStatistics;
import org.matchup.core.draws.Draws;
import org.matchup.core.sampling.NutsSampler;
import org.matchup.core.sampling.SamplerConfig;
import org.matchup.core.sampling.SamplingResult;

/**
 * {@code matchup-hierarchical}, whose likelihood is C++ with a hand-written gradient
 * ({@code stan/src/main/stan/matchup-hierarchical.hpp}), against {@code matchup-hierarchical-autodiff}, the same
 * density written in Stan and differentiated by Stan's autodiff: log density and gradient at random unconstrained
 * points on real rows, with the table's venues (H = 1) and without them (H = 0, a copy of the rows without the
 * offense column and without one matchup, so that a matchup without rows is skipped too).
 */
class HierarchicalGradientTest {

    private static final int J = 36;
    private static final int K = 17;
    /** Rows of the real table used; every matchup has rows among them. */
    private static final int ROWS = 20_000;
    /** The matchup whose rows the copy without venues leaves out (0-based id). */
    private static final int EMPTY_MATCHUP = 35;
    /** Relative tolerance of densities and gradient components. */
    private static final double TOLERANCE = 1e-9;

    private static Path train;

    @BeforeAll
    static void locate() {
        train = Path.of(System.getProperty("matchup.shared"), "data", "nba", "matchups_train.csv.gz");
    }

    @Test
    void sameDensityAndGradientWithVenues() throws IOException {
        SufficientStatistics statistics = SufficientStatistics.compute(train, ROWS);
        compareAtRandomPoints(statistics.toStanData(), 1, 11);
    }

    @Test
    void sameDensityAndGradientWithoutVenues(@TempDir Path dir) throws IOException {
        SufficientStatistics statistics = SufficientStatistics.compute(withoutVenues(dir), ROWS);
        assertEquals(0, statistics.rowCount(EMPTY_MATCHUP));
        compareAtRandomPoints(statistics.toStanData(), 0, 12);
    }

    /** The generated coefficients have the autodiff model's names and values; only its b is gone. */
    @Test
    void sameOutputColumnsAndValuesWithoutB() throws IOException {
        StanData data = SufficientStatistics.compute(train, ROWS).toStanData();
        try (StanModel fast = StanModel.load(MatchupModel.MATCHUP_HIERARCHICAL.library(), data);
             StanModel autodiff = StanModel.load(MatchupModel.MATCHUP_HIERARCHICAL_AUTODIFF.library(), data)) {
            List<String> autodiffNames = autodiff.parameterNames(true, true);
            List<String> expected = new ArrayList<>();
            for (String name : autodiffNames) {
                if (!name.startsWith("b.")) {
                    expected.add(name);
                }
            }
            List<String> names = fast.parameterNames(true, true);
            assertEquals(expected, names);
            assertEquals(autodiff.parameterNames(false, false), fast.parameterNames(false, false));
            assertTrue(names.containsAll(List.of("alpha.36", "beta_off.36.8", "beta_def.1.1", "home.1", "sigma")));

            double[] theta = randomPoint(new SplittableRandom(13), fast.unconstrainedDimension(), 1);
            double[] fastValues = fast.constrain(theta, true, true, 0);
            double[] autodiffValues = autodiff.constrain(theta, true, true, 0);
            for (int i = 0; i < names.size(); i++) {
                assertEquals(autodiffValues[autodiffNames.indexOf(names.get(i))], fastValues[i], names.get(i));
            }
        }
    }

    /** A short run samples, and the same seed gives the same draws. */
    @Test
    void samplesReproducibly() throws IOException {
        StanData data = SufficientStatistics.compute(train, ROWS).toStanData();
        SamplerConfig config = SamplerConfig.builder().chains(2).warmup(150).draws(100).seed(21).build();
        try (StanModel fast = StanModel.load(MatchupModel.MATCHUP_HIERARCHICAL.library(), data)) {
            SamplingResult first = NutsSampler.sample(fast, config);
            SamplingResult second = NutsSampler.sample(fast, config);
            assertTrue(first.allFinished());
            Draws a = first.draws();
            Draws b = second.draws();
            assertEquals(a.columnNames(), b.columnNames());
            for (int column = 0; column < a.columnNames().size(); column++) {
                for (int chain = 0; chain < 2; chain++) {
                    assertArrayEquals(a.column(column)[chain], b.column(column)[chain], a.columnNames().get(column));
                }
            }

            // sigma of points per possession lies near 1.2 on any part of the table.
            double[] sigma = a.column("sigma")[0];
            double mean = Arrays.stream(sigma).average().orElseThrow();
            assertTrue(mean > 1 && mean < 1.5, "posterior mean of sigma " + mean);
        }
    }

    /**
     * At random unconstrained points: the log density with and without the Jacobian, propto false and true, and
     * the gradient, each component relative to itself. Measured on 2026-12-04: the log densities differed by at
     * most 6e-16 relative and the gradient components by at most 3e-12 (rounding in a different order), so the
     * tolerance of 1e-9 has a wide margin; a wrong term would be off by far more.
     */
    private static void compareAtRandomPoints(StanData data, int venues, long seed) {
        try (StanModel fast = StanModel.load(MatchupModel.MATCHUP_HIERARCHICAL.library(), data);
             StanModel autodiff = StanModel.load(MatchupModel.MATCHUP_HIERARCHICAL_AUTODIFF.library(), data)) {
            int dimension = 2 * K + J * K + 1 + venues;
            assertEquals(dimension, fast.unconstrainedDimension());
            assertEquals(autodiff.unconstrainedParameterNames(), fast.unconstrainedParameterNames());
            SplittableRandom random = new SplittableRandom(seed);
            for (int point = 0; point < 10; point++) {
                double[] theta = randomPoint(random, dimension, venues);
                for (boolean propto : new boolean[] {false, true}) {
                    for (boolean jacobian : new boolean[] {false, true}) {
                        String where = "point " + point + ", propto " + propto + ", jacobian " + jacobian;
                        double[] expectedGradient = new double[dimension];
                        double[] actualGradient = new double[dimension];
                        double expected = autodiff.logDensityGradient(theta, expectedGradient, propto, jacobian);
                        double actual = fast.logDensityGradient(theta, actualGradient, propto, jacobian);
                        assertEquals(expected, actual, TOLERANCE * Math.abs(expected), "log density, " + where);
                        if (!propto) {
                            assertEquals(expected, fast.logDensity(theta, false, jacobian),
                                    TOLERANCE * Math.abs(expected), "log density without gradient, " + where);
                        }
                        for (int i = 0; i < dimension; i++) {
                            assertEquals(expectedGradient[i], actualGradient[i],
                                    TOLERANCE * Math.abs(expectedGradient[i]),
                                    "gradient " + i + " (" + fast.unconstrainedParameterNames().get(i) + "), " + where);
                        }
                    }
                }
            }
        }
    }

    /**
     * A point near and around the posterior: mu near (1, 0, ...), log tau near -4 with spread 1, z standard
     * normal, log sigma near 0.18, home near 0.02.
     */
    private static double[] randomPoint(SplittableRandom random, int dimension, int venues) {
        double[] theta = new double[dimension];
        for (int k = 0; k < K; k++) {
            theta[k] = (k == 0 ? 1 : 0) + 0.05 * random.nextGaussian();
            theta[K + k] = -4 + random.nextGaussian();
        }
        for (int i = 2 * K; i < 2 * K + J * K; i++) {
            theta[i] = random.nextGaussian();
        }
        theta[2 * K + J * K] = 0.18 + 0.1 * random.nextGaussian();
        if (venues == 1) {
            theta[2 * K + J * K + 1] = 0.02 + 0.05 * random.nextGaussian();
        }
        return theta;
    }

    /** Writes the first rows of the training table without its offense column and without one matchup's rows. */
    private static Path withoutVenues(Path dir) throws IOException {
        Path copy = dir.resolve("no-venues.csv");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(train)), StandardCharsets.UTF_8));
             BufferedWriter out = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
            List<String> header = List.of(in.readLine().split(",", -1));
            int offense = header.indexOf("offense");
            int matchup = header.indexOf("matchup_id");
            assertTrue(offense >= 0 && matchup >= 0, "columns offense and matchup_id in " + header);
            out.write(String.join(",", without(header, offense)));
            out.newLine();
            String line;
            int rows = 0;
            while (rows < ROWS && (line = in.readLine()) != null) {
                List<String> fields = List.of(line.split(",", -1));
                rows++;
                if (Integer.parseInt(fields.get(matchup)) != EMPTY_MATCHUP) {
                    out.write(String.join(",", without(fields, offense)));
                    out.newLine();
                }
            }
        }
        return copy;
    }

    private static List<String> without(List<String> fields, int index) {
        List<String> kept = new ArrayList<>(fields);
        kept.remove(index);
        return kept;
    }
}
