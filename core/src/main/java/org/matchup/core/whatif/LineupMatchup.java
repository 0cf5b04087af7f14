package org.matchup.core.whatif;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.matchup.core.data.MatchupTableFormat;

/**
 * An offensive lineup against a defensive lineup, or against a league-average defence, at a venue; and the
 * modelling rows that stand for it.
 *
 * <p>Against a named defence there is one row: matchup {@code off * 6 + def} of the two units' nearest
 * superclusters, {@code z_off} from the offence's offensive ratings and {@code z_def} from the defence's
 * defensive ratings. The league-average defence has every defensive rating 0, so {@code z_def = 0}, and its
 * supercluster is integrated out: six rows, one per defensive supercluster, each weighted by that supercluster's
 * share of possessions, so that the expected outcome is {@code sum_d share_d * mu(off * 6 + d)}.
 *
 * <p>Immutable; thread safe.
 *
 * @param offence the lineup on offence
 * @param defence the lineup on defence, or null for a league-average defence
 * @param venue where the offence plays
 */
public record LineupMatchup(Lineup offence, Lineup defence, Venue venue) {

    /**
     * @throws IllegalArgumentException if the lineups are of different seasons or a player is on both
     */
    public LineupMatchup {
        Objects.requireNonNull(offence, "offence");
        Objects.requireNonNull(venue, "venue");
        if (defence != null) {
            if (!defence.season().equals(offence.season())) {
                throw new IllegalArgumentException("the offence is of " + offence.season() + " and the defence of "
                        + defence.season() + "; both must be of one season");
            }
            for (Player player : defence.players()) {
                if (offence.contains(player)) {
                    throw new IllegalArgumentException(player.describe() + " is in both the offence and the"
                            + " defence");
                }
            }
        }
    }

    /**
     * @param offence the lineup on offence
     * @param venue where the offence plays
     * @return the offence against a league-average defence
     */
    public static LineupMatchup againstAverageDefence(Lineup offence, Venue venue) {
        return new LineupMatchup(offence, null, venue);
    }

    /** @return whether the defence is the league average rather than five named players */
    public boolean hasAverageDefence() {
        return defence == null;
    }

    /**
     * @param superclusters the supercluster centroids
     * @return the offence's nearest supercluster
     */
    public SuperclusterAssignment offenceSupercluster(SuperclusterTable superclusters) {
        return superclusters.nearest(offence.composition());
    }

    /**
     * @param superclusters the supercluster centroids
     * @return the defence's nearest supercluster; empty for a league-average defence
     */
    public Optional<SuperclusterAssignment> defenceSupercluster(SuperclusterTable superclusters) {
        return defence == null ? Optional.empty() : Optional.of(superclusters.nearest(defence.composition()));
    }

    /**
     * @param superclusters the supercluster centroids and possession shares
     * @return one row of weight 1 against a named defence, six rows whose weights sum to 1 against the league
     *         average
     */
    public List<MatchupRow> rows(SuperclusterTable superclusters) {
        int off = offenceSupercluster(superclusters).supercluster().id();
        double[] zOff = offence.offensiveRatingSums();
        int count = MatchupTableFormat.SUPERCLUSTER_COUNT;
        if (defence != null) {
            int def = defenceSupercluster(superclusters).orElseThrow().supercluster().id();
            return List.of(new MatchupRow(off * count + def, 1.0, zOff, defence.defensiveRatingSums()));
        }
        double[] share = superclusters.possessionWeights();
        double[] averageDefence = new double[MatchupTableFormat.ARCHETYPE_COUNT];
        List<MatchupRow> rows = new ArrayList<>(count);
        for (int def = 0; def < count; def++) {
            rows.add(new MatchupRow(off * count + def, share[def], zOff, averageDefence));
        }
        return rows;
    }

    /**
     * @param out a player on court
     * @param in a player of the season who is not on court
     * @return this matchup with {@code in} in the place of {@code out}, on whichever side {@code out} plays
     * @throws IllegalArgumentException if {@code out} is not on court or {@code in} is
     */
    public LineupMatchup swapping(Player out, Player in) {
        if (offence.contains(in) || (defence != null && defence.contains(in))) {
            throw new IllegalArgumentException("cannot swap in " + in.describe() + ": he is already on court");
        }
        if (offence.contains(out)) {
            return new LineupMatchup(offence.replacing(out, in), defence, venue);
        }
        if (defence != null && defence.contains(out)) {
            return new LineupMatchup(offence, defence.replacing(out, in), venue);
        }
        throw new IllegalArgumentException("cannot swap out " + out.describe() + ": he is not on court (offence: "
                + offence.names() + (defence == null ? "; defence: league average" : "; defence: " + defence.names())
                + ")");
    }
}
