package org.matchup.launcher;

import org.matchup.core.sampling.SamplerConfig;
import org.matchup.core.validation.Check;

/**
 * The run time of a fit from {@code preflight}'s calibration on this machine (a short run timed per iteration),
 * carried over to the pod: chains run on min(chains, vCPUs) threads, so the run takes ceil(chains / threads)
 * rounds of one chain's time. A pod's vCPU is taken to be as fast as a core here, which it may not be.
 * TODO(#6): the pod's own preflight estimate (in its preflight.txt) is not compared with the cost cap before fit
 * starts; the cap's watchdog is what stops a run that would not fit. Immutable.
 *
 * @param localSeconds the calibration's estimate of the whole run on this machine
 * @param localThreads the threads it assumed (min(chains, processors here))
 * @param chains the run's chains
 * @param outputBytes the expected size of the run's output
 * @param calibration the calibration's own summary, for the plan
 */
public record RunTimeEstimate(double localSeconds, int localThreads, int chains, double outputBytes,
        String calibration) {

    /** Bytes per value of a Stan CSV draw as this project writes it (measured: 25.1 MB for 2000 x 620). */
    public static final double BYTES_PER_VALUE = 21;

    /**
     * The estimate from {@code preflight}'s model checks.
     *
     * @param alignment the alignment check of {@code ModelChecks}, whose numbers hold {@code output_columns}
     * @param calibration the stan-behaviour check (the short run), whose numbers hold {@code estimated_seconds}
     *     and {@code threads}
     * @param sampler the run's configuration
     * @return the estimate
     */
    public static RunTimeEstimate of(Check alignment, Check calibration, SamplerConfig sampler) {
        double columns = ((Number) alignment.numbers().get("output_columns")).doubleValue();
        return new RunTimeEstimate(((Number) calibration.numbers().get("estimated_seconds")).doubleValue(),
                ((Number) calibration.numbers().get("threads")).intValue(), sampler.chains(),
                (double) sampler.chains() * sampler.keptDraws() * columns * BYTES_PER_VALUE, calibration.summary());
    }

    /**
     * @param vcpus the pod's vCPUs
     * @return the estimated seconds of the run on the pod
     */
    public double podSeconds(int vcpus) {
        int localRounds = (chains + localThreads - 1) / localThreads;
        int threads = Math.max(1, Math.min(chains, vcpus));
        int podRounds = (chains + threads - 1) / threads;
        return localSeconds / localRounds * podRounds;
    }
}
