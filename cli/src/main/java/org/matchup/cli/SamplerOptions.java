package org.matchup.cli;

import org.matchup.core.sampling.SamplerConfig;

import picocli.CommandLine.Option;

/**
 * The sampler options shared by {@code fit}, {@code validate} and {@code preflight} (picocli mixin), with Stan's
 * defaults but 2000 draws, and a refused value named by its option. Not thread safe; one per command.
 */
final class SamplerOptions {

    @Option(names = "--chains", paramLabel = "N", defaultValue = "4",
            description = "Chains, run in parallel. Default: ${DEFAULT-VALUE}.")
    int chains;

    @Option(names = {"--warmup", "--tune"}, paramLabel = "N", defaultValue = "1000",
            description = "Warmup iterations per chain (--tune is the reference system's name). Default:"
                    + " ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--draws", paramLabel = "N", defaultValue = "2000",
            description = "Kept draws per chain. Default: ${DEFAULT-VALUE}.")
    int draws;

    @Option(names = "--adapt-delta", paramLabel = "X", defaultValue = "0.8",
            description = "Target acceptance statistic of step-size adaptation. Default: ${DEFAULT-VALUE}.")
    double adaptDelta;

    @Option(names = "--max-treedepth", paramLabel = "N", defaultValue = "10",
            description = "Maximum NUTS tree depth. Default: ${DEFAULT-VALUE}.")
    int maxTreedepth;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1234",
            description = "Run seed; chain c uses Stan's stream (seed, c). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--init-radius", paramLabel = "X", defaultValue = "2",
            description = "Initial values uniform on (-X, X), unconstrained. Default: ${DEFAULT-VALUE}.")
    double initRadius;

    /** @return these options as arguments of {@code matchup fit}, for a run elsewhere (a pod) */
    java.util.List<String> arguments() {
        return java.util.List.of("--chains", Integer.toString(chains), "--warmup", Integer.toString(warmup),
                "--draws", Integer.toString(draws), "--adapt-delta", Double.toString(adaptDelta), "--max-treedepth",
                Integer.toString(maxTreedepth), "--seed", Long.toString(seed), "--init-radius",
                Double.toString(initRadius));
    }

    /** @return the validated configuration; a refused value is bad input naming its option */
    SamplerConfig config() {
        try {
            return SamplerConfig.builder().chains(chains).warmup(warmup).draws(draws).adaptDelta(adaptDelta)
                    .maxTreedepth(maxTreedepth).seed(seed).initRadius(initRadius).build();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            for (String[] option : new String[][] {{"adaptDelta", "--adapt-delta"},
                {"maxTreedepth", "--max-treedepth"}, {"initRadius", "--init-radius"}, {"chains", "--chains"},
                {"warmup", "--warmup"}, {"draws", "--draws"}, {"seed", "--seed"}}) {
                if (message.startsWith(option[0] + " ")) {
                    message = option[1] + message.substring(option[0].length());
                    break;
                }
            }
            throw new ExitCodes.BadInputException(message);
        }
    }
}
