package org.matchup.core.io;

import java.nio.file.Path;

/**
 * A Stan CSV file that cannot be read as sampler output. The message starts with {@code file:line:} and says what
 * is wrong there, with the offending value.
 *
 * <p>Immutable and thread safe.
 */
public final class StanCsvFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The file, as a string so that the exception stays serialisable. */
    private final String file;
    /** One-based line number, or 0 for the file as a whole. */
    private final int lineNumber;

    /**
     * @param file the file being read
     * @param lineNumber one-based line number, or 0 when the problem concerns the file as a whole
     * @param problem what is wrong, with the offending value
     */
    public StanCsvFormatException(Path file, int lineNumber, String problem) {
        super(file + (lineNumber > 0 ? ":" + lineNumber : "") + ": " + problem);
        this.file = String.valueOf(file);
        this.lineNumber = lineNumber;
    }

    /** @return the file, as given to the reader */
    public String file() {
        return file;
    }

    /** @return the one-based line number, or 0 when the problem concerns the file as a whole */
    public int lineNumber() {
        return lineNumber;
    }
}
