package org.matchup.launcher.runpod;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a request again: after a 429, as long as its {@code Retry-After} says (up to
 * {@code maxRetryAfter}); after a 5xx or a failed connection, after a capped exponential back-off with full
 * jitter (a uniform delay in [0, min(maxDelay, initialDelay * 2^retry)]; Brooker 2015, "Exponential Backoff And
 * Jitter", AWS Architecture Blog), at most {@code maxAttempts} tries in all. Immutable and thread safe.
 *
 * @param maxAttempts tries in all, at least 1
 * @param initialDelay the back-off's scale before the first retry
 * @param maxDelay the largest back-off
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one ends the retries
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {

    /** Six tries, from 1 s up to 30 s apart; a Retry-After of up to 2 minutes is honoured. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(2));

    /** @throws IllegalArgumentException if a value is out of range */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("delays must satisfy 0 <= initialDelay <= maxDelay, got "
                    + initialDelay + " and " + maxDelay);
        }
    }

    /**
     * @param retry 0 before the first retry, 1 before the second...
     * @return the jittered back-off before that retry
     */
    public Duration backoff(int retry) {
        double ceiling = Math.min(maxDelay.toMillis(), initialDelay.toMillis() * Math.pow(2, Math.min(retry, 30)));
        return Duration.ofMillis(Math.round(ThreadLocalRandom.current().nextDouble() * ceiling));
    }

    /**
     * Reads a {@code Retry-After} header: delay-seconds or an HTTP date (RFC 9110, section 10.2.3).
     *
     * @param header the header's value, or null
     * @param now the present, for a date
     * @return the delay, not negative; empty when the header is missing or unreadable
     */
    public static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration delay = Duration.between(now, at);
                return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
