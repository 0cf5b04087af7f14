package org.matchup.launcher;

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
