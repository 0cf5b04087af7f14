package org.matchup.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

import org.matchup.core.data.MatchupDataException;
import org.matchup.core.model.StanException;
import org.matchup.launcher.runpod.RunPodException;

/**
 * Turns a command's failure into one line on standard error and an exit code: bad input (a data error, an
 * invalid option value) is {@link Matchup#EXIT_BAD_INPUT}, anything else {@link Matchup#EXIT_FAILURE}. The stack
 * trace is printed only with {@code --debug}. Stateless.
 */
final class ExitCodes {

    private ExitCodes() {
    }

    /** A failure of the user's input, worded for the user. */
    static final class BadInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadInputException(String message) {
            super(message);
        }
    }

    static int exitCodeOf(Throwable e) {
        if (e instanceof RunPodException.NoCapacity) {
            return Matchup.EXIT_NO_CAPACITY;
        }
        if (e instanceof RunPodException.Unauthorized) {
            return Matchup.EXIT_BAD_INPUT;
        }
        if (e instanceof MatchupDataException || e instanceof BadInputException
                || e instanceof IllegalArgumentException) {
            return Matchup.EXIT_BAD_INPUT;
        }
        return Matchup.EXIT_FAILURE;
    }

    static int report(Exception e, PrintWriter err, boolean debug) {
        err.println("matchup: " + describe(e));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCodeOf(e);
    }

    /** Words for the file-system failures that carry no reason of their own. */
    private static String reasonOf(FileSystemException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof java.nio.file.DirectoryNotEmptyException) {
            return "directory not empty";
        }
        return e.getClass().getSimpleName();
    }

    private static String describe(Throwable e) {
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            return describe(e.getCause());
        }
        if (e instanceof AccessDeniedException denied) {
            return denied.getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException fs) {
            String file = fs.getFile() == null ? "" : fs.getFile().replaceFirst("\\.part$", "") + ": ";
            return file + (fs.getReason() != null ? fs.getReason() : reasonOf(fs));
        }
        if (e instanceof StanException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        String message = e.getMessage();
        return message == null ? e.toString() : message;
    }
}
