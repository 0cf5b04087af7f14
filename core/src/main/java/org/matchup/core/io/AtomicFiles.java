package org.matchup.core.io;

import java.io.BufferedOutputStream;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file through a sibling {@code NAME.part} that is then renamed over it, so that a reader (or a run that
 * is killed) sees either the old file or the whole new one, never half of it. The part file has the default
 * permissions of a new file.
 *
 * <p>Stateless; thread safe as long as no two threads write the same file.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the part file's stream, buffered; closed by the caller
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the content of a text file to a writer. */
    @FunctionalInterface
    public interface Text {
        /**
         * @param out the part file's UTF-8 writer; closed by the caller
         * @throws IOException if writing fails
         */
        void writeTo(Writer out) throws IOException;
    }

    /**
     * @param file the file to replace
     * @param content writes its bytes
     * @throws IOException if writing or renaming fails; the part file is removed
     */
    public static void write(Path file, Content content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new NoSuchFileException(file.toString(), null, "cannot write: no directory " + parent);
        }
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
                content.writeTo(out);
            }
            try {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // A sibling lives on the same file system, so this is rare; a plain rename is what is left.
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * @param file the file to replace
     * @param text writes its characters, encoded as UTF-8
     * @throws IOException if writing or renaming fails; the part file is removed
     */
    public static void writeText(Path file, Text text) throws IOException {
        write(file, out -> {
            // Closing the writer (a CSV printer does) only flushes it: the stream is closed by write.
            Writer writer = new FilterWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            text.writeTo(writer);
            writer.flush();
        });
    }

    /**
     * @param file the file to replace
     * @param text its whole content
     * @throws IOException if writing or renaming fails; the part file is removed
     */
    public static void writeString(Path file, String text) throws IOException {
        writeText(file, out -> out.write(text));
    }
}
