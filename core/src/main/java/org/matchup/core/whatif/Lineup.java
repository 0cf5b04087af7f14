package org.matchup.core.whatif;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.matchup.core.data.MatchupTableFormat;

/**
 * Five players of one season on court together, and what a modelling row takes from them (shared data README,
 * recipe steps 4 and 5): the composition (count of players of each archetype), and per archetype the sum of the
 * players' lagged offensive ratings ({@code z_off_a}, when the unit is on offence) or defensive ratings
 * ({@code z_def_a}, on defence).
 *
 * <p>Immutable; thread safe.
 *
 * @param players the five players, distinct, of one season, each with lagged ratings
 */
public record Lineup(List<Player> players) {

    /**
     * @throws IllegalArgumentException if there are not 5 players, one is named twice, they are of different
     *         seasons, or one has no lagged ratings
     */
    public Lineup {
        players = List.copyOf(players);
        if (players.size() != SuperclusterTable.LINEUP_SIZE) {
            throw new IllegalArgumentException("a lineup has " + SuperclusterTable.LINEUP_SIZE + " players, this one "
                    + players.size() + ": " + names(players));
        }
        Set<Long> ids = new HashSet<>();
        for (Player player : players) {
            if (!ids.add(player.nbaPlayerId())) {
                throw new IllegalArgumentException(player.describe() + " is in the lineup twice: " + names(players));
            }
            if (!player.season().equals(players.get(0).season())) {
                throw new IllegalArgumentException("a lineup's players are of one season, but "
                        + players.get(0).describe() + " is of " + players.get(0).season() + " and "
                        + player.describe() + " of " + player.season());
            }
            if (!player.isRated()) {
                throw new IllegalArgumentException(player.describe() + " has no lagged ratings in " + player.season()
                        + ", which is only a rating source");
            }
        }
    }

    /** @return the season of the players */
    public String season() {
        return players.get(0).season();
    }

    /**
     * @param player a player-season
     * @return whether he is in the lineup (same NBA id)
     */
    public boolean contains(Player player) {
        return players.stream().anyMatch(p -> p.nbaPlayerId() == player.nbaPlayerId());
    }

    /**
     * @param out a player of the lineup
     * @param in a player of the same season who is not in it
     * @return the lineup with {@code in} in the place of {@code out}
     * @throws IllegalArgumentException if {@code out} is not in the lineup, or {@code in} already is
     */
    public Lineup replacing(Player out, Player in) {
        if (!contains(out)) {
            throw new IllegalArgumentException(out.describe() + " is not in the lineup " + names(players));
        }
        if (contains(in)) {
            throw new IllegalArgumentException(in.describe() + " is already in the lineup " + names(players));
        }
        List<Player> swapped = new ArrayList<>(players);
        swapped.replaceAll(p -> p.nbaPlayerId() == out.nbaPlayerId() ? in : p);
        return new Lineup(swapped);
    }

    /** @return count of players of each archetype 0..7; the counts sum to 5 */
    public int[] composition() {
        int[] counts = new int[MatchupTableFormat.ARCHETYPE_COUNT];
        for (Player player : players) {
            counts[player.archetype()]++;
        }
        return counts;
    }

    /** @return {@code z_off_0..7}: per archetype, the sum of its players' lagged offensive z-scores (0 if none) */
    public double[] offensiveRatingSums() {
        double[] sums = new double[MatchupTableFormat.ARCHETYPE_COUNT];
        for (Player player : players) {
            sums[player.archetype()] += player.offensiveRating();
        }
        return sums;
    }

    /** @return {@code z_def_0..7}: per archetype, the sum of its players' lagged defensive z-scores (0 if none) */
    public double[] defensiveRatingSums() {
        double[] sums = new double[MatchupTableFormat.ARCHETYPE_COUNT];
        for (Player player : players) {
            sums[player.archetype()] += player.defensiveRating();
        }
        return sums;
    }

    /** @return the players' names, comma-separated */
    public String names() {
        return names(players);
    }

    private static String names(List<Player> players) {
        return String.join(", ", players.stream().map(Player::name).toList());
    }
}
