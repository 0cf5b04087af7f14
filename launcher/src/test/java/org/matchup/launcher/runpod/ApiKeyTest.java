package org.matchup.launcher.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API key: where it is read from, which files are refused, and that it is never shown. */
class ApiKeyTest {

    private static final String KEY = "rpa_ABCDEF0123456789";

    @Test
    void fromTheEnvironmentAndNeverShown() {
        ApiKey key = ApiKey.load(Map.of(ApiKey.ENVIRONMENT_VARIABLE, " " + KEY + "\n"), null);

        assertEquals("ApiKey(from environment variable RUNPOD_API_KEY)", key.toString());
        assertEquals("Bearer " + KEY, key.authorization());
        assertEquals("header: Bearer [redacted], again [redacted]", key.redact("header: Bearer " + KEY + ", again "
                + KEY));
    }

    @Test
    void missingKeySaysHowToGiveOne() {
        ApiKeyException e = assertThrows(ApiKeyException.class, () -> ApiKey.load(Map.of(), null));
        assertEquals("no RunPod API key: set RUNPOD_API_KEY or give --api-key-file FILE (readable only by you:"
                + " chmod 600 FILE)", e.getMessage());
    }

    @Test
    void fileReadableOnlyByItsOwnerIsAccepted(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("key"), KEY + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        ApiKey key = ApiKey.load(Map.of(ApiKey.ENVIRONMENT_VARIABLE, "ignored-when-a-file-is-given"), file);

        assertEquals("Bearer " + KEY, key.authorization());
        assertEquals("ApiKey(from file " + file + ")", key.toString());
    }

    @Test
    void fileReadableByOthersIsRefusedWithoutShowingTheKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("key"), KEY);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        ApiKeyException e = assertThrows(ApiKeyException.class, () -> ApiKey.load(Map.of(), file));

        assertEquals("--api-key-file " + file + " can be read or written by others (rw-r--r--); run chmod 600 "
                + file, e.getMessage());
        assertFalse(e.getMessage().contains(KEY));
    }

    @Test
    void emptyOrMissingFileIsRefused(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("r--------"));
        assertEquals("the RunPod API key from file " + empty + " is empty",
                assertThrows(ApiKeyException.class, () -> ApiKey.load(Map.of(), empty)).getMessage());
        Path missing = dir.resolve("missing");
        assertEquals("--api-key-file " + missing + ": no such file",
                assertThrows(ApiKeyException.class, () -> ApiKey.load(Map.of(), missing)).getMessage());
    }
}
