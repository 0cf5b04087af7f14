package org.matchup.core.whatif;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.matchup.core.data.MatchupDataException;
import org.matchup.core.data.MatchupTableReader;

/**
 * A small lookup table of the shared data ({@code players.csv}, {@code superclusters.csv}) read whole, with typed
 * accessors whose failures name the file, row, line, column and value in a {@link MatchupDataException}.
 *
 * <p>Input: comma-separated, RFC 4180 quoting, UTF-8 with or without a byte-order mark, the header in the first
 * non-empty line, blank lines skipped, values trimmed. Columns other than the required ones are ignored.
 *
 * <p>Immutable after reading; thread safe.
 */
final class LookupCsv {

    /** A plain decimal number: no hexadecimal, no Java suffixes, no words such as NaN. */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");

    private final List<Row> rows;

    private LookupCsv(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * Reads a whole table.
     *
     * @param file the CSV file
     * @param required columns the header must have, each once
     * @return the table, with at least one data row
     * @throws MatchupDataException if the file is missing, unreadable, malformed, lacks a column or has no rows
     * @throws UncheckedIOException if reading fails for another reason
     */
    static LookupCsv read(Path file, List<String> required) {
        if (Files.isDirectory(file)) {
            throw fileProblem(file, "is a directory, not a CSV file: " + file.toAbsolutePath());
        }
        try (Reader text = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = MatchupTableReader.CSV_FORMAT.parse(skipByteOrderMark(text))) {
            Map<String, Integer> position = positions(file, parser.getHeaderNames(), required);
            int fields = parser.getHeaderNames().size();
            List<Row> rows = new ArrayList<>();
            long previousLine = 1;
            for (CSVRecord record : parser) {

                // The line where the record ends; a last line without a line break is not counted by the parser.
                long line = Math.max(parser.getCurrentLineNumber(), previousLine + 1);
                previousLine = line;
                Row row = new Row(file, rows.size() + 1L, line, record, position);
                if (record.size() != fields) {
                    throw row.problem(null, null, "the row has " + record.size() + " fields, the header has "
                            + fields);
                }
                rows.add(row);
            }
            if (rows.isEmpty()) {
                throw fileProblem(file, "has a header but no data rows");
            }
            return new LookupCsv(rows);
        } catch (NoSuchFileException e) {
            throw fileProblem(file, "no such file: " + file.toAbsolutePath());
        } catch (CharacterCodingException e) {
            throw fileProblem(file, "is not UTF-8 text: " + e.getMessage());
        } catch (AccessDeniedException e) {
            throw fileProblem(file, "cannot be read, permission denied: " + file.toAbsolutePath());
        } catch (CSVException e) {
            throw fileProblem(file, "malformed CSV: " + e.getMessage());
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException) {
                throw fileProblem(file, "malformed CSV: " + e.getCause().getMessage());
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the data rows in file order */
    List<Row> rows() {
        return rows;
    }

    private static Reader skipByteOrderMark(Reader text) throws IOException {
        text.mark(1);
        if (text.read() != '\uFEFF') {
            text.reset();
        }
        return text;
    }

    private static Map<String, Integer> positions(Path file, List<String> header, List<String> required) {
        if (header.isEmpty()) {
            throw fileProblem(file, "is empty: no header line");
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            Integer earlier = required.contains(name) ? position.put(name, i) : null;
            if (earlier != null) {
                throw new MatchupDataException(file, 0, 1, name, name, "the header names this column twice, as"
                        + " fields " + (earlier + 1) + " and " + (i + 1), null);
            }
        }
        for (String name : required) {
            if (!position.containsKey(name)) {
                throw new MatchupDataException(file, 0, 1, name, null, "required column is not in the header;"
                        + " the header is " + String.join(",", header), null);
            }
        }
        return position;
    }

    private static MatchupDataException fileProblem(Path file, String problem) {
        return new MatchupDataException(file, 0, 0, null, null, problem, null);
    }

    /** One data row; its accessors parse and check a value. */
    static final class Row {
        private final Path file;
        private final long row;
        private final long line;
        private final CSVRecord record;
        private final Map<String, Integer> position;

        private Row(Path file, long row, long line, CSVRecord record, Map<String, Integer> position) {
            this.file = file;
            this.row = row;
            this.line = line;
            this.record = record;
            this.position = position;
        }

        /** @return the 1-based data row */
        long number() {
            return row;
        }

        /**
         * @param column a required column
         * @return its value, which must not be empty
         */
        String text(String column) {
            String value = raw(column);
            if (value.isEmpty()) {
                throw problem(column, value, "is empty, a value is required");
            }
            return value;
        }

        /**
         * @param column a required column
         * @return its value, possibly empty
         */
        String textOrEmpty(String column) {
            return raw(column);
        }

        /**
         * @param column a required column
         * @param min smallest allowed value
         * @param max largest allowed value
         * @return its integer value
         */
        long integer(String column, long min, long max) {
            String value = text(column);
            if (!INTEGER.matcher(value).matches()) {
                throw problem(column, value, "is not an integer");
            }
            long parsed;
            try {
                parsed = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw problem(column, value, "is outside " + min + ".." + max);
            }
            if (parsed < min || parsed > max) {
                throw problem(column, value, "is outside " + min + ".." + max);
            }
            return parsed;
        }

        /**
         * @param column a required column
         * @return its value, a finite decimal number
         */
        double finite(String column) {
            String value = text(column);
            return parsedFinite(column, value);
        }

        /**
         * @param column a required column
         * @return its value, a finite decimal number, or NaN when the field is empty
         */
        double finiteOrEmpty(String column) {
            String value = raw(column);
            return value.isEmpty() ? Double.NaN : parsedFinite(column, value);
        }

        /**
         * @param column the column, or null for the row as a whole
         * @param value the offending value, or null
         * @param problem what is wrong
         * @return the exception naming the row's position
         */
        MatchupDataException problem(String column, String value, String problem) {
            String quoted = value == null ? problem : MatchupDataException.quote(value) + " " + problem;
            return new MatchupDataException(file, row, line, column, value, quoted, null);
        }

        private String raw(String column) {
            return record.get(position.get(column));
        }

        private double parsedFinite(String column, String value) {
            if (!DECIMAL.matcher(value).matches()) {
                throw problem(column, value, "is not a decimal number");
            }
            double parsed = Double.parseDouble(value);
            if (!Double.isFinite(parsed)) {
                throw problem(column, value, "is not a finite number");
            }
            return parsed;
        }
    }
}
