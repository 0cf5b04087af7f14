package org.matchup.benchmarks.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.matchup.core.data.MatchupRows;
import org.matchup.core.model.MatchupModel;
import org.matchup.core.model.StanModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one log density and gradient of the matchup-specific model through the JNI bridge, written with
 * per-matchup sufficient statistics against the row-by-row baseline, on the first {@code rows} rows of the real
 * training table ({@code -Dmatchup.table=...}, default {@code ../shared/data/nba/matchups_train.csv.gz}). The
 * sampler spends nearly all its time here: one NUTS iteration is up to 2^treedepth gradients.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogDensityGradientBenchmark {

    /** Rows of the real table in the model's data. */
    @Param({"1000", "20000", "127664"})
    public int rows;

    private StanModel sufficient;
    private StanModel rowByRow;
    private double[] theta;
    private double[] gradient;

    /** Loads both models on the same rows; the point is the same for both. */
    @Setup(Level.Trial)
    public void load() throws IOException {
        Path table = Path.of(System.getProperty("matchup.table", "../shared/data/nba/matchups_train.csv.gz"));
        MatchupRows data = MatchupRows.read(table, rows);
        sufficient = StanModel.load(MatchupModel.MATCHUP_SPECIFIC.library(), data.sufficientStatistics().toStanData());
        rowByRow = StanModel.load(MatchupModel.MATCHUP_SPECIFIC_ROWS.library(), data.toStanData());
        theta = new double[sufficient.unconstrainedDimension()];
        Arrays.fill(theta, 0, 36, 1.0);
        Arrays.fill(theta, 36, theta.length, -3.0);
        gradient = new double[theta.length];
    }

    /** Frees the native models. */
    @TearDown(Level.Trial)
    public void close() {
        sufficient.close();
        rowByRow.close();
    }

    /** @return the log density, per-matchup sufficient statistics */
    @Benchmark
    public double sufficientStatistics() {
        return sufficient.logDensityGradient(theta, gradient, true, true);
    }

    /** @return the log density, one term per row: the baseline */
    @Benchmark
    public double rowByRowBaseline() {
        return rowByRow.logDensityGradient(theta, gradient, true, true);
    }
}
