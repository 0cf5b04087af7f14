package org.matchup.core.data;

import java.nio.file.Path;

/**
 * Bad matchup-table input: a file that cannot be read as a table, or a header or value that breaks
 * {@link MatchupTableFormat}.
 *
 * <p>The message is one line that names the file, the row (1-based, counting data rows after the header) and the
 * physical line where the row ends, the column and the offending value, as in
 * {@code matchups.csv: row 17 (line 18), column matchup_id: '36' is outside 0..35}, or for a problem of a whole
 * column {@code matchups.csv: column outcome is constant (every row is 0.0): a placeholder, not data}. The same
 * parts are available from the accessors. Unchecked, like {@link IllegalArgumentException}, which it extends.
 *
 * <p>Immutable; thread safe.
 */
public class MatchupDataException extends IllegalArgumentException {

    /** Longest value, in characters, quoted in a message before it is shortened. */
    private static final int MAX_QUOTED_LENGTH = 40;

    /** The file as given; a String because {@link Path} is not serializable. */
    private final String file;
    private final long row;
    private final long line;
    private final String column;
    private final String value;

    /**
     * Creates the exception and its one-line message.
     *
     * @param file the file that was read
     * @param row the 1-based data row, or 0 when the problem is not in one row
     * @param line the 1-based physical line, or 0 when unknown
     * @param column the column name, or null when the problem is not in one column
     * @param value the offending value as read, or null
     * @param problem what is wrong, for example {@code "'36' is outside 0..35"}; when neither row nor line is
     *        given but a column is, a predicate of the column, such as {@code "is constant"}
     * @param cause the underlying exception, or null
     */
    public MatchupDataException(Path file, long row, long line, String column, String value, String problem,
            Throwable cause) {
        super(message(file, row, line, column, problem), cause);
        this.file = String.valueOf(file);
        this.row = row;
        this.line = line;
        this.column = column;
        this.value = value;
    }

    /** @return the file that was read, as given by the caller */
    public Path file() {
        return Path.of(file);
    }

    /** @return the 1-based data row, or 0 when the problem is not in one row */
    public long row() {
        return row;
    }

    /** @return the 1-based physical line where the row ends, or 0 when unknown */
    public long line() {
        return line;
    }

    /** @return the column name, or null when the problem is not in one column */
    public String column() {
        return column;
    }

    /** @return the offending value as read, or null */
    public String value() {
        return value;
    }

    /**
     * Quotes a value for a message, shortening long values and making control characters visible so that the
     * message stays on one line.
     *
     * @param value a value as read; may be null
     * @return the value in single quotes
     */
    public static String quote(String value) {
        if (value == null) {
            return "(missing)";
        }
        String shown = value.length() > MAX_QUOTED_LENGTH ? value.substring(0, MAX_QUOTED_LENGTH) + "..." : value;
        StringBuilder quoted = new StringBuilder(shown.length() + 2).append('\'');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('\'').toString();
    }

    private static String message(Path file, long row, long line, String column, String problem) {
        Path name = file == null ? null : file.getFileName();
        StringBuilder message = new StringBuilder(String.valueOf(name == null ? file : name));
        if (row > 0) {
            message.append(": row ").append(row);
            if (line > 0) {
                message.append(" (line ").append(line).append(')');
            }
        } else if (line > 0) {
            message.append(": line ").append(line);
        }
        if (column == null) {
            return message.append(": ").append(problem).toString();
        }
        if (row > 0 || line > 0) {
            return message.append(", column ").append(column).append(": ").append(problem).toString();
        }

        // A problem of a whole column reads as a sentence: "column outcome is constant ...".
        return message.append(": column ").append(column).append(' ').append(problem).toString();
    }
}
