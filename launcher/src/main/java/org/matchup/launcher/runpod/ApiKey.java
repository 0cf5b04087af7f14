package org.matchup.launcher.runpod;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The RunPod API key: read from the environment variable {@value #ENVIRONMENT_VARIABLE} or from a file that only
 * its owner can read, sent only in the {@code Authorization} header of {@link RunPodClient}'s requests and never
 * shown: {@link #toString()} names where it came from, and {@link #redact(String)} takes it out of any text before
 * that text is printed or written. Immutable and thread safe.
 */
public final class ApiKey {

    /** The environment variable that holds the key. */
    public static final String ENVIRONMENT_VARIABLE = "RUNPOD_API_KEY";

    /** What replaces the key in redacted text. */
    public static final String REDACTED = "[redacted]";

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final String value;
    private final String source;

    private ApiKey(String value, String source) {
        this.value = value;
        this.source = source;
    }

    /**
     * The key from a file when one is given, otherwise from the environment.
     *
     * @param environment the process environment, such as {@code System.getenv()}
     * @param file a file holding the key on its first line, or null
     * @return the key
     * @throws ApiKeyException if there is none, or the file is readable by others or holds no key
     */
    public static ApiKey load(Map<String, String> environment, Path file) {
        if (file != null) {
            return fromFile(file);
        }
        String value = environment.get(ENVIRONMENT_VARIABLE);
        if (value == null || value.isBlank()) {
            throw new ApiKeyException("no RunPod API key: set " + ENVIRONMENT_VARIABLE
                    + " or give --api-key-file FILE (readable only by you: chmod 600 FILE)");
        }
        return checked(value.strip(), "environment variable " + ENVIRONMENT_VARIABLE);
    }

    /**
     * @param environment the process environment
     * @return whether {@link #load} would find a key in it
     */
    public static boolean isSet(Map<String, String> environment) {
        String value = environment.get(ENVIRONMENT_VARIABLE);
        return value != null && !value.isBlank();
    }

    private static ApiKey fromFile(Path file) {
        String name = "--api-key-file " + file;
        if (!Files.isRegularFile(file)) {
            throw new ApiKeyException(name + ": no such file");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new ApiKeyException(name + " can be read or written by others ("
                        + PosixFilePermissions.toString(permissions) + "); run chmod 600 " + file);
            }
            String owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
            String user = System.getProperty("user.name");
            if (!owner.equals(user)) {
                throw new ApiKeyException(name + " belongs to " + owner + ", not to " + user);
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            String first = text.lines().findFirst().orElse("").strip();
            return checked(first, "file " + file);
        } catch (UnsupportedOperationException e) {
            throw new ApiKeyException(name + ": the file system has no POSIX permissions to check");
        } catch (IOException e) {
            throw new ApiKeyException(name + " cannot be read: " + e.getMessage());
        }
    }

    private static ApiKey checked(String value, String source) {
        if (value.isEmpty()) {
            throw new ApiKeyException("the RunPod API key from " + source + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new ApiKeyException("the RunPod API key from " + source + " holds a space or a character"
                        + " that is not printable ASCII (at position " + (i + 1) + ")");
            }
        }
        return new ApiKey(value, source);
    }

    /** @return the value of the {@code Authorization} header */
    String authorization() {
        return "Bearer " + value;
    }

    /**
     * @param text any text, or null
     * @return the text with every occurrence of the key replaced by {@value #REDACTED}
     */
    public String redact(String text) {
        return text == null ? null : text.replace(value, REDACTED);
    }

    /** @return where the key came from, such as {@code environment variable RUNPOD_API_KEY} */
    public String source() {
        return source;
    }

    /** @return where the key came from; never the key */
    @Override
    public String toString() {
        return "ApiKey(from " + source + ")";
    }
}
