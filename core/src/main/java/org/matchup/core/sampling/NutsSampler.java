package org.matchup.core.sampling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.matchup.core.draws.Draws;
import org.matchup.core.model.ChainCallbacks;
import org.matchup.core.model.NutsChainSettings;
import org.matchup.core.model.StanException;
import org.matchup.core.model.StanMessageKind;
import org.matchup.core.model.StanModel;

/**
 * Runs several chains of Stan's NUTS (diagonal metric, windowed adaptation) on a loaded model, in parallel on
 * min(chains, processors) threads, keeping every draw in memory and streaming it to a {@link DrawSink} per chain
 * as it arrives.
 *
 * <p>Chain {@code c} (1-based) runs Stan's random stream {@code (seed, c)}, so a seed gives the same draws
 * whatever the thread timing. {@link #stop()} asks every chain to stop before its next iteration; the draws kept
 * until then are returned and were written.
 *
 * <p>One instance runs once. {@link #stop()} may be called from any thread; {@link #run()} from one.
 */
public final class NutsSampler {

    /** Stan writes the adapted step size into its output as {@code Step size = 0.0123}. */
    private static final Pattern STEP_SIZE = Pattern.compile("^\\s*Step size\\s*=\\s*(\\S+)\\s*$");
    private static final String METRIC_HEADING = "Diagonal elements of inverse mass matrix:";
    /** Stan's timing lines, such as {@code  Elapsed Time: 1.2 seconds (Warm-up)}. */
    private static final Pattern ELAPSED =
            Pattern.compile("^(\\s*(?:Elapsed Time:)?\\s*)\\S+( seconds \\((Warm-up|Sampling|Total)\\))\\s*$");

    /** Creates the sink of one chain. */
    @FunctionalInterface
    public interface SinkFactory {
        /**
         * @param chain chain id, 1-based
         * @return where that chain's output goes
         * @throws IOException if the sink cannot be opened
         */
        DrawSink open(int chain) throws IOException;
    }

    private final StanModel model;
    private final SamplerConfig config;
    private final SinkFactory sinks;
    private final SamplingListener listener;
    private volatile boolean stopRequested;
    private final AtomicInteger runs = new AtomicInteger();

    /**
     * @param model the model, loaded with its data
     * @param config the run's configuration
     * @param sinks opens the output of each chain; {@code chain -> DrawSink.NONE} keeps draws in memory only
     * @param listener receives progress and Stan's messages from the chains' threads
     */
    public NutsSampler(StanModel model, SamplerConfig config, SinkFactory sinks, SamplingListener listener) {
        this.model = Objects.requireNonNull(model, "model");
        this.config = Objects.requireNonNull(config, "config");
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Samples with draws in memory only and no listener.
     *
     * @param model the model, loaded with its data
     * @param config the run's configuration
     * @return the draws and how each chain ended
     */
    public static SamplingResult sample(StanModel model, SamplerConfig config) {
        return new NutsSampler(model, config, chain -> DrawSink.NONE, SamplingListener.NONE).run();
    }

    /** Asks every chain to stop before its next iteration. Returns at once; {@link #run()} then returns. */
    public void stop() {
        stopRequested = true;
    }

    /** @return true once {@link #stop()} was called */
    public boolean isStopRequested() {
        return stopRequested;
    }

    /**
     * Runs the chains and waits for all of them.
     *
     * @return the draws of every chain (as many as each kept) and how each chain ended; a chain that failed has a
     *         {@link ChainResult.Status#FAILED} result with Stan's message rather than an exception
     * @throws IllegalStateException if called a second time
     */
    public SamplingResult run() {
        if (runs.getAndIncrement() > 0) {
            throw new IllegalStateException("a NutsSampler runs once");
        }
        long start = System.nanoTime();
        int threads = Math.min(config.chains(), Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "nuts-chain");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<ChainRun>> futures = new ArrayList<>();
            for (int chain = 1; chain <= config.chains(); chain++) {
                ChainRun run = new ChainRun(chain);
                futures.add(pool.submit(() -> {
                    run.execute();
                    return run;
                }));
            }

            // Gather in chain order; a chain's failure is in its result, never thrown from here.
            List<ChainRun> finished = new ArrayList<>();
            for (Future<ChainRun> future : futures) {
                finished.add(awaitChain(future));
            }
            List<String> names = finished.stream().map(r -> r.columnNames).filter(Objects::nonNull).findFirst()
                    .orElseGet(this::expectedColumnNames);
            double[][][] values = new double[finished.size()][][];
            List<ChainResult> results = new ArrayList<>();
            for (int c = 0; c < finished.size(); c++) {
                values[c] = finished.get(c).columnMajor(names.size());
                results.add(finished.get(c).result);
            }
            return new SamplingResult(config, new Draws(names, values), List.copyOf(results),
                    (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits for one chain; an interrupt of the caller stops every chain and is re-asserted afterwards. */
    private ChainRun awaitChain(Future<ChainRun> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    stop();
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a chain's task failed outside the sampler", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Column names when no chain got far enough to report them: Stan's seven, then the model's. */
    private List<String> expectedColumnNames() {
        List<String> names = new ArrayList<>(List.of("lp__", "accept_stat__", "stepsize__", "treedepth__",
                "n_leapfrog__", "divergent__", "energy__"));
        names.addAll(model.parameterNames(true, true));
        return names;
    }

    /** One chain: its callbacks, its draws and, once done, its result. Used by its own thread only. */
    private final class ChainRun implements ChainCallbacks {
        private final int chain;
        private final int total = config.totalIterations();
        private final List<double[]> rows = new ArrayList<>();
        private List<String> columnNames;
        private DrawSink sink;
        private double stepSize = Double.NaN;
        private double[] inverseMetric = new double[0];
        private boolean metricNext;
        private long startNanos;
        private long warmupEndNanos;
        /** When Stan wrote its first timing line, after the last draw. */
        private long samplingEndNanos;
        private ChainResult result;

        ChainRun(int chain) {
            this.chain = chain;
        }

        void execute() {
            startNanos = System.nanoTime();
            ChainResult.Status status;
            String error = null;
            try {
                sink = sinks.open(chain);
                NutsChainSettings settings = new NutsChainSettings(config.seed(), chain, config.initRadius(),
                        config.warmup(), config.draws(), config.thin(), config.adaptDelta(), config.maxTreedepth(),
                        config.stepSize());
                status = model.sampleNuts(settings, this) ? ChainResult.Status.FINISHED
                        : ChainResult.Status.INTERRUPTED;
            } catch (StanException | IOException | UncheckedIOException | IllegalStateException e) {
                status = ChainResult.Status.FAILED;
                error = e.getMessage();
            } catch (RuntimeException e) {
                status = ChainResult.Status.FAILED;
                error = e.toString();
            }
            if (sink != null) {
                try {
                    sink.close();
                } catch (IOException e) {
                    status = ChainResult.Status.FAILED;
                    error = error != null ? error : "cannot finish the output of chain " + chain + ": "
                            + e.getMessage();
                }
            }
            // Wall times measured here (see withWallTime).
            long end = System.nanoTime();
            double warmupSeconds = warmupEndNanos == 0 ? Double.NaN : (warmupEndNanos - startNanos) / 1e9;
            double samplingSeconds = warmupEndNanos == 0 ? Double.NaN : (end - warmupEndNanos) / 1e9;
            result = new ChainResult(chain, status, rows.size(), (end - startNanos) / 1e9, warmupSeconds,
                    samplingSeconds, stepSize, inverseMetric, error);
            listener.onChainFinished(result);
        }

        @Override
        public void onColumnNames(List<String> names) {
            columnNames = List.copyOf(names);
            write(() -> sink.columns(columnNames));
        }

        @Override
        public void onDraw(double[] values) {
            double[] row = values.clone();
            rows.add(row);
            write(() -> sink.draw(row));
        }

        @Override
        public void onMessage(StanMessageKind kind, String message) {
            String text = message;
            if (kind == StanMessageKind.OUTPUT) {
                readOutputLine(message);
                text = withWallTime(message);
                String line = text;
                write(() -> sink.comment(line));
            }
            listener.onMessage(chain, kind, text);
        }

        /** Runs one write to the sink; a failure stops the chain (the bridge rethrows it from sampleNuts). */
        private void write(SinkWrite action) {
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the output of chain " + chain + ": " + e.getMessage(),
                        e);
            }
        }

        @Override
        public boolean onIteration(int iterationsDone) {
            if (iterationsDone == config.warmup() && warmupEndNanos == 0) {
                warmupEndNanos = System.nanoTime();
            }
            listener.onIteration(chain, iterationsDone, total, iterationsDone < config.warmup());
            return stopRequested;
        }

        /** Picks the adapted step size and inverse metric out of Stan's output comments. */
        private void readOutputLine(String message) {
            if (metricNext) {
                metricNext = false;
                inverseMetric = parseNumbers(message);
                return;
            }
            if (message.strip().equals(METRIC_HEADING)) {
                metricNext = true;
                return;
            }
            Matcher step = STEP_SIZE.matcher(message);
            if (step.matches()) {
                stepSize = parseOrNaN(step.group(1));
            }
        }

        /**
         * Stan 2.21 times warmup and sampling with std::clock, the CPU time of the whole process, which counts
         * every chain's thread; its timing lines get this chain's wall times instead, in the same layout.
         */
        private String withWallTime(String message) {
            Matcher elapsed = ELAPSED.matcher(message);
            if (!elapsed.matches() || warmupEndNanos == 0) {
                return message;
            }
            if (samplingEndNanos == 0) {
                samplingEndNanos = System.nanoTime();
            }
            double warmup = (warmupEndNanos - startNanos) / 1e9;
            double sampling = (samplingEndNanos - warmupEndNanos) / 1e9;
            double seconds = switch (elapsed.group(3)) {
                case "Warm-up" -> warmup;
                case "Sampling" -> sampling;
                default -> warmup + sampling;
            };
            return elapsed.group(1) + String.format(Locale.ROOT, "%.6g", seconds) + elapsed.group(2);
        }

        /** values[column][draw] of this chain's kept draws. */
        double[][] columnMajor(int columns) {
            double[][] values = new double[columns][rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                double[] row = rows.get(i);
                for (int j = 0; j < columns; j++) {
                    values[j][i] = row[j];
                }
            }
            return values;
        }
    }

    /** One write to a {@link DrawSink}. */
    @FunctionalInterface
    private interface SinkWrite {
        void run() throws IOException;
    }

    private static double[] parseNumbers(String list) {
        String[] parts = list.split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = parseOrNaN(parts[i].strip());
        }
        return values;
    }

    private static double parseOrNaN(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
