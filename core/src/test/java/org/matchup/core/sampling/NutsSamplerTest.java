package org.matchup.core.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.matchup.core.diagnostics.EffectiveSampleSize;
import org.matchup.core.diagnostics.ParameterSummary;
import org.matchup.core.draws.Draws;
import org.matchup.core.io.StanCsvReader;
import org.matchup.core.io.StanCsvWriter;
import org.matchup.core.model.ModelLibrary;
import org.matchup.core.model.StanData;
import org.matchup.core.model.StanModel;

/**
 * Stan's NUTS driven from Java on a model with an analytic posterior: y_i ~ normal(mu, sigma), sigma known,
 * mu ~ normal(mu0, tau0), so mu | y is normal with precision 1/tau0^2 + N/sigma^2 and mean
 * (mu0/tau0^2 + sum y/sigma^2) / precision.
 */
class NutsSamplerTest {

    private static final int N = 40;
    private static final double SIGMA = 2;
    private static final double MU0 = 1;
    private static final double TAU0 = 3;

    private static double[] y;
    private static StanModel model;

    @BeforeAll
    static void load() {
        SplittableRandom random = new SplittableRandom(42);
        y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = 0.7 + SIGMA * gaussian(random);
        }
        StanData data = StanData.builder().integer("N", N).real("y", y, N).real("sigma", SIGMA).real("mu0", MU0)
                .real("tau0", TAU0).build();
        model = StanModel.load(ModelLibrary.named("normal-mean"), data);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /**
     * Posterior mean and sd within 4 Monte Carlo standard errors. With a fixed seed the run is deterministic; over
     * random seeds a 4-MCSE miss happens with probability about 6e-5 per assertion (normal tails), and the MCSE of
     * the sd is the usual large-ESS approximation sd / sqrt(2 ESS).
     */
    @Test
    void recoversTheAnalyticPosterior() {
        double sum = 0;
        for (double v : y) {
            sum += v;
        }
        double precision = 1 / (TAU0 * TAU0) + N / (SIGMA * SIGMA);
        double exactMean = (MU0 / (TAU0 * TAU0) + sum / (SIGMA * SIGMA)) / precision;
        double exactSd = Math.sqrt(1 / precision);

        SamplingResult result = NutsSampler.sample(model, SamplerConfig.builder().chains(4).warmup(1000).draws(2000)
                .seed(7).build());
        assertTrue(result.allFinished());
        double[][] mu = result.draws().column("mu");
        ParameterSummary summary = ParameterSummary.of("mu", mu);
        double mcseMean = EffectiveSampleSize.mcseMean(mu);
        double mcseSd = summary.sd() / Math.sqrt(2 * EffectiveSampleSize.basic(mu));
        assertEquals(exactMean, summary.mean(), 4 * mcseMean, "posterior mean");
        assertEquals(exactSd, summary.sd(), 4 * mcseSd, "posterior sd");
        assertTrue(summary.rhat() < 1.01, "R-hat " + summary.rhat());
        for (ChainResult chain : result.chains()) {
            assertEquals(2000, chain.draws());
            assertTrue(chain.stepSize() > 0, "adapted step size " + chain.stepSize());
            assertEquals(1, chain.inverseMetric().length);
        }
    }

    @Test
    void sameSeedGivesIdenticalDrawsWhateverTheThreadTiming() {
        SamplerConfig config = SamplerConfig.builder().chains(5).warmup(200).draws(300).seed(99).build();
        Draws first = NutsSampler.sample(model, config).draws();
        Draws second = NutsSampler.sample(model, config).draws();
        Draws other = NutsSampler.sample(model, config.toBuilder().seed(100).build()).draws();
        assertEquals(first.columnNames(), second.columnNames());
        for (int j = 0; j < first.columnNames().size(); j++) {
            double[][] a = first.column(j);
            double[][] b = second.column(j);
            for (int c = 0; c < a.length; c++) {
                assertArrayEquals(a[c], b[c], "column " + first.columnNames().get(j) + " chain " + (c + 1));
            }
        }
        assertFalse(java.util.Arrays.equals(first.column("mu")[0], other.column("mu")[0]));
        assertFalse(java.util.Arrays.equals(first.column("mu")[0], first.column("mu")[1]),
                "chains must draw different streams");
    }

    @Test
    void writtenFilesReadBackToTheDrawsInMemory(@TempDir Path dir) throws IOException {
        SamplerConfig config = SamplerConfig.builder().chains(3).warmup(100).draws(150).thin(2).seed(5).build();
        SamplingResult result = new NutsSampler(model, config,
                chain -> StanCsvWriter.create(dir.resolve("chain-" + chain + ".csv"), config, chain, model.name(),
                        "test"),
                SamplingListener.NONE).run();
        List<Path> files = new ArrayList<>();
        for (int chain = 1; chain <= 3; chain++) {
            files.add(dir.resolve("chain-" + chain + ".csv"));
        }
        Draws read = StanCsvReader.read(files);
        assertEquals(result.draws().columnNames(), read.columnNames());
        assertEquals(List.of("lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__",
                "energy__", "mu"), read.columnNames());
        for (int j = 0; j < read.columnNames().size(); j++) {
            double[][] memory = result.draws().column(j);
            double[][] file = read.column(j);
            for (int c = 0; c < 3; c++) {
                assertEquals(75, file[c].length);
                assertArrayEquals(memory[c], file[c], "column " + read.columnNames().get(j));
            }
        }
        StanCsvReader.Chain chain = StanCsvReader.readChain(files.get(0));
        assertEquals(result.chains().get(0).stepSize(), chain.adaptation().orElseThrow().stepSize(), 1e-5);

        // The timing comments hold this chain's wall times, which add up, not the process's CPU time.
        List<Double> seconds = new ArrayList<>();
        Pattern timing = Pattern.compile("^#.* (\\S+) seconds \\((.*)\\)$");
        for (String line : Files.readAllLines(files.get(0))) {
            Matcher m = timing.matcher(line);
            if (m.matches()) {
                seconds.add(Double.parseDouble(m.group(1)));
            }
        }
        assertEquals(3, seconds.size(), seconds.toString());
        assertEquals(seconds.get(0) + seconds.get(1), seconds.get(2), 1e-5);
        assertTrue(seconds.get(2) <= result.chains().get(0).wallSeconds(), seconds + " vs wall "
                + result.chains().get(0).wallSeconds());
    }

    /**
     * A long run stopped from another thread: every chain stops within a second of the request and every file
     * parses, holding exactly the draws kept in memory.
     */
    @Test
    void stopEndsEveryChainPromptlyAndLeavesParseableFiles(@TempDir Path dir) throws Exception {
        SamplerConfig config = SamplerConfig.builder().chains(4).warmup(1000).draws(50_000_000).seed(3).build();
        CountDownLatch sampling = new CountDownLatch(1);
        SamplingListener listener = new SamplingListener() {
            private final boolean[] seen = new boolean[5];

            @Override
            public synchronized void onIteration(int chain, int done, int total, boolean warmup) {
                if (!warmup && !seen[chain]) {
                    seen[chain] = true;
                    sampling.countDown();
                }
            }
        };
        NutsSampler sampler = new NutsSampler(model, config,
                chain -> StanCsvWriter.create(dir.resolve("chain-" + chain + ".csv"), config, chain, model.name(),
                        "test"),
                listener);
        SamplingResult[] result = new SamplingResult[1];
        long[] stoppedAt = new long[2];
        Thread runner = new Thread(() -> {
            result[0] = sampler.run();
            stoppedAt[1] = System.nanoTime();
        });
        runner.start();

        // Chains beyond the processor count wait in the pool and must stop at their first iteration.
        assertTrue(sampling.await(60, TimeUnit.SECONDS), "no chain reached sampling");
        Thread.sleep(200);
        stoppedAt[0] = System.nanoTime();
        sampler.stop();
        runner.join(10_000);
        assertFalse(runner.isAlive(), "run() did not return after stop()");
        assertTrue((stoppedAt[1] - stoppedAt[0]) / 1e9 < 1, "stopped after " + (stoppedAt[1] - stoppedAt[0]) / 1e9);

        for (ChainResult chain : result[0].chains()) {
            assertEquals(ChainResult.Status.INTERRUPTED, chain.status());
            Path file = dir.resolve("chain-" + chain.chain() + ".csv");
            if (chain.draws() > 0) {
                Draws read = StanCsvReader.read(List.of(file));
                assertEquals(chain.draws(), read.drawCount(0));
                assertArrayEquals(result[0].draws().column("mu")[chain.chain() - 1], read.column("mu")[0]);
            }
        }
    }

    @Test
    void failingSinkFailsItsChainOnly() {
        SamplerConfig config = SamplerConfig.builder().chains(2).warmup(50).draws(50).build();
        SamplingResult result = new NutsSampler(model, config, chain -> chain == 1 ? DrawSink.NONE : new DrawSink() {
            @Override
            public void columns(List<String> names) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void draw(double[] values) {
            }

            @Override
            public void comment(String text) {
            }

            @Override
            public void close() {
            }
        }, SamplingListener.NONE).run();
        assertEquals(ChainResult.Status.FINISHED, result.chains().get(0).status());
        assertEquals(ChainResult.Status.FAILED, result.chains().get(1).status());
        assertTrue(result.chains().get(1).error().contains("disk full"), result.chains().get(1).error());
        assertEquals(50, result.draws().drawCount(0));
    }

    /** A standard normal variate by the Box-Muller transform. */
    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
