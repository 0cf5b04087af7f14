package org.matchup.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a user names on the command line (Stan CSV files, or directories holding them) into the list of
 * chain files to read, in a stable order.
 *
 * <p>A directory contributes every {@code *.csv} file in it whose first line that is not a comment starts with
 * {@code lp__}: the sampler's output, not a summary such as {@code coefficients.csv} beside it; a file named
 * directly must be one too. Files are
 * ordered by name with numbers compared as numbers, so {@code chain-10.csv} follows {@code chain-9.csv}.
 *
 * <p>Stateless; thread safe.
 */
public final class StanCsvFiles {

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private StanCsvFiles() {
    }

    /**
     * @param paths files and directories, as given
     * @return the Stan CSV files, at least one
     * @throws StanCsvFormatException if a path does not exist, a directory holds no Stan CSV file, or nothing is
     *         named
     */
    public static List<Path> resolve(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> found = chainFilesIn(path);
                if (found.isEmpty()) {
                    throw new StanCsvFormatException(path, 0, "directory holds no Stan CSV file (a *.csv file whose"
                            + " header starts with lp__)");
                }
                files.addAll(found);
            } else if (Files.isRegularFile(path)) {
                if (!isStanCsv(path)) {
                    throw new StanCsvFormatException(path, 0, "not a Stan CSV file: its first line that is not a"
                            + " comment does not start with lp__");
                }
                files.add(path);
            } else {
                throw new StanCsvFormatException(path, 0, "no such file or directory");
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no Stan CSV file or directory given");
        }
        return files;
    }

    private static List<Path> chainFilesIn(Path directory) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.csv")) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry) && isStanCsv(entry)) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(StanCsvFiles::naturalKey));
        return files;
    }

    private static boolean isStanCsv(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    return trimmed.startsWith("lp__");
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** The file name with every run of digits padded to 20 characters, so that numbers sort as numbers. */
    private static String naturalKey(Path file) {
        Matcher digits = NUMBER.matcher(file.getFileName().toString());
        StringBuilder key = new StringBuilder();
        while (digits.find()) {
            digits.appendReplacement(key, "0".repeat(Math.max(0, 20 - digits.group().length())) + digits.group());
        }
        digits.appendTail(key);
        return key.toString();
    }
}
