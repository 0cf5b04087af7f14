package org.matchup.core.sampling;

/**
 * How one chain ended.
 *
 * @param chain chain id, 1-based
 * @param status finished, interrupted or failed
 * @param draws draws kept
 * @param wallSeconds wall time of the chain
 * @param warmupSeconds wall time of warmup, NaN when warmup did not finish
 * @param samplingSeconds wall time of sampling, NaN when sampling did not start
 * @param stepSize the adapted step size, NaN when adaptation did not finish
 * @param inverseMetric the adapted diagonal inverse metric, empty when adaptation did not finish
 * @param error the failure's message, or null
 */
public record ChainResult(int chain, Status status, int draws, double wallSeconds, double warmupSeconds,
        double samplingSeconds, double stepSize, double[] inverseMetric, String error) {

    /** How a chain ended. */
    public enum Status {
        /** All iterations done. */
        FINISHED,
        /** Stopped on request; the draws kept so far are valid. */
        INTERRUPTED,
        /** Stan or the output failed; see {@link ChainResult#error()}. */
        FAILED
    }
}
