package org.matchup.benchmarks.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.matchup.core.data.SufficientStatistics;
import org.matchup.core.model.MatchupModel;
import org.matchup.core.model.StanData;
import org.matchup.core.model.StanModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one log density and gradient of the hierarchical model through the JNI bridge: its likelihood in C++
 * with a hand-written gradient ({@code matchup-hierarchical}) against the same density differentiated by Stan's
 * autodiff ({@code matchup-hierarchical-autodiff}, the baseline), on the whole real training table
 * ({@code -Dmatchup.table=...}, default {@code ../shared/data/nba/matchups_train.csv.gz}). The cost does not
 * depend on the rows: the data are 36 sets of sufficient statistics. Both are evaluated at the same random point
 * near the posterior, with propto and the Jacobian, as the sampler calls them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HierarchicalGradientBenchmark {

    private StanModel handWritten;
    private StanModel autodiff;
    private double[] theta;
    private double[] gradient;

    /** Loads both models on the same data; the point is the same for both. */
    @Setup(Level.Trial)
    public void load() throws IOException {
        Path table = Path.of(System.getProperty("matchup.table", "../shared/data/nba/matchups_train.csv.gz"));
        StanData data = SufficientStatistics.compute(table).toStanData();
        handWritten = StanModel.load(MatchupModel.MATCHUP_HIERARCHICAL.library(), data);
        autodiff = StanModel.load(MatchupModel.MATCHUP_HIERARCHICAL_AUTODIFF.library(), data);

        // mu near (1, 0, ...), log tau near -5, z standard normal, log sigma 0.18, home 0.02 when present.
        int k = 17;
        theta = new double[handWritten.unconstrainedDimension()];
        SplittableRandom random = new SplittableRandom(2024);
        for (int i = 0; i < theta.length; i++) {
            theta[i] = random.nextGaussian();
        }
        for (int i = 0; i < k; i++) {
            theta[i] = (i == 0 ? 1 : 0) + 0.01 * theta[i];
            theta[k + i] = -5 + 0.5 * theta[k + i];
        }
        int sigma = 2 * k + 36 * k;
        theta[sigma] = 0.18;
        if (theta.length > sigma + 1) {
            theta[sigma + 1] = 0.02;
        }
        gradient = new double[theta.length];
    }

    /** Frees the native models. */
    @TearDown(Level.Trial)
    public void close() {
        handWritten.close();
        autodiff.close();
    }

    /** @return the log density, likelihood gradient written by hand */
    @Benchmark
    public double handWrittenGradient() {
        return handWritten.logDensityGradient(theta, gradient, true, true);
    }

    /** @return the log density, gradient by Stan's autodiff: the baseline */
    @Benchmark
    public double autodiffBaseline() {
        return autodiff.logDensityGradient(theta, gradient, true, true);
    }
}
