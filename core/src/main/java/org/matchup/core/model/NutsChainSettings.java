package org.matchup.core.model;

/**
 * Settings of one NUTS chain as Stan's services take them.
 *
 * @param seed the run's seed, 0 .. 2^32 - 1
 * @param chainId the chain's id (1, 2, ...); with the seed it selects the chain's random stream
 * @param initRadius initial values are uniform on (-initRadius, initRadius), unconstrained
 * @param warmup warmup iterations
 * @param draws sampling iterations
 * @param thin keep every thin-th draw
 * @param adaptDelta target acceptance statistic of step-size adaptation
 * @param maxTreedepth maximum tree depth
 * @param stepSize initial step size
 */
public record NutsChainSettings(long seed, int chainId, double initRadius, int warmup, int draws, int thin,
        double adaptDelta, int maxTreedepth, double stepSize) {
}
