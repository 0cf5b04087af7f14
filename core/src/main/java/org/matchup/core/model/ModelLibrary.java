package org.matchup.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.bytedeco.javacpp.Loader;

/**
 * A compiled Stan model: a shared library made by {@code stan/toolchain/stan-toolchain.sh}.
 *
 * <p>The models of module {@code stan} are packaged as class-path resources
 * {@code org/matchup/models/PLATFORM/libNAME.so}; {@link #named} extracts one into a cache folder keyed by
 * its content, so a process never loads a stale copy. Immutable and thread safe.
 */
public final class ModelLibrary {

    private final String name;
    private final Path path;

    private ModelLibrary(String name, Path path) {
        this.name = name;
        this.path = path;
    }

    /**
     * A model library already on disk.
     *
     * @param path the {@code .so} file
     * @return the library
     * @throws IllegalArgumentException if the file does not exist
     */
    public static ModelLibrary ofFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("model library not found: " + path);
        }
        String file = path.getFileName().toString();
        String name = file.replaceFirst("^lib", "").replaceFirst("\\.so$", "");
        return new ModelLibrary(name, path.toAbsolutePath());
    }

    /**
     * A model packaged with this project, such as {@code matchup-specific}.
     *
     * @param name the model's name: its {@code .stan} file name without the extension
     * @return the library, extracted to the cache folder if needed
     * @throws IllegalArgumentException if no such model was packaged for this platform
     */
    public static ModelLibrary named(String name) {
        String resource = "/org/matchup/models/" + Loader.getPlatform() + "/lib" + name + ".so";
        try (InputStream in = ModelLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no compiled model named '" + name + "' for platform "
                        + Loader.getPlatform() + " (looked for resource " + resource + ")");
            }
            byte[] bytes = in.readAllBytes();
            Path target = cacheFolder().resolve(sha256(bytes)).resolve("lib" + name + ".so");
            if (!Files.isRegularFile(target) || Files.size(target) != bytes.length) {
                Files.createDirectories(target.getParent());
                Path partial = Files.createTempFile(target.getParent(), "lib" + name, ".part");
                Files.write(partial, bytes);
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return new ModelLibrary(name, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract model library " + resource + ": " + e.getMessage(), e);
        }
    }

    /** @return the model's name */
    public String name() {
        return name;
    }

    /** @return the library file */
    public Path path() {
        return path;
    }

    private static Path cacheFolder() {
        String configured = System.getProperty("matchup.cache", System.getenv("MATCHUP_CACHE"));
        Path base = configured != null ? Paths.get(configured)
                : Paths.get(System.getProperty("user.home"), ".cache", "matchup-stan");
        return base.resolve("runtime-models");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + path + ")";
    }
}
