package org.matchup.core.whatif;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.matchup.core.diagnostics.ParameterSummary;
import org.matchup.core.io.AtomicFiles;

/**
 * The answer to a {@link WhatIfQuery}: the lineups with their compositions, superclusters and modelling rows, and
 * the posterior of expected points per 100 possessions, per draw and summarised (mean, sd, 5/50/95 % quantiles:
 * the 90 % interval), for the lineups as given and, with a swap, for the swapped lineups and their per-draw
 * difference (swapped minus original) with its posterior probability of being positive.
 *
 * <p>Immutable (arrays are copied out); thread safe.
 */
public final class WhatIfResult {

    private final WhatIfQuery query;
    private final ExpectedPoints expectedPoints;
    private final LineupMatchup original;
    private final double[] originalPoints;
    private final Player swappedOut;
    private final Player swappedIn;
    private final LineupMatchup swapped;
    private final double[] swappedPoints;
    private final double[] difference;

    WhatIfResult(WhatIfQuery query, ExpectedPoints expectedPoints, LineupMatchup original, double[] originalPoints,
            Player swappedOut, Player swappedIn, LineupMatchup swapped, double[] swappedPoints) {
        this.query = query;
        this.expectedPoints = expectedPoints;
        this.original = original;
        this.originalPoints = originalPoints.clone();
        this.swappedOut = swappedOut;
        this.swappedIn = swappedIn;
        this.swapped = swapped;
        this.swappedPoints = swappedPoints == null ? null : swappedPoints.clone();
        if (swappedPoints == null) {
            this.difference = null;
        } else {
            this.difference = new double[swappedPoints.length];
            for (int s = 0; s < difference.length; s++) {
                difference[s] = swappedPoints[s] - originalPoints[s];
            }
        }
    }

    /** @return the question answered */
    public WhatIfQuery query() {
        return query;
    }

    /** @return the lineups as given */
    public LineupMatchup original() {
        return original;
    }

    /** @return the lineups after the swap; empty without one */
    public Optional<LineupMatchup> swapped() {
        return Optional.ofNullable(swapped);
    }

    /** @return expected points per 100 possessions of the lineups as given, one per draw in pooled order */
    public double[] originalPerDraw() {
        return originalPoints.clone();
    }

    /** @return expected points per 100 possessions after the swap, one per draw; empty without a swap */
    public Optional<double[]> swappedPerDraw() {
        return Optional.ofNullable(swappedPoints).map(double[]::clone);
    }

    /** @return swapped minus original, one per draw; empty without a swap */
    public Optional<double[]> differencePerDraw() {
        return Optional.ofNullable(difference).map(double[]::clone);
    }

    /** @return the posterior summary of the lineups as given */
    public ParameterSummary originalSummary() {
        return expectedPoints.summarise("points_per_100", originalPoints);
    }

    /** @return the posterior summary after the swap; empty without one */
    public Optional<ParameterSummary> swappedSummary() {
        return swapped == null ? Optional.empty()
                : Optional.of(expectedPoints.summarise("swapped_points_per_100", swappedPoints));
    }

    /** @return the posterior summary of the difference, swapped minus original; empty without a swap */
    public Optional<ParameterSummary> differenceSummary() {
        return swapped == null ? Optional.empty() : Optional.of(expectedPoints.summarise("difference", difference));
    }

    /** @return the posterior probability that the swap raises expected points; empty without a swap */
    public Optional<Double> probabilityDifferencePositive() {
        return swapped == null ? Optional.empty() : Optional.of(ExpectedPoints.probabilityPositive(difference));
    }

    /**
     * The answer as a plain-text report: the season and venue, each lineup with its players (archetype and the
     * rating the row uses), composition, supercluster and distance, and the posterior table.
     *
     * @return the report's lines
     */
    public List<String> lines() {
        SuperclusterTable superclusters = expectedPoints.superclusters();
        List<String> lines = new ArrayList<>();
        lines.add(format("Season %s, %s; %d draws (%d chains of %d)", query.season(), query.venue().description(),
                expectedPoints.drawCount(), expectedPoints.chainCount(), expectedPoints.drawsPerChain()));
        lines.add("");
        lines.addAll(side("Offence", original.offence(), true, superclusters));
        if (original.hasAverageDefence()) {
            String shares = Arrays.stream(superclusters.possessionWeights()).mapToObj(w -> format("%.3f", w))
                    .collect(Collectors.joining(" "));
            lines.add("Defence: league average, every d_rating 0 (z_def = 0), its supercluster integrated out");
            lines.add("  with the possession shares of superclusters 0..5: " + shares);
        } else {
            lines.addAll(side("Defence", original.defence(), false, superclusters));
        }
        if (swapped != null) {
            boolean onOffence = original.offence().contains(swappedOut);
            lines.add("");
            lines.add("Swap: " + swappedIn.describe() + " for " + swappedOut.describe() + " on "
                    + (onOffence ? "offence" : "defence"));
            lines.addAll(side(onOffence ? "Offence after the swap" : "Defence after the swap",
                    onOffence ? swapped.offence() : swapped.defence(), onOffence, superclusters));
        }

        // The posterior table.
        lines.add("");
        lines.add(format("%-38s %8s %7s %7s %8s %8s %8s", "Expected points per 100 possessions", "mean", "sd",
                "MCSE", "5 %", "50 %", "95 %"));
        lines.add(row("as given", originalSummary()));
        swappedSummary().ifPresent(s -> lines.add(row("after the swap", s)));
        differenceSummary().ifPresent(s -> lines.add(row("difference (swapped - original)", s)));
        probabilityDifferencePositive().ifPresent(p -> lines.add(format("Posterior probability that the swap"
                + " raises expected points: %.3f", p)));
        lines.add("5 % and 95 % bound the 90 % posterior interval; MCSE is the Monte Carlo standard error of the"
                + " mean.");
        return lines;
    }

    /**
     * Writes the per-draw values as CSV for other tools: {@code chain,draw,points_per_100} and with a swap
     * {@code swapped_points_per_100,difference}; draws are numbered from 1 within each chain. The file is written
     * whole or not at all.
     *
     * @param file the CSV file to write or replace
     * @throws IOException if it cannot be written
     */
    public void writeDraws(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        List<String> header = new ArrayList<>(List.of("chain", "draw", "points_per_100"));
        if (swapped != null) {
            header.addAll(List.of("swapped_points_per_100", "difference"));
        }
        int perChain = expectedPoints.drawsPerChain();
        AtomicFiles.writeText(file, writer -> {
            try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                    .setHeader(header.toArray(String[]::new)).get())) {
                for (int s = 0; s < originalPoints.length; s++) {
                    List<Object> record = new ArrayList<>(List.of(s / perChain + 1, s % perChain + 1,
                            originalPoints[s]));
                    if (swapped != null) {
                        record.add(swappedPoints[s]);
                        record.add(difference[s]);
                    }
                    csv.printRecord(record);
                }
            }
        });
    }

    private static List<String> side(String title, Lineup lineup, boolean onOffence,
            SuperclusterTable superclusters) {
        List<String> lines = new ArrayList<>();
        SuperclusterAssignment assigned = superclusters.nearest(lineup.composition());
        lines.add(format("%s: composition %s -> supercluster %d '%s' (distance %.3f)", title,
                Arrays.toString(lineup.composition()), assigned.supercluster().id(), assigned.supercluster().label(),
                assigned.distance()));
        for (Player p : lineup.players()) {
            double rating = onOffence ? p.offensiveRating() : p.defensiveRating();
            lines.add(format("  %-24s %8d  %d %-22s %s %7.3f%s", p.name(), p.nbaPlayerId(), p.archetype(),
                    p.archetypeLabel(), onOffence ? "o_rating" : "d_rating", rating,
                    p.hasPriorRating() ? "" : "  (no previous-season rating: 0)"));
        }
        double[] sums = onOffence ? lineup.offensiveRatingSums() : lineup.defensiveRatingSums();
        lines.add(format("  %s: %s", onOffence ? "z_off_0..7" : "z_def_0..7", Arrays.stream(sums)
                .mapToObj(z -> format("%.3f", z)).collect(Collectors.joining(" "))));
        return lines;
    }

    private static String row(String label, ParameterSummary s) {
        return format("  %-36s %8.2f %7.2f %7.3f %8.2f %8.2f %8.2f", label, s.mean(), s.sd(), s.mcseMean(), s.q5(),
                s.q50(), s.q95());
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
