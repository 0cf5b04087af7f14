package org.matchup.core.whatif;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.apache.commons.text.similarity.LevenshteinDistance;
import org.matchup.core.data.MatchupDataException;
import org.matchup.core.data.MatchupTableFormat;

/**
 * The player-season table {@code players.csv} of the shared data (one row per player and season) and the lookup
 * of a player by NBA id or by name within a season.
 *
 * <p>A name matches when its {@link PlayerNames#normalise normalised} form equals that of the name in the table,
 * so accents, case, apostrophes and the suffixes Jr./Sr./II/III/IV do not matter. A query of digits only is an NBA
 * id. A name that no player of the season has fails with the closest names of that season: first those sharing a
 * word with the query, then by Levenshtein distance of the normalised names; a name that several players of the
 * season share fails with each of them, id and minutes, so that the id can be given instead.
 *
 * <p>Immutable; thread safe.
 */
public final class PlayerTable {

    /** Columns read; the others ({@code bbref_id}, same-season RAPM, ...) are ignored. */
    static final List<String> COLUMNS = List.of("season", "nba_player_id", "name", "minutes", "archetype",
            "archetype_label", "o_rating", "d_rating", "has_prior_rating");

    /** Candidates listed for a name that is not found. */
    private static final int CANDIDATES_SHOWN = 5;
    private static final Pattern SEASON = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final LevenshteinDistance EDIT_DISTANCE = LevenshteinDistance.getDefaultInstance();

    /** Players of each season in file order; seasons in ascending order. */
    private final Map<String, List<Player>> bySeason;

    private PlayerTable(Map<String, List<Player>> bySeason) {
        this.bySeason = bySeason;
    }

    /**
     * Reads {@code players.csv}.
     *
     * @param file the players table
     * @return the table
     * @throws MatchupDataException if the file is missing or malformed: a required column missing, a value that is
     *         not of its type (season {@code YYYY-YY}, id a positive integer, minutes finite and not negative,
     *         archetype in 0..7, ratings finite or empty, has_prior_rating 0, 1 or empty), or a player twice in a
     *         season; the message names file, row, line, column and value
     */
    public static PlayerTable read(Path file) {
        Objects.requireNonNull(file, "file");
        Map<String, List<Player>> bySeason = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (LookupCsv.Row row : LookupCsv.read(file, COLUMNS).rows()) {
            String season = row.text("season");
            if (!SEASON.matcher(season).matches()) {
                throw row.problem("season", season, "is not a season such as 2022-23");
            }
            long id = row.integer("nba_player_id", 1, Long.MAX_VALUE);
            double minutes = row.finite("minutes");
            if (!(minutes >= 0)) {
                throw row.problem("minutes", Double.toString(minutes), "is negative");
            }
            int archetype = (int) row.integer("archetype", 0, MatchupTableFormat.ARCHETYPE_COUNT - 1);
            double offensive = row.finiteOrEmpty("o_rating");
            double defensive = row.finiteOrEmpty("d_rating");
            if (Double.isNaN(offensive) != Double.isNaN(defensive)) {
                throw row.problem(Double.isNaN(offensive) ? "o_rating" : "d_rating", "",
                        "is empty while the other rating is not");
            }
            String prior = row.textOrEmpty("has_prior_rating");
            if (!(prior.isEmpty() || prior.equals("0") || prior.equals("1"))) {
                throw row.problem("has_prior_rating", prior, "is not 0, 1 or empty");
            }
            if (!seen.add(season + " " + id)) {
                throw row.problem("nba_player_id", Long.toString(id), "appears twice in season " + season);
            }
            Player player = new Player(season, id, row.text("name"), minutes, archetype, row.text("archetype_label"),
                    offensive, defensive, prior.equals("1"));
            bySeason.computeIfAbsent(season, s -> new ArrayList<>()).add(player);
        }
        Map<String, List<Player>> frozen = new LinkedHashMap<>();
        bySeason.forEach((season, players) -> frozen.put(season, List.copyOf(players)));
        return new PlayerTable(frozen);
    }

    /** @return the seasons of the table, ascending */
    public List<String> seasons() {
        return List.copyOf(bySeason.keySet());
    }

    /** @return the seasons whose players have lagged ratings, so that modelling rows exist for them, ascending */
    public List<String> ratedSeasons() {
        List<String> rated = new ArrayList<>();
        bySeason.forEach((season, players) -> {
            if (players.stream().anyMatch(Player::isRated)) {
                rated.add(season);
            }
        });
        return rated;
    }

    /**
     * @param season a season of the table
     * @return its players in file order
     * @throws IllegalArgumentException if the table has no such season
     */
    public List<Player> players(String season) {
        List<Player> players = bySeason.get(Objects.requireNonNull(season, "season"));
        if (players == null) {
            throw new IllegalArgumentException("players.csv has no season " + season + "; its seasons are "
                    + String.join(", ", bySeason.keySet()));
        }
        return players;
    }

    /**
     * Checks that a season can be used for a modelling row.
     *
     * @param season the season
     * @throws IllegalArgumentException if the table has no such season, or its players have no lagged ratings (a
     *         rating-source season such as 2020-21)
     */
    public void requireRatedSeason(String season) {
        if (!bySeason.containsKey(Objects.requireNonNull(season, "season"))) {
            throw new IllegalArgumentException("players.csv has no season " + season + "; seasons with modelling"
                    + " rows: " + String.join(", ", ratedSeasons()));
        }
        List<Player> players = players(season);
        if (players.stream().noneMatch(Player::isRated)) {
            throw new IllegalArgumentException("season " + season + " has no modelling rows: its players have no"
                    + " lagged ratings in players.csv (it is only the source of the next season's ratings); choose "
                    + String.join(", ", ratedSeasons()));
        }
    }

    /**
     * Finds a player of a season by NBA id (digits only) or by name.
     *
     * @param season the season
     * @param idOrName an NBA id, or a name in any case, with or without accents and suffix
     * @return the player-season
     * @throws PlayerLookupException if no player of the season has that id or name, or several have that name;
     *         the message lists the candidates
     * @throws IllegalArgumentException if the table has no such season or the query is blank
     */
    public Player find(String season, String idOrName) {
        Objects.requireNonNull(idOrName, "idOrName");
        List<Player> players = players(season);
        String query = idOrName.strip();
        if (query.isEmpty()) {
            throw new IllegalArgumentException("a player is blank: give an NBA id or a name");
        }

        // An id: that player-season, or a hint at the seasons he does appear in.
        if (DIGITS.matcher(query).matches()) {
            long id = query.length() > 18 ? -1 : Long.parseLong(query);
            for (Player player : players) {
                if (player.nbaPlayerId() == id) {
                    return player;
                }
            }
            List<Player> elsewhere = otherSeasons(season, p -> p.nbaPlayerId() == id);
            throw new PlayerLookupException("no player with NBA id " + query + " in " + season
                    + elsewhereHint(elsewhere), elsewhere);
        }

        // A name: exactly one player of the season must have it.
        String wanted = PlayerNames.normalise(query);
        List<Player> matches = players.stream().filter(p -> PlayerNames.normalise(p.name()).equals(wanted)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            List<String> listed = matches.stream().map(p -> String.format(Locale.ROOT, "%s (id %d, %.0f min)",
                    p.name(), p.nbaPlayerId(), p.minutes())).toList();
            throw new PlayerLookupException("'" + query + "' is ambiguous in " + season + ": " + matches.size()
                    + " players have that name: " + String.join(", ", listed) + "; give the NBA id instead", matches);
        }
        List<Player> closest = closest(players, wanted);
        List<Player> elsewhere = otherSeasons(season, p -> PlayerNames.normalise(p.name()).equals(wanted));
        throw new PlayerLookupException("no player named '" + query + "' in " + season + elsewhereHint(elsewhere)
                + "; closest names: " + String.join(", ", closest.stream().map(Player::describe).toList()),
                closest);
    }

    /** The players of the season nearest to a normalised name: a shared word first, then by edit distance. */
    private static List<Player> closest(List<Player> players, String wanted) {
        Set<String> words = Set.of(wanted.split(" "));
        Comparator<Player> order = Comparator
                .comparingInt((Player p) -> sharesWord(words, PlayerNames.normalise(p.name())) ? 0 : 1)
                .thenComparingInt(p -> EDIT_DISTANCE.apply(wanted, PlayerNames.normalise(p.name())))
                .thenComparing(Comparator.comparingDouble(Player::minutes).reversed());
        return players.stream().sorted(order).limit(CANDIDATES_SHOWN).toList();
    }

    private static boolean sharesWord(Set<String> words, String name) {
        for (String word : name.split(" ")) {
            if (words.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private List<Player> otherSeasons(String season, Predicate<Player> same) {
        List<Player> found = new ArrayList<>();
        bySeason.forEach((other, players) -> {
            if (!other.equals(season)) {
                players.stream().filter(same).forEach(found::add);
            }
        });
        return found;
    }

    private static String elsewhereHint(List<Player> elsewhere) {
        if (elsewhere.isEmpty()) {
            return "";
        }
        return " (" + elsewhere.get(0).name() + " is in " + String.join(", ", elsewhere.stream().map(Player::season)
                .distinct().toList()) + ")";
    }
}
