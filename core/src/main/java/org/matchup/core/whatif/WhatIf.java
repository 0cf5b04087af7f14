package org.matchup.core.whatif;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link WhatIfQuery} with its players looked up in the season and its lineups built: the matchup as given and,
 * with a swap, the matchup with one player replaced. {@link #resolve} does every check that needs only the player
 * table, so that a wrong name fails at once, before a fit's draws are read; {@link #evaluate} then computes the
 * posterior of expected points per 100 possessions for both and their per-draw difference (swapped minus
 * original).
 *
 * <p>Every problem of the question (a season without modelling rows, an unknown or ambiguous player, a lineup
 * that is not five distinct players, a player on both sides, a swap of a player not on court or of one already on
 * it) fails with an {@link IllegalArgumentException} whose one-line message says which side or which part of the
 * swap is wrong.
 *
 * <p>Immutable; thread safe.
 */
public final class WhatIf {

    private final WhatIfQuery query;
    private final LineupMatchup original;
    private final Player swappedOut;
    private final Player swappedIn;
    private final LineupMatchup swapped;

    private WhatIf(WhatIfQuery query, LineupMatchup original, Player swappedOut, Player swappedIn,
            LineupMatchup swapped) {
        this.query = query;
        this.original = original;
        this.swappedOut = swappedOut;
        this.swappedIn = swappedIn;
        this.swapped = swapped;
    }

    /**
     * Looks the players up and builds the lineups.
     *
     * @param query the question
     * @param players the player-season table
     * @return the resolved question
     * @throws IllegalArgumentException if the question cannot be answered from the table; see the class comment
     */
    public static WhatIf resolve(WhatIfQuery query, PlayerTable players) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(players, "players");
        players.requireRatedSeason(query.season());

        // The lineups as given.
        Lineup offence = lineup("offence", query.season(), query.offence(), players);
        LineupMatchup original = query.hasAverageDefence()
                ? LineupMatchup.againstAverageDefence(offence, query.venue())
                : new LineupMatchup(offence, lineup("defence", query.season(), query.defence(), players),
                        query.venue());
        if (!query.hasSwap()) {
            return new WhatIf(query, original, null, null, null);
        }

        // The swap: the same matchup with one player replaced.
        Player out = find("swap out", query.season(), query.swapOut(), players);
        Player in = find("swap in", query.season(), query.swapIn(), players);
        try {
            return new WhatIf(query, original, out, in, original.swapping(out, in));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("swap: " + e.getMessage(), e);
        }
    }

    /** @return the question */
    public WhatIfQuery query() {
        return query;
    }

    /** @return the matchup as given */
    public LineupMatchup original() {
        return original;
    }

    /** @return the matchup after the swap; empty without one */
    public Optional<LineupMatchup> swapped() {
        return Optional.ofNullable(swapped);
    }

    /**
     * @param expectedPoints a fit's draws with the supercluster table
     * @return the posterior draws and summaries of the matchup, the swapped matchup and their difference
     */
    public WhatIfResult evaluate(ExpectedPoints expectedPoints) {
        Objects.requireNonNull(expectedPoints, "expectedPoints");
        double[] originalPoints = expectedPoints.perHundredPossessions(original);
        double[] swappedPoints = swapped == null ? null : expectedPoints.perHundredPossessions(swapped);
        return new WhatIfResult(query, expectedPoints, original, originalPoints, swappedOut, swappedIn, swapped,
                swappedPoints);
    }

    private static Lineup lineup(String side, String season, List<String> names, PlayerTable players) {
        if (names.size() != SuperclusterTable.LINEUP_SIZE) {
            throw new IllegalArgumentException(side + ": a lineup has " + SuperclusterTable.LINEUP_SIZE
                    + " players, " + names.size() + " given: " + String.join(", ", names));
        }
        List<Player> found = new ArrayList<>();
        for (String name : names) {
            found.add(find(side, season, name, players));
        }
        try {
            return new Lineup(found);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(side + ": " + e.getMessage(), e);
        }
    }

    private static Player find(String where, String season, String idOrName, PlayerTable players) {
        try {
            return players.find(season, idOrName);
        } catch (PlayerLookupException e) {
            throw new PlayerLookupException(where + ": " + e.getMessage(), e.candidates());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
