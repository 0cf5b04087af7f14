package org.matchup.core.sampling;

import java.util.List;

import org.matchup.core.draws.Draws;

/**
 * The outcome of a run: the draws of every chain (as many as each kept) and how each chain ended.
 * Immutable.
 *
 * @param config the configuration run
 * @param draws the kept draws
 * @param chains one result per chain, in chain order
 * @param wallSeconds wall time of the whole run
 */
public record SamplingResult(SamplerConfig config, Draws draws, List<ChainResult> chains, double wallSeconds) {

    /** @return true when every chain finished */
    public boolean allFinished() {
        return chains.stream().allMatch(c -> c.status() == ChainResult.Status.FINISHED);
    }
}
