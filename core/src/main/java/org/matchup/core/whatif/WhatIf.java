package org.matchup.core.whatif;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Answers a {@link WhatIfQuery}: looks the players up in the season, builds the lineups and their modelling rows,
 * and computes the posterior of expected points per 100 possessions for the lineups as given and, with a swap,
 * for the swapped lineups and the per-draw difference (swapped minus original).
 *
 * <p>Every problem of the question (a season without modelling rows, an unknown or ambiguous player, a lineup
 * that is not five distinct players, a player on both sides, a swap of a player not on court or of one already on
 * it) fails with an {@link IllegalArgumentException} whose one-line message says which side or which part of the
 * swap is wrong.
 *
 * <p>Immutable; thread safe.
 */
public final class WhatIf {

    private final PlayerTable players;
    private final ExpectedPoints expectedPoints;

    /**
     * @param players the player-season table
     * @param expectedPoints the fit's draws with the supercluster table
     */
    public WhatIf(PlayerTable players, ExpectedPoints expectedPoints) {
        this.players = Objects.requireNonNull(players, "players");
        this.expectedPoints = Objects.requireNonNull(expectedPoints, "expectedPoints");
    }

    /**
     * @param query the question
     * @return the lineups, their superclusters and rows, and the posterior draws and summaries
     * @throws IllegalArgumentException if the question cannot be answered from the tables; see the class comment
     */
    public WhatIfResult evaluate(WhatIfQuery query) {
        Objects.requireNonNull(query, "query");
        players.requireRatedSeason(query.season());

        // The lineups as given.
        Lineup offence = lineup("offence", query.season(), query.offence());
        LineupMatchup original = query.hasAverageDefence() ? LineupMatchup.againstAverageDefence(offence,
                query.venue()) : new LineupMatchup(offence, lineup("defence", query.season(), query.defence()),
                query.venue());
        double[] originalPoints = expectedPoints.perHundredPossessions(original);
        if (!query.hasSwap()) {
            return new WhatIfResult(query, expectedPoints, original, originalPoints, null, null, null, null);
        }

        // The swap: the same question with one player replaced.
        Player out = find("swap out", query.season(), query.swapOut());
        Player in = find("swap in", query.season(), query.swapIn());
        LineupMatchup swapped;
        try {
            swapped = original.swapping(out, in);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("swap: " + e.getMessage(), e);
        }
        double[] swappedPoints = expectedPoints.perHundredPossessions(swapped);
        return new WhatIfResult(query, expectedPoints, original, originalPoints, out, in, swapped, swappedPoints);
    }

    private Lineup lineup(String side, String season, List<String> names) {
        if (names.size() != SuperclusterTable.LINEUP_SIZE) {
            throw new IllegalArgumentException(side + ": a lineup has " + SuperclusterTable.LINEUP_SIZE
                    + " players, " + names.size() + " given: " + String.join(", ", names));
        }
        List<Player> found = new ArrayList<>();
        for (String name : names) {
            found.add(find(side, season, name));
        }
        try {
            return new Lineup(found);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(side + ": " + e.getMessage(), e);
        }
    }

    private Player find(String where, String season, String idOrName) {
        try {
            return players.find(season, idOrName);
        } catch (PlayerLookupException e) {
            throw new PlayerLookupException(where + ": " + e.getMessage(), e.candidates());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
