package org.matchup.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before any work, that an output path given on the command line can be written, so that a long
 * computation does not end in a failed write. Stateless.
 */
final class OutputPaths {

    private OutputPaths() {
    }

    /**
     * A directory to be created if missing: it must be a directory, or its nearest existing ancestor must be a
     * writable directory.
     *
     * @param directory the path
     * @param option the option that named it, for the message
     * @throws ExitCodes.BadInputException if it cannot be written
     */
    static void checkDirectory(Path directory, String option) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new ExitCodes.BadInputException(option + " " + directory + " is a file, not a directory");
        }
        Path existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new ExitCodes.BadInputException(option + " " + directory + " cannot be created: "
                    + (existing == null ? "no existing parent" : existing + " is not a writable directory"));
        }
    }

    /**
     * A file to be written: its directory must exist and be writable, and it must not be a directory.
     *
     * @param file the path
     * @param option the option that named it, for the message
     * @throws ExitCodes.BadInputException if it cannot be written
     */
    static void checkFile(Path file, String option) {
        Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw new ExitCodes.BadInputException(option + " " + file + " is a directory, not a file");
        }
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new ExitCodes.BadInputException(option + " " + file + " cannot be written: " + parent
                    + " is not a writable directory");
        }
    }
}
