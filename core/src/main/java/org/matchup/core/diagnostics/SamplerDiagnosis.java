package org.matchup.core.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.matchup.core.draws.Draws;

/**
 * The checks of CmdStan's {@code diagnose} on a run's draws: divergent transitions, transitions at the maximum
 * tree depth, E-BFMI per chain ({@link EnergyDiagnostic}), R-hat above {@value #MAX_RHAT} and bulk- or tail-ESS
 * below {@value #MIN_ESS_PER_CHAIN} per chain, each with a short explanation and advice, as a report of lines
 * and a one-line verdict.
 *
 * <p>R-hat and ESS are checked for the model's columns (names not ending in {@code __}); a column that is
 * constant in every chain has no R-hat and is reported as such, not as a problem. Immutable and thread safe.
 *
 * @param lines the report, one check after another
 * @param problems the checks that failed, one short phrase each; empty when the run is clean
 */
public record SamplerDiagnosis(List<String> lines, List<String> problems) {

    /** R-hat above this is a problem. */
    public static final double MAX_RHAT = 1.01;
    /** Bulk- or tail-ESS below this many per chain is a problem. */
    public static final double MIN_ESS_PER_CHAIN = 100;
    /** Parameters listed by name in one finding before the list is cut short. */
    private static final int MAX_LISTED = 10;

    /**
     * Diagnoses a run.
     *
     * @param draws the draws, with Stan's sampler columns; unequal chains are trimmed first
     * @param maxTreedepth the run's maximum tree depth
     * @return the report
     */
    public static SamplerDiagnosis of(Draws draws, int maxTreedepth) {
        Objects.requireNonNull(draws, "draws");
        Draws equal = draws.trimmedToEqualLength();
        List<String> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int chains = equal.chainCount();
        lines.add(format("%d chains, %d draws each", chains, chains == 0 ? 0 : equal.drawCount(0)));
        lines.add("");

        // Divergences and tree depth, counted over all draws.
        RunDiagnostics run = RunDiagnostics.of(equal, List.of(), maxTreedepth);
        lines.add("Checking sampler transitions for divergences.");
        if (!equal.hasColumn("divergent__")) {
            lines.add("No divergent__ column: not checked.");
        } else if (run.divergent() > 0) {
            lines.add(format("%d of %d (%.2f%%) transitions ended with a divergence. These may indicate a biased"
                    + " posterior; try a larger adapt_delta or reparameterise the model.", run.divergent(),
                    run.draws(), run.divergentPercent()));
            problems.add(format("%d divergent transitions", run.divergent()));
        } else {
            lines.add("No divergent transitions found.");
        }
        lines.add("");
        lines.add(format("Checking sampler transitions for the maximum tree depth of %d.", maxTreedepth));
        if (!equal.hasColumn("treedepth__")) {
            lines.add("No treedepth__ column: not checked.");
        } else if (run.treedepthHits() > 0) {
            lines.add(format("%d of %d (%.2f%%) transitions hit the maximum tree depth. This is an efficiency"
                    + " concern, not a bias: a larger max_treedepth or a better-conditioned model helps.",
                    run.treedepthHits(), run.draws(), run.treedepthPercent()));
            problems.add(format("%d transitions at the maximum tree depth", run.treedepthHits()));
        } else {
            lines.add("No transition hit the maximum tree depth.");
        }
        lines.add("");

        // E-BFMI, chain by chain.
        lines.add("Checking E-BFMI (energy Bayesian fraction of missing information).");
        if (!equal.hasColumn("energy__")) {
            lines.add("No energy__ column: not checked.");
        } else {
            double[][] energy = equal.column("energy__");
            List<String> low = new ArrayList<>();
            for (int c = 0; c < chains; c++) {
                double ebfmi = EnergyDiagnostic.ebfmi(energy[c]);
                if (!(ebfmi >= EnergyDiagnostic.THRESHOLD)) {
                    lines.add(format("Chain %d: E-BFMI = %.3f is below the threshold of %.2f: the sampler may not"
                            + " explore the tails; consider reparameterising.", c + 1, ebfmi,
                            EnergyDiagnostic.THRESHOLD));
                    low.add(Integer.toString(c + 1));
                }
            }
            if (low.isEmpty()) {
                lines.add(format("E-BFMI satisfactory for all %d chains.", chains));
            } else {
                problems.add("low E-BFMI in chain " + String.join(", ", low));
            }
        }
        lines.add("");

        // R-hat and ESS of the model's columns.
        List<String> highRhat = new ArrayList<>();
        List<String> lowEss = new ArrayList<>();
        List<String> constant = new ArrayList<>();
        double minEss = MIN_ESS_PER_CHAIN * chains;
        for (String name : equal.parameterNames()) {
            double[][] values = equal.column(name);
            if (Chains.isConstant(values)) {
                constant.add(name);
                continue;
            }
            double rhat = SplitRhat.rhat(values);
            if (!(rhat <= MAX_RHAT)) {
                highRhat.add(format("%s (%.4f)", name, rhat));
            }
            double bulk = EffectiveSampleSize.bulk(values);
            double tail = EffectiveSampleSize.tail(values);
            if (!(bulk >= minEss && tail >= minEss)) {
                lowEss.add(format("%s (bulk %.0f, tail %.0f)", name, bulk, tail));
            }
        }
        lines.add("Checking R-hat (rank-normalised split R-hat, the larger of bulk and tail).");
        if (highRhat.isEmpty()) {
            lines.add(format("R-hat at most %.2f for all parameters.", MAX_RHAT));
        } else {
            lines.add(format("%s R-hat above %.2f: %s. The chains have not mixed; run longer or reparameterise.",
                    parametersHave(highRhat.size()), MAX_RHAT, listed(highRhat)));
            problems.add(parameters(highRhat.size()) + " with R-hat above " + MAX_RHAT);
        }
        lines.add("");
        lines.add(format("Checking bulk- and tail-ESS (at least %.0f per chain, %.0f in all).", MIN_ESS_PER_CHAIN,
                minEss));
        if (lowEss.isEmpty()) {
            lines.add("Effective sample sizes satisfactory for all parameters.");
        } else {
            lines.add(format("%s a low effective sample size: %s. Estimates of their posterior may be unreliable;"
                    + " run longer.", parametersHave(lowEss.size()), listed(lowEss)));
            problems.add(parameters(lowEss.size()) + " with low ESS");
        }
        if (!constant.isEmpty()) {
            lines.add(format("Constant in every draw, not checked: %s.", listed(constant)));
        }
        return new SamplerDiagnosis(List.copyOf(lines), List.copyOf(problems));
    }

    /** @return true when no check failed */
    public boolean isClean() {
        return problems.isEmpty();
    }

    /** @return the one-line verdict */
    public String verdict() {
        return isClean() ? "diagnose: no problems detected"
                : "diagnose: problems detected: " + String.join("; ", problems);
    }

    private static String parameters(int count) {
        return count == 1 ? "1 parameter" : count + " parameters";
    }

    private static String parametersHave(int count) {
        return parameters(count) + (count == 1 ? " has" : " have");
    }

    private static String listed(List<String> names) {
        if (names.size() <= MAX_LISTED) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, MAX_LISTED)) + " and " + (names.size() - MAX_LISTED) + " more";
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
