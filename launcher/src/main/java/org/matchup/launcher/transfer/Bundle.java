package org.matchup.launcher.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * What goes to the pod: the command line's runnable distribution (its class path's jars, which carry the compiled
 * Stan models and bridge for linux-x86_64, under {@code lib/}), the data under {@code data/}, the run script, and
 * {@value #MANIFEST}: the SHA-256 of every other file in {@code sha256sum} format, checked on the pod with
 * {@code sha256sum -c}. A class path directory (a module's {@code target/classes} in a build) is packed into a
 * jar. Immutable once built.
 */
public final class Bundle {

    /** The manifest's name in the bundle. */
    public static final String MANIFEST = "MANIFEST.sha256";

    /**
     * One file of the bundle.
     *
     * @param path its path in the bundle, with {@code /}
     * @param source the local file, or null when the content is held in memory
     * @param content the content when there is no local file, else null
     * @param size its size in bytes
     * @param sha256 its digest
     */
    public record Entry(String path, Path source, byte[] content, long size, String sha256) {
    }

    private final List<Entry> entries;

    private Bundle(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @return a builder of an empty bundle */
    public static Builder builder() {
        return new Builder();
    }

    /** @return every file, the manifest last */
    public List<Entry> entries() {
        return entries;
    }

    /** @return the total size in bytes */
    public long totalBytes() {
        return entries.stream().mapToLong(Entry::size).sum();
    }

    /** Collects the files of a bundle. Not thread safe. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();
        private final Set<String> paths = new HashSet<>();

        private Builder() {
        }

        /**
         * @param path the path in the bundle
         * @param file a local file
         * @return this
         * @throws IOException if it cannot be read
         */
        public Builder file(String path, Path file) throws IOException {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new java.nio.file.NoSuchFileException(file.toString(), null, "not a readable file");
            }
            return add(new Entry(path, file, null, Files.size(file), Sha256.of(file)));
        }

        /**
         * @param path the path in the bundle
         * @param content its content
         * @return this
         */
        public Builder bytes(String path, byte[] content) {
            return add(new Entry(path, null, content.clone(), content.length, Sha256.of(content)));
        }

        /**
         * Adds a class path under {@code lib/}: each jar as it is, each directory packed into a jar.
         *
         * @param classpath the entries, such as {@code java.class.path} split
         * @return this
         * @throws IOException if an entry cannot be read
         */
        public Builder classpath(List<Path> classpath) throws IOException {
            for (Path entry : classpath) {
                if (Files.isDirectory(entry)) {
                    String module = entry.toAbsolutePath().getParent() == null ? "classes"
                            : entry.toAbsolutePath().getParent().getParent().getFileName() + "-" + entry.getFileName();
                    bytes(unique("lib/" + module, ".jar"), jar(entry));
                } else if (Files.isRegularFile(entry) && entry.getFileName().toString().endsWith(".jar")) {
                    String name = entry.getFileName().toString();
                    file(unique("lib/" + name.substring(0, name.length() - 4), ".jar"), entry);
                }
            }
            return this;
        }

        private String unique(String stem, String suffix) {
            String path = stem + suffix;
            for (int k = 2; paths.contains(path); k++) {
                path = stem + "-" + k + suffix;
            }
            return path;
        }

        private Builder add(Entry entry) {
            if (!paths.add(entry.path())) {
                throw new IllegalArgumentException("two files for " + entry.path() + " in the bundle");
            }
            entries.add(entry);
            return this;
        }

        /** @return the bundle with its manifest */
        public Bundle build() {
            StringBuilder manifest = new StringBuilder();
            entries.stream().sorted(Comparator.comparing(Entry::path))
                    .forEach(e -> manifest.append(e.sha256()).append("  ").append(e.path()).append('\n'));
            List<Entry> all = new ArrayList<>(entries);
            byte[] text = manifest.toString().getBytes(StandardCharsets.UTF_8);
            all.add(new Entry(MANIFEST, null, text, text.length, Sha256.of(text)));
            return new Bundle(all);
        }

        private static byte[] jar(Path directory) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream jar = new JarOutputStream(bytes); Stream<Path> files = Files.walk(directory)) {
                for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                    if (!Files.isRegularFile(file)) {
                        continue;
                    }
                    String name = directory.relativize(file).toString().replace('\\', '/');
                    jar.putNextEntry(new JarEntry(name));
                    try {
                        Files.copy(file, jar);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    jar.closeEntry();
                }
            }
            return bytes.toByteArray();
        }
    }
}
