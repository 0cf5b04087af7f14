package org.matchup.core.whatif;

import java.util.List;
import java.util.Objects;

/**
 * A what-if question: in a season, what does an offensive lineup score against a defensive lineup (or a
 * league-average defence) at a venue, and, optionally, what changes when one player on court is replaced.
 * Players are given as NBA ids or names, as {@link PlayerTable#find} takes them; nothing is looked up here.
 *
 * <p>Immutable; thread safe. Build one with {@link #builder()}.
 *
 * @param season the season, such as {@code 2022-23}
 * @param offence the five offensive players
 * @param defence the five defensive players; empty for a league-average defence
 * @param swapOut the player to take off court, or null for no swap
 * @param swapIn the player to put on in his place, or null for no swap
 * @param venue where the offence plays
 */
public record WhatIfQuery(String season, List<String> offence, List<String> defence, String swapOut,
        String swapIn, Venue venue) {

    /**
     * @throws NullPointerException if the season, a lineup or the venue is null
     * @throws IllegalArgumentException if only one side of the swap is given
     */
    public WhatIfQuery {
        Objects.requireNonNull(season, "season");
        offence = List.copyOf(offence);
        defence = List.copyOf(defence);
        Objects.requireNonNull(venue, "venue");
        if ((swapOut == null) != (swapIn == null)) {
            throw new IllegalArgumentException("a swap needs both the player going out and the one coming in");
        }
    }

    /** @return whether a player is swapped */
    public boolean hasSwap() {
        return swapOut != null;
    }

    /** @return whether the defence is the league average */
    public boolean hasAverageDefence() {
        return defence.isEmpty();
    }

    /** @return a builder with a league-average defence, no swap and a neutral court */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link WhatIfQuery}; not thread safe. */
    public static final class Builder {
        private String season;
        private List<String> offence = List.of();
        private List<String> defence = List.of();
        private String swapOut;
        private String swapIn;
        private Venue venue = Venue.NEUTRAL;

        private Builder() {
        }

        /**
         * @param value the season, such as {@code 2022-23}
         * @return this builder
         */
        public Builder season(String value) {
            season = value;
            return this;
        }

        /**
         * @param players the five offensive players, by id or name
         * @return this builder
         */
        public Builder offence(List<String> players) {
            offence = players;
            return this;
        }

        /**
         * @param players the five defensive players, by id or name
         * @return this builder
         */
        public Builder defence(List<String> players) {
            defence = players;
            return this;
        }

        /** @return this builder, with a league-average defence (the default) */
        public Builder averageDefence() {
            defence = List.of();
            return this;
        }

        /**
         * @param out the player to take off court
         * @param in the player to put on in his place
         * @return this builder
         */
        public Builder swap(String out, String in) {
            swapOut = out;
            swapIn = in;
            return this;
        }

        /**
         * @param value where the offence plays (default neutral)
         * @return this builder
         */
        public Builder venue(Venue value) {
            venue = value;
            return this;
        }

        /** @return the query */
        public WhatIfQuery build() {
            return new WhatIfQuery(season, offence, defence, swapOut, swapIn, venue);
        }
    }
}
