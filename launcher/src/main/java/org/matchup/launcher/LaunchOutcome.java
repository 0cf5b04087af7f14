package org.matchup.launcher;

/**
 * How a launch ended, when it got as far as it could (failures throw instead). Immutable.
 *
 * @param end why it ended
 * @param remoteExitCode the exit code of the run on the pod ({@code matchup fit}'s, or preflight's when it said
 *     NO-GO), or -1 when the run did not end by itself
 * @param podId the pod, terminated by now
 * @param downloadedFiles the output files brought back (verified against the pod's SHA-256 when the run ended)
 */
public record LaunchOutcome(End end, int remoteExitCode, String podId, int downloadedFiles) {

    /** Why a launch ended. */
    public enum End {
        /** The run on the pod ended by itself; its exit code says how. */
        COMPLETED,
        /** Interrupted (Ctrl-C): the run was stopped and what it kept was brought back. */
        INTERRUPTED,
        /** The cost cap was reached: the run was stopped and what it kept was brought back. */
        COST_CAP
    }
}
