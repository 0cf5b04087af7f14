package org.matchup.launcher.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** SHA-256 digests in {@code sha256sum}'s lower-case hexadecimal, and its manifest format. Stateless. */
public final class Sha256 {

    private Sha256() {
    }

    /**
     * @param file a file
     * @return its digest
     * @throws IOException if it cannot be read
     */
    public static String of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * @param bytes some bytes
     * @return their digest
     */
    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /**
     * Reads {@code sha256sum}'s output: one {@code DIGEST  NAME} (or {@code DIGEST *NAME}) per line.
     *
     * @param text the manifest
     * @return name to digest, in the manifest's order
     * @throws IOException if a line is not of that form
     */
    public static Map<String, String> parseManifest(String text) throws IOException {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                continue;
            }
            if (line.length() < 67 || !line.substring(0, 64).matches("[0-9a-f]{64}") || line.charAt(64) != ' '
                    || (line.charAt(65) != ' ' && line.charAt(65) != '*')) {
                throw new IOException("not a sha256sum line: " + line);
            }
            digests.put(line.substring(66), line.substring(0, 64));
        }
        return digests;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
