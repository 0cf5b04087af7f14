package org.matchup.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import org.matchup.core.model.StanMessageKind;
import org.matchup.core.sampling.ChainResult;
import org.matchup.core.sampling.SamplerConfig;
import org.matchup.core.sampling.SamplingListener;

/**
 * Prints the progress of a run on standard error at a fixed period: iterations done per chain, warmup or
 * sampling, elapsed and estimated remaining time. Stan's errors are always shown; its informational messages
 * and warnings with {@code --verbose}, otherwise counted. Thread safe: chains report from their own threads.
 */
final class ProgressPrinter implements SamplingListener {

    private final PrintWriter err;
    private final SamplerConfig config;
    private final double periodSeconds;
    private final boolean verbose;
    private final String prefix;
    private final AtomicIntegerArray done;
    private final AtomicLong hiddenMessages = new AtomicLong();
    private final long start = System.nanoTime();
    private ScheduledExecutorService timer;

    /**
     * @param err where the lines go
     * @param config the run's configuration
     * @param periodSeconds seconds between progress lines; 0 for none
     * @param verbose whether to show Stan's informational messages and warnings
     * @param prefix the start of every line, such as {@code matchup fit: }
     */
    ProgressPrinter(PrintWriter err, SamplerConfig config, double periodSeconds, boolean verbose, String prefix) {
        this.prefix = prefix;
        this.err = err;
        this.config = config;
        this.periodSeconds = periodSeconds;
        this.verbose = verbose;
        this.done = new AtomicIntegerArray(config.chains());
    }

    void start() {
        if (periodSeconds > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "matchup-progress");
                thread.setDaemon(true);
                return thread;
            });
            long period = Math.max(1, Math.round(periodSeconds * 1000));
            timer.scheduleAtFixedRate(this::print, period, period, TimeUnit.MILLISECONDS);
        }
    }

    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (hiddenMessages.get() > 0) {
            println(hiddenMessages.get() + " informational messages or warnings from Stan not shown (--verbose"
                    + " shows them)");
        }
    }

    @Override
    public void onIteration(int chain, int iterationsDone, int totalIterations, boolean warmup) {
        done.set(chain - 1, iterationsDone);
    }

    @Override
    public void onMessage(int chain, StanMessageKind kind, String message) {
        if (kind == StanMessageKind.OUTPUT || message.isBlank()) {
            return;
        }
        if (verbose || kind == StanMessageKind.ERROR || kind == StanMessageKind.FATAL) {
            println("chain " + chain + ": " + message.strip());
        } else {
            hiddenMessages.incrementAndGet();
        }
    }

    @Override
    public void onChainFinished(ChainResult result) {
        done.set(result.chain() - 1, config.totalIterations());
        println(String.format(Locale.ROOT, "chain %d %s: %d draws in %.1f s%s", result.chain(),
                result.status().name().toLowerCase(Locale.ROOT), result.draws(), result.wallSeconds(),
                result.error() == null ? "" : " (" + result.error() + ")"));
    }

    /** One line: elapsed, remaining (from the overall rate so far), then each chain. */
    private void print() {
        int total = config.totalIterations();
        long sum = 0;
        StringBuilder chains = new StringBuilder();
        for (int c = 0; c < done.length(); c++) {
            int d = done.get(c);
            sum += d;
            chains.append(String.format(Locale.ROOT, " | chain %d %d/%d %s", c + 1, d, total,
                    d >= total ? "done" : d < config.warmup() ? "warmup" : "sampling"));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long all = (long) total * done.length();
        String remaining = sum == 0 ? "?" : clock(elapsed * (all - sum) / sum);
        println("elapsed " + clock(elapsed) + ", remaining ~" + remaining + chains);
    }

    private synchronized void println(String line) {
        err.println(prefix + line);
        err.flush();
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
