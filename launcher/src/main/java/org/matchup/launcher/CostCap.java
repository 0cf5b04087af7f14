package org.matchup.launcher;

import java.util.Locale;

/**
 * The most a launch may cost: hours of the pod's life and money at its price per hour, whichever comes first.
 * Immutable.
 *
 * @param maxHours the most hours from the pod's creation to its termination
 * @param maxSpend the most money at the pod's price per hour; infinite for no limit
 */
public record CostCap(double maxHours, double maxSpend) {

    /** @throws IllegalArgumentException if a limit is not positive */
    public CostCap {
        if (!(maxHours > 0) || Double.isInfinite(maxHours)) {
            throw new IllegalArgumentException("--max-hours must be positive and finite, got " + maxHours);
        }
        if (!(maxSpend > 0)) {
            throw new IllegalArgumentException("--max-spend must be positive, got " + maxSpend);
        }
    }

    /**
     * @param pricePerHour the pod's price per hour, NaN when unknown
     * @return the hours the cap allows at that price
     */
    public double limitHours(double pricePerHour) {
        return pricePerHour > 0 ? Math.min(maxHours, maxSpend / pricePerHour) : maxHours;
    }

    /** @return whether a money limit is set */
    public boolean limitsSpend() {
        return Double.isFinite(maxSpend);
    }

    /**
     * @param pricePerHour the price per hour, NaN when unknown
     * @return such as {@code 4 h or 10.00 (at 0.20 per hour: 4.00 h)}
     */
    public String describe(double pricePerHour) {
        String hours = String.format(Locale.ROOT, "%.2f h", maxHours);
        if (!limitsSpend()) {
            return hours;
        }
        String spend = String.format(Locale.ROOT, "%.2f", maxSpend);
        return pricePerHour > 0 ? String.format(Locale.ROOT, "%s or %s, whichever comes first (at %.3f per hour:"
                + " %.2f h)", hours, spend, pricePerHour, limitHours(pricePerHour)) : hours + " or " + spend;
    }
}
