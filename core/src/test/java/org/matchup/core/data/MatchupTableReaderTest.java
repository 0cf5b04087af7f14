package org.matchup.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.matchup.core.data.MatchupTables.header;
import static org.matchup.core.data.MatchupTables.row;
import static org.matchup.core.data.MatchupTables.write;
import static org.matchup.core.data.MatchupTables.writeGzip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests of {@link MatchupTableReader}: accepted input and one message per kind of bad input. */
class MatchupTableReaderTest {

    @TempDir
    Path dir;

    /** A row as the visitor saw it, with the reused arrays copied. */
    record Seen(long row, double outcome, int matchup, double weight, double[] zOff, double[] zDef) {
    }

    private static List<Seen> readAll(Path file) throws IOException {
        List<Seen> seen = new ArrayList<>();
        long count = MatchupTableReader.read(file, (row, outcome, matchup, weight, home, zOff, zDef) ->
                seen.add(new Seen(row, outcome, matchup, weight, zOff.clone(), zDef.clone())));
        assertEquals(seen.size(), count);
        return seen;
    }

    private MatchupDataException failure(String name, String... lines) throws IOException {
        Path file = write(dir, name, lines);
        return assertThrows(MatchupDataException.class, () -> MatchupTableReader.read(file, (r, y, j, w, h, o, d) -> {
        }));
    }

    @Test
    void readsValuesInFileOrder() throws IOException {
        Path file = write(dir, "small.csv", header(true),
                row("1.5", "0", "4"),
                row("-0.25", "35", "0.5", 1.0, 2.0));

        List<Seen> seen = readAll(file);

        assertEquals(2, seen.size());
        Seen first = seen.get(0);
        assertEquals(1, first.row());
        assertEquals(1.5, first.outcome());
        assertEquals(0, first.matchup());
        assertEquals(4.0, first.weight());
        assertArrayEquals(new double[] {0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95}, first.zOff(), 1e-15);
        assertArrayEquals(new double[] {-0.5, -0.6, -0.7, -0.8, -0.9, -1.0, -1.1, -1.2}, first.zDef(), 1e-15);
        Seen second = seen.get(1);
        assertEquals(2, second.row());
        assertEquals(-0.25, second.outcome());
        assertEquals(35, second.matchup());
        assertEquals(0.5, second.weight());
        assertEquals(1.7, second.zOff()[7], 1e-15);
        assertEquals(2.0, second.zDef()[0]);
    }

    @Test
    void reusesTheArchetypeArrays() throws IOException {
        Path file = write(dir, "small.csv", header(true), row("1", "1", "1"), row("2", "2", "2"), row("3", "3", "3"));
        List<double[]> offArrays = new ArrayList<>();
        List<double[]> defArrays = new ArrayList<>();

        MatchupTableReader.read(file, (r, y, j, w, h, zOff, zDef) -> {
            offArrays.add(zOff);
            defArrays.add(zDef);
        });

        assertSame(offArrays.get(0), offArrays.get(2));
        assertSame(defArrays.get(0), defArrays.get(2));
    }

    @Test
    void weightIsOneWithoutPossessionsColumnAndOtherColumnsAreIgnored() throws IOException {
        String zeros = ",0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0";
        Path file = write(dir, "no-weight.csv",
                "season,outcome,note,matchup_id," + header(false).substring("outcome,matchup_id,".length())
                        + ",note",
                "2021-22,1.25,x,7" + zeros + ",y",
                "2021-22,0.75,x,8" + zeros + ",y");

        List<Seen> seen = readAll(file);

        assertEquals(List.of(1.0, 1.0), seen.stream().map(Seen::weight).toList());
        assertEquals(List.of(7, 8), seen.stream().map(Seen::matchup).toList());
        assertEquals(1.25, seen.get(0).outcome());
    }

    @Test
    void readsTheOffenseColumnAsVenueCodes() throws IOException {
        Path file = write(dir, "venue.csv", "offense," + header(true),
                "home," + row("1.5", "0", "4"),
                "AWAY," + row("0.5", "1", "2"));
        List<Double> venues = new ArrayList<>();
        MatchupTableReader.read(file, (r, y, j, w, h, o, d) -> venues.add(h));
        assertEquals(List.of(0.5, -0.5), venues);

        Path noColumn = write(dir, "none.csv", header(true), row("1.5", "0", "4"));
        venues.clear();
        MatchupTableReader.read(noColumn, (r, y, j, w, h, o, d) -> venues.add(h));
        assertEquals(List.of(0.0), venues);
    }

    @Test
    void refusesAVenueOtherThanHomeOrAway() throws IOException {
        MatchupDataException e = failure("venue.csv", "offense," + header(true),
                "home," + row("1.5", "0", "4"),
                "neutral," + row("0.5", "1", "2"));
        assertEquals(2, e.row());
        assertEquals("offense", e.column());
        assertTrue(e.getMessage().contains("'neutral' is not home or away"), e.getMessage());
    }

    @Test
    void acceptsByteOrderMarkCrlfAndQuotedFields() throws IOException {
        String quotedRow = "\"2.5\",\" 4 \",\"3\",\"1\",\"0\",\"0\",\"0\",\"0\",\"0\",\"0\",\"-1.5\","
                + "0,0,0,0,0,0,0,\"0.125\"";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
        bytes.write((header(true) + "\r\n" + quotedRow + "\r\n" + row("1", "5", "2") + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(dir.resolve("excel.csv"), bytes.toByteArray());

        List<Seen> seen = readAll(file);

        assertEquals(2, seen.size());
        assertEquals(2.5, seen.get(0).outcome());
        assertEquals(4, seen.get(0).matchup());
        assertEquals(3.0, seen.get(0).weight());
        assertEquals(-1.5, seen.get(0).zOff()[7]);
        assertEquals(0.125, seen.get(0).zDef()[7]);
        assertEquals(5, seen.get(1).matchup());
    }

    @Test
    void crlfLinesAreCountedOnce() throws IOException {
        Path file = Files.writeString(dir.resolve("crlf.csv"),
                header(true) + "\r\n" + row("1", "1", "1") + "\r\n" + row("1", "99", "1") + "\r\n");

        MatchupDataException e = assertThrows(MatchupDataException.class, () -> readAll(file));

        assertEquals("crlf.csv: row 2 (line 3), column matchup_id: '99' is outside 0..35", e.getMessage());
    }

    @Test
    void quotedLineBreakMovesTheLineButNotTheRow() throws IOException {
        String header = "note," + header(true);
        Path file = write(dir, "multiline.csv", header,
                "\"two, lines\nhere\"," + row("1", "1", "1"),
                "plain," + row("1", "1", "-2"));

        MatchupDataException e = assertThrows(MatchupDataException.class, () -> readAll(file));

        assertEquals("multiline.csv: row 2 (line 4), column possessions: '-2' is not a positive number of possessions",
                e.getMessage());
        assertEquals(2, e.row());
        assertEquals(4, e.line());
        assertEquals("possessions", e.column());
        assertEquals("-2", e.value());
    }

    @Test
    void lastLineWithoutLineBreakHasItsOwnNumber() throws IOException {
        Path file = Files.writeString(dir.resolve("no-final-eol.csv"),
                header(true) + "\n" + row("1", "1", "1") + "\n" + row("1", "1", "1").replace("1,1,1,", "1,1,x,"));

        MatchupDataException e = assertThrows(MatchupDataException.class, () -> readAll(file));

        assertEquals("no-final-eol.csv: row 2 (line 3), column possessions: 'x' is not a number", e.getMessage());
    }

    @Test
    void blankLinesAreSkipped() throws IOException {
        Path file = write(dir, "blank.csv", "", header(true), "", row("1", "1", "1"), "", row("2", "2", "2"), "");

        assertEquals(2, readAll(file).size());
    }

    @Test
    void gzipIsRecognisedByContentNotName() throws IOException {
        Path gzipNamedCsv = writeGzip(dir, "compressed.csv", header(true), row("1.5", "3", "2"));
        Path textNamedGz = write(dir, "plain.csv.gz", header(true), row("1.5", "3", "2"));

        assertEquals(1.5, readAll(gzipNamedCsv).get(0).outcome());
        assertEquals(1.5, readAll(textNamedGz).get(0).outcome());
    }

    @Test
    void maxRowsStopsEarlyWithoutCheckingLaterRows() throws IOException {
        Path file = write(dir, "bad-later.csv", header(true), row("1", "1", "1"), row("2", "2", "2"),
                row("3", "99", "3"));

        List<Seen> seen = new ArrayList<>();
        long count = MatchupTableReader.read(file, 2, (r, y, j, w, h, o, d) -> seen.add(new Seen(r, y, j, w, o, d)));

        assertEquals(2, count);
        assertEquals(2, seen.size());
        assertThrows(MatchupDataException.class, () -> MatchupTableReader.read(file, 3, (r, y, j, w, h, o, d) -> {
        }));
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("absent.csv");

        MatchupDataException e = assertThrows(MatchupDataException.class, () -> readAll(file));

        assertEquals("absent.csv: no such file: " + file.toAbsolutePath(), e.getMessage());
        assertEquals(file, e.file());
    }

    @Test
    void directoryInsteadOfFile() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("tables"));

        MatchupDataException e = assertThrows(MatchupDataException.class, () -> readAll(sub));

        assertEquals("tables: is a directory, not a table file: " + sub.toAbsolutePath(), e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.write(dir.resolve("empty.csv"), new byte[0]);
        Path emptyGzip = Files.write(dir.resolve("empty.csv.gz"), MatchupTables.gzip(""));
        Path onlyBlankLines = Files.writeString(dir.resolve("blank.csv"), "\n\r\n\n");

        assertEquals("empty.csv: is empty: no header line",
                assertThrows(MatchupDataException.class, () -> readAll(file)).getMessage());
        assertEquals("empty.csv.gz: is empty: no header line",
                assertThrows(MatchupDataException.class, () -> readAll(emptyGzip)).getMessage());
        assertEquals("blank.csv: is empty: no header line",
                assertThrows(MatchupDataException.class, () -> readAll(onlyBlankLines)).getMessage());
    }

    @Test
    void blankFirstLineIsNotAHeader() throws IOException {
        MatchupDataException e = failure("spaces.csv", "   ", header(true), row("1", "1", "1"));

        assertEquals("spaces.csv: line 1: the first non-empty line holds no column names; it should be the header",
                e.getMessage());
    }

    @Test
    void headerWithoutRows() throws IOException {
        MatchupDataException e = failure("header-only.csv", header(true));

        assertEquals("header-only.csv: has a header but no data rows", e.getMessage());
    }

    @Test
    void missingRequiredColumn() throws IOException {
        String header = header(true).replace(",z_def_7", "").replace(",z_off_3", "");
        MatchupDataException e = failure("missing.csv", header, "1,1,1,0,0,0,0,0,0,0,0,0,0,0,0");

        assertTrue(e.getMessage().startsWith("missing.csv: line 1, column z_off_3: required column is not in the "
                + "header (also missing: z_def_7); the header is ['outcome', 'matchup_id', 'possessions', 'z_off_0'"),
                e.getMessage());
        assertEquals("z_off_3", e.column());
    }

    @Test
    void duplicatedHeaderName() throws IOException {
        MatchupDataException e = failure("twice.csv", header(true) + ",matchup_id", row("1", "1", "1") + ",2");

        assertEquals("twice.csv: line 1, column matchup_id: the header names this column twice, as fields 2 and 20",
                e.getMessage());
    }

    @Test
    void duplicatedIgnoredColumnIsAllowed() throws IOException {
        Path file = write(dir, "ignored-twice.csv", "note," + header(true) + ",note", "a," + row("1", "1", "1") + ",b");

        assertEquals(1, readAll(file).size());
    }

    @Test
    void nonNumericValue() throws IOException {
        MatchupDataException e = failure("text.csv", header(true), row("1", "1", "1"),
                row("1", "1", "1").replaceFirst("0\\.55", "abc"));

        assertEquals("text.csv: row 2 (line 3), column z_off_3: 'abc' is not a number", e.getMessage());
        assertEquals("abc", e.value());
    }

    @ParameterizedTest
    @CsvSource({"1.5d", "0x1p3", "'1,5'", "--1"})
    void javaOnlyNumberSyntaxIsRefused(String value) throws IOException {
        String quoted = "\"" + value + "\"";
        MatchupDataException e = failure("syntax.csv", header(true), quoted + ",1,1" + ",0".repeat(16));

        assertEquals("syntax.csv: row 1 (line 2), column outcome: '" + value + "' is not a number", e.getMessage());
    }

    @Test
    void emptyValue() throws IOException {
        MatchupDataException e = failure("hole.csv", header(true), ",1,1" + ",0".repeat(16));

        assertEquals("hole.csv: row 1 (line 2), column outcome: '' is empty, a number is required", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "outcome, NaN", "outcome, inf", "outcome, -Infinity", "z_off_0, nan", "z_def_7, Infinity", "z_def_2, 1e999"
    })
    void nonFiniteValue(String column, String value) throws IOException {
        List<String> names = Arrays.asList(header(true).split(","));
        String[] fields = row("1", "1", "1").split(",");
        fields[names.indexOf(column)] = value;
        MatchupDataException e = failure("nonfinite.csv", header(true), row("1", "1", "1"), String.join(",", fields));

        assertEquals("nonfinite.csv: row 2 (line 3), column " + column + ": '" + value + "' is not a finite number",
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "36, is outside 0..35", "-1, is outside 0..35", "1000000000000, is outside 0..35",
        "3.5, is not an integer matchup id", "NaN, is not an integer matchup id", "x, is not a number",
        "'', 'is empty, a number is required'"
    })
    void badMatchupId(String value, String problem) throws IOException {
        MatchupDataException e = failure("ids.csv", header(true), row("1", value, "1"));

        assertEquals("ids.csv: row 1 (line 2), column matchup_id: '" + value + "' " + problem, e.getMessage());
    }

    @Test
    void integralMatchupIdWrittenAsDecimalIsAccepted() throws IOException {
        Path file = write(dir, "decimal-id.csv", header(true), row("1", "35.0", "1"), row("1", "3e1", "1"));

        assertEquals(List.of(35, 30), readAll(file).stream().map(Seen::matchup).toList());
    }

    @ParameterizedTest
    @CsvSource({
        "0, is not a positive number of possessions", "-0.5, is not a positive number of possessions",
        "-0, is not a positive number of possessions", "NaN, is not a finite number of possessions",
        "inf, is not a finite number of possessions", "Infinity, is not a finite number of possessions"
    })
    void badPossessions(String value, String problem) throws IOException {
        MatchupDataException e = failure("weights.csv", header(true), row("1", "1", "2"), row("1", "1", "2"),
                row("1", "1", value));

        assertEquals("weights.csv: row 3 (line 4), column possessions: '" + value + "' " + problem, e.getMessage());
    }

    @Test
    void rowWithFewerFieldsThanHeader() throws IOException {
        String shortRow = row("1", "1", "1").replaceFirst(",[^,]*$", "");
        MatchupDataException e = failure("short.csv", header(true), row("1", "1", "1"), shortRow);

        assertEquals("short.csv: row 2 (line 3), column z_def_7: value missing: the row has 18 fields, "
                + "the header has 19", e.getMessage());
    }

    @Test
    void rowWithMoreFieldsThanHeader() throws IOException {
        MatchupDataException e = failure("long.csv", header(true), row("1", "1", "1") + ",7");

        assertEquals("long.csv: row 1 (line 2): the row has 20 fields, the header has 19", e.getMessage());
    }

    @Test
    void unterminatedQuote() throws IOException {
        String openQuote = "\"1,1,1" + ",0".repeat(16);
        MatchupDataException e = failure("quote.csv", header(true), row("1", "1", "1"), openQuote);

        assertTrue(e.getMessage().startsWith("quote.csv: row 2: malformed CSV: "), e.getMessage());
    }

    @Test
    void truncatedGzip() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(header(true));
        for (int i = 0; i < 2000; i++) {
            lines.add(row(Double.toString(i % 7 / 3.0), Integer.toString(i % 36), "1.5", i % 5, -(i % 3)));
        }
        byte[] whole = MatchupTables.gzip(String.join("\n", lines) + "\n");
        Path file = Files.write(dir.resolve("cut.csv.gz"), Arrays.copyOf(whole, whole.length / 2));
        Path headerCut = Files.write(dir.resolve("cut-header.csv.gz"), Arrays.copyOf(whole, 6));
        Path trailerCut = Files.write(dir.resolve("cut-trailer.csv.gz"), Arrays.copyOf(whole, whole.length - 4));

        MatchupDataException e = assertThrows(MatchupDataException.class, () -> readAll(file));
        MatchupDataException h = assertThrows(MatchupDataException.class, () -> readAll(headerCut));
        MatchupDataException t = assertThrows(MatchupDataException.class, () -> readAll(trailerCut));

        assertTrue(e.getMessage().matches("cut\\.csv\\.gz: compressed data ends unexpectedly after row \\d+: "
                + "the file is truncated"), e.getMessage());
        assertEquals("cut-header.csv.gz: gzip data ends inside the gzip header: the file is truncated", h.getMessage());
        assertTrue(t.getMessage().startsWith("cut-trailer.csv.gz: compressed data ends unexpectedly after row "),
                t.getMessage());
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] bytes = MatchupTables.gzip(header(true) + "\n" + row("1", "1", "1") + "\n");
        bytes[bytes.length - 6] ^= 0x5a;
        Path file = Files.write(dir.resolve("crc.csv.gz"), bytes);

        MatchupDataException e = assertThrows(MatchupDataException.class, () -> readAll(file));

        assertTrue(e.getMessage().startsWith("crc.csv.gz: gzip data is corrupt "), e.getMessage());
    }

    @Test
    void visitorExceptionsPassThrough() throws IOException {
        Path file = write(dir, "ok.csv", header(true), row("1", "1", "1"));
        IllegalStateException thrown = new IllegalStateException("stop");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MatchupTableReader.read(file, (r, y, j, w, h, o, d) -> {
                    throw thrown;
                }));

        assertSame(thrown, e);
    }
}
