package org.matchup.core.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.matchup.core.data.MatchupDataException;

/** Name normalisation and player lookup against the real players.csv; malformed tables are refused with a place. */
class PlayerTableTest {

    private static final String HEADER = "season,nba_player_id,name,minutes,archetype,archetype_label,o_rating,"
            + "d_rating,o_rapm_same_season,d_rapm_same_season,has_prior_rating,bbref_id,bbref_mp,match_method";

    private static PlayerTable players;

    @BeforeAll
    static void readTable() {
        players = PlayerTable.read(SharedData.playersCsv());
    }

    @Test
    void normalisesAsTheDataPreparationDid() {
        assertEquals("nikola jokic", PlayerNames.normalise("Nikola Jokić"));
        assertEquals("dangelo russell", PlayerNames.normalise("D'Angelo Russell"));
        assertEquals("dangelo russell", PlayerNames.normalise("D\u2019ANGELO  RUSSELL"));
        assertEquals("lonnie walker", PlayerNames.normalise(" Lonnie Walker IV "));
        assertEquals("jaren jackson", PlayerNames.normalise("Jaren Jackson Jr."));
        assertEquals("karl anthony towns", PlayerNames.normalise("Karl-Anthony Towns"));
        assertEquals("pj washington", PlayerNames.normalise("P.J. Washington"));
        assertEquals("", PlayerNames.normalise("Jr."));
    }

    @Test
    void readsEverySeasonOfTheRealTable() {
        assertEquals(List.of("2020-21", "2021-22", "2022-23", "2023-24"), players.seasons());
        assertEquals(List.of("2021-22", "2022-23", "2023-24"), players.ratedSeasons());
        assertEquals(539, players.players("2022-23").size());
    }

    @Test
    void findsByNameIgnoringAccentsCaseAndSuffix() {
        Player jokic = players.find("2022-23", "nikola jokic");
        assertEquals("Nikola Jokić", jokic.name());
        assertEquals(203999, jokic.nbaPlayerId());
        assertEquals(7, jokic.archetype());
        assertEquals("high-usage big", jokic.archetypeLabel());
        assertEquals(2.285, jokic.offensiveRating());
        assertEquals(1.1921, jokic.defensiveRating());
        assertTrue(jokic.hasPriorRating());
        assertEquals(203999, players.find("2022-23", "NIKOLA JOKIĆ").nbaPlayerId());

        Player walker = players.find("2022-23", "Lonnie Walker");
        assertEquals("Lonnie Walker IV", walker.name());
        assertEquals(1629022, walker.nbaPlayerId());
        assertEquals(1629022, players.find("2022-23", "lonnie walker iv").nbaPlayerId());
        assertEquals(1626156, players.find("2022-23", "dangelo russell").nbaPlayerId());
    }

    @Test
    void findsByIdWithinTheSeason() {
        Player westbrook = players.find("2022-23", "201566");
        assertEquals("Russell Westbrook", westbrook.name());
        assertEquals("2022-23", westbrook.season());
        assertEquals(-0.6357, westbrook.offensiveRating());
        assertEquals("2023-24", players.find("2023-24", "201566").season());

        PlayerLookupException e = assertThrows(PlayerLookupException.class, () -> players.find("2022-23", "1"));
        assertEquals("no player with NBA id 1 in 2022-23", e.getMessage());
    }

    @Test
    void unknownNameListsTheClosestNamesOfTheSeason() {
        PlayerLookupException e = assertThrows(PlayerLookupException.class,
                () -> players.find("2022-23", "Lebron Jams"));
        assertTrue(e.getMessage().startsWith("no player named 'Lebron Jams' in 2022-23; closest names: "
                + "LeBron James (2544), "), e.getMessage());
        assertEquals(5, e.candidates().size());
        assertFalse(e.getMessage().contains("\n"));

        // A misspelling that shares no word is found by edit distance.
        e = assertThrows(PlayerLookupException.class, () -> players.find("2022-23", "Russel Westbrok"));
        assertEquals("Russell Westbrook", e.candidates().get(0).name());

        // A surname alone is not a name, but its owners come first.
        e = assertThrows(PlayerLookupException.class, () -> players.find("2022-23", "Westbrook"));
        assertEquals(201566, e.candidates().get(0).nbaPlayerId());
    }

    @Test
    void ambiguousNameListsEachPlayerWithIdAndMinutes(@TempDir Path dir) throws IOException {
        // No season of the real table has two players of one normalised name, so the case is made here.
        Path file = Files.writeString(dir.resolve("players.csv"), String.join("\n", HEADER,
                "2022-23,1,Gary Payton,100.4,0,pass-first guard,0.5,0.1,0,0,1,a,1,name",
                "2022-23,2,Gary Payton II,1320.6,4,cutting role wing,0.2,1.3,0,0,1,b,1,name",
                "2022-23,3,Jalen Williams,900,4,cutting role wing,0,0,0,0,0,c,1,name") + "\n",
                StandardCharsets.UTF_8);
        PlayerTable table = PlayerTable.read(file);
        PlayerLookupException e = assertThrows(PlayerLookupException.class, () -> table.find("2022-23",
                "gary payton"));
        assertEquals("'gary payton' is ambiguous in 2022-23: 2 players have that name: Gary Payton (id 1, 100 min),"
                + " Gary Payton II (id 2, 1321 min); give the NBA id instead", e.getMessage());
        assertEquals(List.of(1L, 2L), e.candidates().stream().map(Player::nbaPlayerId).toList());
        assertEquals("Gary Payton II", table.find("2022-23", "2").name());
    }

    @Test
    void refusesARatingSourceSeasonAndAnUnknownSeason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> players.requireRatedSeason("2020-21"));
        assertEquals("season 2020-21 has no modelling rows: its players have no lagged ratings in players.csv (it is"
                + " only the source of the next season's ratings); choose 2021-22, 2022-23, 2023-24", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> players.find("2019-20", "LeBron James"));
        assertEquals("players.csv has no season 2019-20; its seasons are 2020-21, 2021-22, 2022-23, 2023-24",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> players.requireRatedSeason("2022"));
        assertEquals("players.csv has no season 2022; seasons with modelling rows: 2021-22, 2022-23, 2023-24",
                e.getMessage());
    }

    @Test
    void refusesAMalformedTableNamingRowColumnAndValue(@TempDir Path dir) throws IOException {
        String good = "2022-23,2544,LeBron James,1828.24,2,high-usage creator,-0.0205,-1.2128,1.9,1.2,1,j,1954,name";
        assertEquals("players.csv: row 2 (line 3), column archetype: '9' is outside 0..7",
                refusal(dir, good, good.replace("2544", "7").replace(",2,high", ",9,high")));
        assertEquals("players.csv: row 1 (line 2), column o_rating: 'n/a' is not a decimal number",
                refusal(dir, good.replace("-0.0205", "n/a")));
        assertEquals("players.csv: row 2 (line 3), column nba_player_id: '2544' appears twice in season 2022-23",
                refusal(dir, good, good));
        assertEquals("players.csv: row 1 (line 2), column season: '22-23' is not a season such as 2022-23",
                refusal(dir, good.replace("2022-23", "22-23")));
        assertEquals("players.csv: row 1 (line 2), column d_rating: '' is empty while the other rating is not",
                refusal(dir, good.replace("-1.2128", "")));
        assertEquals("players.csv: row 1 (line 2): the row has 13 fields, the header has 14",
                refusal(dir, good.replace(",name", "")));
        String noMinutes = HEADER.replace("minutes,", "");
        Path file = Files.writeString(dir.resolve("players.csv"), noMinutes + "\n", StandardCharsets.UTF_8);
        MatchupDataException e = assertThrows(MatchupDataException.class, () -> PlayerTable.read(file));
        assertTrue(e.getMessage().startsWith("players.csv: line 1, column minutes: required column is not in the"
                + " header"), e.getMessage());
        e = assertThrows(MatchupDataException.class, () -> PlayerTable.read(dir.resolve("absent.csv")));
        assertTrue(e.getMessage().startsWith("absent.csv: no such file: "), e.getMessage());
    }

    private static String refusal(Path dir, String... rows) throws IOException {
        Path file = Files.writeString(dir.resolve("players.csv"), HEADER + "\n" + String.join("\n", rows) + "\n",
                StandardCharsets.UTF_8);
        return assertThrows(MatchupDataException.class, () -> PlayerTable.read(file)).getMessage();
    }
}
