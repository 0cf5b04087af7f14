package org.matchup.core.whatif;

import java.util.List;

/**
 * A player named on the command line (or through the API) who cannot be told from {@code players.csv}: no player
 * of that season has the name or id, or more than one has the name. The one-line message lists the candidates,
 * which are also available as players.
 *
 * <p>Immutable; thread safe.
 */
public final class PlayerLookupException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The candidates; a transient copy, since records of a lookup table need not travel with the exception. */
    private final transient List<Player> candidates;

    /**
     * @param message the one-line message, naming the query, the season and the candidates
     * @param candidates the closest players (unknown name) or every player of the name (ambiguous name)
     */
    public PlayerLookupException(String message, List<Player> candidates) {
        super(message);
        this.candidates = List.copyOf(candidates);
    }

    /**
     * @return the closest players of the season for an unknown name, or each player of an ambiguous name; empty
     *         after deserialisation
     */
    public List<Player> candidates() {
        return candidates == null ? List.of() : candidates;
    }
}
