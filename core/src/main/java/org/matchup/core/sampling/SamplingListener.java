package org.matchup.core.sampling;

import org.matchup.core.model.StanMessageKind;

/**
 * Progress of a run, called from the chains' threads (so implementations must be thread safe). Every
 * method does nothing by default.
 */
public interface SamplingListener {

    /** A listener that ignores everything. */
    SamplingListener NONE = new SamplingListener() {
    };

    /**
     * @param chain chain id, 1-based
     * @param iterationsDone warmup plus sampling iterations finished
     * @param totalIterations warmup plus sampling iterations of the chain
     * @param warmup true while in warmup
     */
    default void onIteration(int chain, int iterationsDone, int totalIterations, boolean warmup) {
    }

    /**
     * @param chain chain id, 1-based
     * @param kind where the message comes from
     * @param message Stan's text
     */
    default void onMessage(int chain, StanMessageKind kind, String message) {
    }

    /**
     * @param result the chain's outcome
     */
    default void onChainFinished(ChainResult result) {
    }
}
