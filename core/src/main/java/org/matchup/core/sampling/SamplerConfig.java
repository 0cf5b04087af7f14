package org.matchup.core.sampling;

/**
 * An immutable, validated configuration of a NUTS run: Stan's defaults unless set.
 *
 * @param chains number of chains (at least 1)
 * @param warmup warmup iterations per chain (0 or more)
 * @param draws kept iterations per chain (at least 1)
 * @param thin keep every thin-th draw (at least 1)
 * @param adaptDelta target acceptance statistic, in (0, 1)
 * @param maxTreedepth maximum tree depth (1 .. 20)
 * @param seed run seed, 0 .. 4294967295; chain c uses Stan's stream (seed, c)
 * @param initRadius initial values uniform on (-initRadius, initRadius), unconstrained; at least 0
 * @param stepSize initial step size, positive
 */
public record SamplerConfig(int chains, int warmup, int draws, int thin, double adaptDelta, int maxTreedepth,
        long seed, double initRadius, double stepSize) {

    /** The largest seed Stan accepts (an unsigned 32-bit integer). */
    public static final long MAX_SEED = 0xFFFF_FFFFL;

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming the field and its value when it is out of range
     */
    public SamplerConfig {
        check(chains >= 1 && chains <= 256, "chains", chains, "between 1 and 256");
        check(warmup >= 0, "warmup", warmup, "0 or more");
        check(draws >= 1, "draws", draws, "at least 1");
        check(thin >= 1, "thin", thin, "at least 1");
        check(adaptDelta > 0 && adaptDelta < 1, "adaptDelta", adaptDelta, "strictly between 0 and 1");
        check(maxTreedepth >= 1 && maxTreedepth <= 20, "maxTreedepth", maxTreedepth, "between 1 and 20");
        check(seed >= 0 && seed <= MAX_SEED, "seed", seed, "between 0 and " + MAX_SEED);
        check(initRadius >= 0 && Double.isFinite(initRadius), "initRadius", initRadius, "finite and 0 or more");
        check(stepSize > 0 && Double.isFinite(stepSize), "stepSize", stepSize, "finite and positive");
    }

    /** @return a builder holding Stan's defaults (4 chains, 1000 warmup, 1000 draws, adapt_delta 0.8, ...) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder().chains(chains).warmup(warmup).draws(draws).thin(thin).adaptDelta(adaptDelta)
                .maxTreedepth(maxTreedepth).seed(seed).initRadius(initRadius).stepSize(stepSize);
    }

    /** @return iterations per chain, warmup plus sampling */
    public int totalIterations() {
        return warmup + draws;
    }

    /** @return draws kept per chain after thinning */
    public int keptDraws() {
        return (draws + thin - 1) / thin;
    }

    private static void check(boolean valid, String field, Object value, String requirement) {
        if (!valid) {
            throw new IllegalArgumentException(field + " must be " + requirement + ", got " + value);
        }
    }

    /** Builds a {@link SamplerConfig}; not thread safe. */
    public static final class Builder {
        private int chains = 4;
        private int warmup = 1000;
        private int draws = 1000;
        private int thin = 1;
        private double adaptDelta = 0.8;
        private int maxTreedepth = 10;
        private long seed = 1234;
        private double initRadius = 2;
        private double stepSize = 1;

        private Builder() {
        }

        /** @param value number of chains @return this builder */
        public Builder chains(int value) {
            chains = value;
            return this;
        }

        /** @param value warmup iterations per chain @return this builder */
        public Builder warmup(int value) {
            warmup = value;
            return this;
        }

        /** @param value sampling iterations per chain @return this builder */
        public Builder draws(int value) {
            draws = value;
            return this;
        }

        /** @param value thinning period @return this builder */
        public Builder thin(int value) {
            thin = value;
            return this;
        }

        /** @param value target acceptance statistic @return this builder */
        public Builder adaptDelta(double value) {
            adaptDelta = value;
            return this;
        }

        /** @param value maximum tree depth @return this builder */
        public Builder maxTreedepth(int value) {
            maxTreedepth = value;
            return this;
        }

        /** @param value run seed @return this builder */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** @param value radius of the initial values @return this builder */
        public Builder initRadius(double value) {
            initRadius = value;
            return this;
        }

        /** @param value initial step size @return this builder */
        public Builder stepSize(double value) {
            stepSize = value;
            return this;
        }

        /** @return the validated configuration @throws IllegalArgumentException on a bad field */
        public SamplerConfig build() {
            return new SamplerConfig(chains, warmup, draws, thin, adaptDelta, maxTreedepth, seed, initRadius,
                    stepSize);
        }
    }
}
