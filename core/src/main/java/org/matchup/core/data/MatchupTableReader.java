package org.matchup.core.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Streams the rows of a matchup table (see {@link MatchupTableFormat}) from a CSV file to a
 * {@link MatchupRowVisitor}, checking every value on the way.
 *
 * <p>Input: comma-separated, RFC 4180 quoting, LF or CRLF line ends, UTF-8 with or without a byte-order mark,
 * the header in the first non-empty line; blank lines are skipped and values are trimmed. A gzip-compressed file
 * is recognised by its magic bytes {@code 1f 8b}, not by its name: a file named {@code .gz} that holds plain text
 * is read as plain text, and a gzip file with any name is decompressed.
 *
 * <p>Checks, each failing with a {@link MatchupDataException} that names the file, row, line, column and value:
 * the file exists, is a regular file, is not empty and has at least one data row; the header has every required
 * column, and no column that the reader uses appears twice (duplicates among ignored columns are allowed); every
 * row has as many fields as the header; outcome and archetype values are finite numbers; the matchup id is an
 * integer in 0..35; possessions, when present, are finite and positive; offense, when present, is {@code home} or
 * {@code away} (any case); gzip data is complete and valid. A number
 * is what {@link Double#parseDouble} accepts, except hexadecimal and the Java suffixes {@code d} and {@code f}.
 *
 * <p>Besides what Commons CSV allocates per record and what {@link Double#parseDouble} allocates internally, the
 * reader allocates nothing per row: the archetype arrays handed to the visitor are reused.
 *
 * <p>Stateless; thread safe. Each call reads its own file on the calling thread.
 */
public final class MatchupTableReader {

    /** Size of the byte buffers before and after decompression. */
    private static final int BUFFER_SIZE = 1 << 16;

    /**
     * The CSV dialect of this project's tables, the matchup tables and the shared lookup files alike: RFC 4180,
     * the header in the first non-empty line, blank lines skipped, values trimmed, duplicate and empty column names
     * left for the caller to judge.
     */
    public static final CSVFormat CSV_FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
            .setAllowMissingColumnNames(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();

    /** Header names listed in a missing-column message before the list is cut short. */
    private static final int MAX_LISTED_COLUMNS = 30;

    private MatchupTableReader() {
    }

    /**
     * Reads every row of a table.
     *
     * @param file a CSV or gzipped CSV file
     * @param visitor receives each row in file order
     * @return the number of rows read, at least 1
     * @throws MatchupDataException if the file is missing, empty or malformed, or a value breaks the format
     * @throws IOException if reading fails for another reason
     */
    public static long read(Path file, MatchupRowVisitor visitor) throws IOException {
        return read(file, 0, visitor);
    }

    /**
     * Reads the first rows of a table; the rows after them are neither read nor checked.
     *
     * @param file a CSV or gzipped CSV file
     * @param maxRows the most rows to read; 0 or less reads all
     * @param visitor receives each row in file order
     * @return the number of rows read, at least 1
     * @throws MatchupDataException if the file is missing, empty or malformed, or a value breaks the format
     * @throws IOException if reading fails for another reason
     */
    public static long read(Path file, long maxRows, MatchupRowVisitor visitor) throws IOException {
        return read(file, maxRows, visitor, problem -> {
            throw problem;
        });
    }

    /**
     * Reads the first rows of a table, passing each row whose values break the format to a handler instead of
     * failing at once: the handler may throw (as {@link #read(Path, long, MatchupRowVisitor)} does) or return, and
     * the row is then skipped. Problems of the file as a whole (missing, empty, header, corrupt compression or CSV
     * quoting) still throw.
     *
     * @param file a CSV or gzipped CSV file
     * @param maxRows the most rows to read; 0 or less reads all
     * @param visitor receives each good row in file order
     * @param badRows receives the problem of each bad row: a field missing, a value that is not a finite number,
     *        a bad matchup id or possessions
     * @return the number of rows read, good and bad, at least 1
     * @throws MatchupDataException if the file is missing, empty or malformed, or the handler throws
     * @throws IOException if reading fails for another reason
     */
    public static long read(Path file, long maxRows, MatchupRowVisitor visitor, BadRowHandler badRows)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(visitor, "visitor");
        Objects.requireNonNull(badRows, "badRows");

        // Fail with the path in the message before opening anything.
        if (Files.isDirectory(file)) {
            throw fileProblem(file, "is a directory, not a table file: " + file.toAbsolutePath(), null);
        }
        if (!Files.exists(file)) {
            throw fileProblem(file, "no such file: " + file.toAbsolutePath(), null);
        }

        try (InputStream raw = Files.newInputStream(file);
                InputStream content = openContent(file, raw);
                Reader text = new InputStreamReader(content, StandardCharsets.UTF_8);
                CSVParser parser = parseHeader(file, text)) {
            return readRows(file, parser, maxRows, visitor, badRows);
        } catch (NoSuchFileException e) {
            throw fileProblem(file, "no such file: " + file.toAbsolutePath(), e);
        } catch (AccessDeniedException e) {
            throw fileProblem(file, "cannot be read, permission denied: " + file.toAbsolutePath(), e);
        }
    }

    /** Decides what happens to a row whose values break the format. */
    @FunctionalInterface
    public interface BadRowHandler {
        /**
         * @param problem what is wrong with the row, with its position
         * @throws MatchupDataException to stop reading (the problem itself or another)
         */
        void onBadRow(MatchupDataException problem);
    }

    /** Decompresses gzip data, skips a UTF-8 byte-order mark and refuses an empty file. */
    private static InputStream openContent(Path file, InputStream raw) throws IOException {

        // Look at the first two bytes for the gzip magic number.
        InputStream bytes = new BufferedInputStream(raw, BUFFER_SIZE);
        bytes.mark(2);
        int first = bytes.read();
        int second = bytes.read();
        bytes.reset();
        if (first == 0x1f && second == 0x8b) {
            try {
                bytes = new BufferedInputStream(new GZIPInputStream(bytes, BUFFER_SIZE), BUFFER_SIZE);
            } catch (EOFException e) {
                throw fileProblem(file, "gzip data ends inside the gzip header: the file is truncated", e);
            } catch (ZipException e) {
                throw fileProblem(file, "is not valid gzip data: " + e.getMessage(), e);
            }
        }

        // Skip a byte-order mark (EF BB BF), then require at least one byte; close the decompressor on failure.
        try {
            bytes.mark(3);
            if (!(bytes.read() == 0xef && bytes.read() == 0xbb && bytes.read() == 0xbf)) {
                bytes.reset();
            }
            bytes.mark(1);
            if (bytes.read() < 0) {
                throw fileProblem(file, "is empty: no header line", null);
            }
            bytes.reset();
            return bytes;
        } catch (EOFException e) {
            bytes.close();
            throw fileProblem(file, "compressed data ends unexpectedly in the header: the file is truncated", e);
        } catch (ZipException e) {
            bytes.close();
            throw fileProblem(file, "gzip data is corrupt in the header: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            bytes.close();
            throw e;
        }
    }

    private static CSVParser parseHeader(Path file, Reader text) throws IOException {
        try {
            return CSV_FORMAT.parse(text);
        } catch (IOException e) {
            throw readProblem(file, true, 0, e);
        }
    }

    private static long readRows(Path file, CSVParser parser, long maxRows, MatchupRowVisitor visitor,
            BadRowHandler badRows) throws IOException {

        // Map the columns the model uses to their positions in the header.
        List<String> header = parser.getHeaderNames();
        if (header.isEmpty()) {
            throw fileProblem(file, "is empty: no header line", null);
        }
        long headerLine = Math.max(parser.getCurrentLineNumber(), 1);
        if (header.size() == 1 && header.get(0).isEmpty()) {
            throw new MatchupDataException(file, 0, headerLine, null, null,
                    "the first non-empty line holds no column names; it should be the header", null);
        }
        Map<String, Integer> position = columnPositions(file, header, headerLine);
        int outcomeField = position.get(MatchupTableFormat.OUTCOME);
        int matchupField = position.get(MatchupTableFormat.MATCHUP_ID);
        int possessionsField = position.getOrDefault(MatchupTableFormat.POSSESSIONS, -1);
        int offenseField = position.getOrDefault(MatchupTableFormat.OFFENSE, -1);
        int[] zOffField = new int[MatchupTableFormat.ARCHETYPE_COUNT];
        int[] zDefField = new int[MatchupTableFormat.ARCHETYPE_COUNT];
        for (int a = 0; a < MatchupTableFormat.ARCHETYPE_COUNT; a++) {
            zOffField[a] = position.get(MatchupTableFormat.zOffColumn(a));
            zDefField[a] = position.get(MatchupTableFormat.zDefColumn(a));
        }

        // One pass over the records, reusing the archetype arrays.
        double[] zOff = new double[MatchupTableFormat.ARCHETYPE_COUNT];
        double[] zDef = new double[MatchupTableFormat.ARCHETYPE_COUNT];
        RowParser values = new RowParser(file, header);
        Iterator<CSVRecord> records = parser.iterator();
        long row = 0;
        long previousLine = headerLine;
        while (maxRows <= 0 || row < maxRows) {
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    break;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                throw readProblem(file, false, row, e.getCause());
            }
            row++;

            // The line where the record ends; a last line without a line break is not counted by the parser.
            long line = Math.max(parser.getCurrentLineNumber(), previousLine + 1);
            previousLine = line;
            values.moveTo(record, row, line);

            // Parse and check the values; a bad row goes to the handler.
            double outcome;
            int matchup;
            double weight;
            double home;
            try {
                if (record.size() != header.size()) {
                    throw values.fieldCountProblem(record.size());
                }
                outcome = values.finite(outcomeField);
                matchup = values.matchupIndex(matchupField);
                weight = possessionsField < 0 ? 1.0 : values.possessions(possessionsField);
                home = offenseField < 0 ? 0.0 : values.venue(offenseField);
                for (int a = 0; a < MatchupTableFormat.ARCHETYPE_COUNT; a++) {
                    zOff[a] = values.finite(zOffField[a]);
                    zDef[a] = values.finite(zDefField[a]);
                }
            } catch (MatchupDataException problem) {
                badRows.onBadRow(problem);
                continue;
            }
            visitor.visit(row, outcome, matchup, weight, home, zOff, zDef);
        }

        if (row == 0) {
            throw fileProblem(file, "has a header but no data rows", null);
        }
        return row;
    }

    /** Positions of the used columns; fails on a missing required column or a duplicated used column. */
    private static Map<String, Integer> columnPositions(Path file, List<String> header, long headerLine) {
        List<String> used = new ArrayList<>(MatchupTableFormat.requiredColumns());
        used.add(MatchupTableFormat.POSSESSIONS);
        used.add(MatchupTableFormat.OFFENSE);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (!used.contains(name)) {
                continue;
            }
            Integer earlier = position.put(name, i);
            if (earlier != null) {
                throw new MatchupDataException(file, 0, headerLine, name, name,
                        "the header names this column twice, as fields " + (earlier + 1) + " and " + (i + 1), null);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : MatchupTableFormat.requiredColumns()) {
            if (!position.containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            String others = missing.size() == 1 ? "" : " (also missing: " + String.join(", ",
                    missing.subList(1, missing.size())) + ")";
            throw new MatchupDataException(file, 0, headerLine, missing.get(0), null,
                    "required column is not in the header" + others + "; the header is " + listed(header), null);
        }
        return position;
    }

    private static String listed(List<String> header) {
        List<String> shown = header.size() > MAX_LISTED_COLUMNS ? header.subList(0, MAX_LISTED_COLUMNS) : header;
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < shown.size(); i++) {
            list.append(i == 0 ? "" : ", ").append(MatchupDataException.quote(shown.get(i)));
        }
        return list.append(header.size() > shown.size() ? ", ...]" : "]").toString();
    }

    /**
     * Turns an exception of the decompressor or the CSV lexer into a message about the data; rethrows any other
     * I/O failure as it is.
     */
    private static MatchupDataException readProblem(Path file, boolean inHeader, long rowsRead, Throwable cause)
            throws IOException {
        String where = inHeader ? "in the header" : "after row " + rowsRead;
        if (cause instanceof EOFException) {
            return fileProblem(file, "compressed data ends unexpectedly " + where + ": the file is truncated", cause);
        }
        if (cause instanceof ZipException) {
            return fileProblem(file, "gzip data is corrupt " + where + ": " + cause.getMessage(), cause);
        }
        if (cause instanceof CSVException) {
            return new MatchupDataException(file, inHeader ? 0 : rowsRead + 1, 0, null, null,
                    (inHeader ? "malformed CSV header: " : "malformed CSV: ") + cause.getMessage(), cause);
        }
        if (cause instanceof IOException) {
            throw (IOException) cause;
        }
        throw new IllegalStateException("unexpected exception from the CSV parser", cause);
    }

    private static MatchupDataException fileProblem(Path file, String problem, Throwable cause) {
        return new MatchupDataException(file, 0, 0, null, null, problem, cause);
    }

    /** Parses the values of the current record and words failures with its position; one per read. */
    private static final class RowParser {
        private final Path file;
        private final List<String> header;
        private CSVRecord record;
        private long row;
        private long line;

        RowParser(Path file, List<String> header) {
            this.file = file;
            this.header = header;
        }

        void moveTo(CSVRecord next, long nextRow, long nextLine) {
            record = next;
            row = nextRow;
            line = nextLine;
        }

        MatchupDataException fieldCountProblem(int fields) {
            if (fields < header.size()) {
                return new MatchupDataException(file, row, line, header.get(fields), null,
                        "value missing: the row has " + fields + " fields, the header has " + header.size(), null);
            }
            return new MatchupDataException(file, row, line, null, null,
                    "the row has " + fields + " fields, the header has " + header.size(), null);
        }

        double finite(int field) {
            String text = record.get(field);
            double value = number(text, field);
            if (!Double.isFinite(value)) {
                throw problem(field, text, "is not a finite number");
            }
            return value;
        }

        int matchupIndex(int field) {
            String text = record.get(field);
            double value = number(text, field);
            if (!(value == Math.rint(value))) {
                throw problem(field, text, "is not an integer matchup id");
            }
            if (!(value >= 0 && value < MatchupTableFormat.MATCHUP_COUNT)) {
                throw problem(field, text, "is outside 0.." + (MatchupTableFormat.MATCHUP_COUNT - 1));
            }
            return (int) value;
        }

        double possessions(int field) {
            String text = record.get(field);
            double value = number(text, field);
            if (!Double.isFinite(value)) {
                throw problem(field, text, "is not a finite number of possessions");
            }
            if (!(value > 0)) {
                throw problem(field, text, "is not a positive number of possessions");
            }
            return value;
        }

        double venue(int field) {
            String text = record.get(field);
            if (text.equalsIgnoreCase("home")) {
                return MatchupTableFormat.HOME_CODE;
            }
            if (text.equalsIgnoreCase("away")) {
                return MatchupTableFormat.AWAY_CODE;
            }
            throw problem(field, text, text.isEmpty() ? "is empty, home or away is required" : "is not home or away");
        }

        /** Parses a decimal number; NaN and infinities pass, the caller decides about them. */
        private double number(String text, int field) {
            if (text.isEmpty()) {
                throw problem(field, text, "is empty, a number is required");
            }
            String lower = text.toLowerCase(Locale.ROOT);
            switch (lower) {
                case "nan": case "+nan": case "-nan":
                    return Double.NaN;
                case "inf": case "+inf": case "infinity": case "+infinity":
                    return Double.POSITIVE_INFINITY;
                case "-inf": case "-infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
            char last = lower.charAt(lower.length() - 1);
            if (last == 'd' || last == 'f' || lower.indexOf('x') >= 0) {
                throw problem(field, text, "is not a number");
            }
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw problem(field, text, "is not a number");
            }
        }

        private MatchupDataException problem(int field, String text, String what) {
            return new MatchupDataException(file, row, line, header.get(field), text,
                    MatchupDataException.quote(text) + " " + what, null);
        }
    }
}
