package org.matchup.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.matchup.core.draws.Draws;

/**
 * R-hat and ESS of the Bernoulli chains of Stan's unit tests (4 chains of 1000 draws) against the values Stan's
 * own tests hold. Those values were "computed via R pkg posterior" (comment in the RankNormalizedRhat and
 * RankNormalizedEss tests under Stan's {@code src/test/unit/analyze/mcmc/}), i.e. {@code posterior::rhat},
 * {@code posterior::ess_bulk} and {@code posterior::ess_tail} of the {@code lp__} and {@code theta} columns as
 * iteration-by-chain matrices. Stan's tests use the same tolerances as here: 1e-5 for R-hat, 1e-3 for ESS.
 */
class BernoulliReferenceTest {

    private static double[][] lp;
    private static double[][] theta;
    private static double[][] divergent;

    @BeforeAll
    static void readChains() {
        Draws draws = ReferenceFiles.bernoulli();
        lp = draws.column("lp__");
        theta = draws.column("theta");
        divergent = draws.column("divergent__");
    }

    @Test
    void rhatIsTheLargerOfBulkAndTailAsPosteriorComputesIt() {
        assertEquals(1.00073, SplitRhat.rhat(lp), 1e-5);
        assertEquals(1.006789, SplitRhat.rhat(theta), 1e-5);
        assertEquals(Math.max(SplitRhat.bulk(theta), SplitRhat.tail(theta)), SplitRhat.rhat(theta));
    }

    @Test
    void bulkEssMatchesPosterior() {
        assertEquals(1512.7684, EffectiveSampleSize.bulk(lp), 1e-3);
        assertEquals(1407.5124, EffectiveSampleSize.bulk(theta), 1e-3);
    }

    @Test
    void tailEssMatchesPosterior() {
        assertEquals(1591.9707, EffectiveSampleSize.tail(lp), 1e-3);
        assertEquals(1291.7131, EffectiveSampleSize.tail(theta), 1e-3);
    }

    /**
     * The ESS of unsplit chains: a unit test in Stan's {@code src/test/unit/analyze/mcmc/} expects 1335.4137 for
     * {@code lp__} and 1377.503 for {@code theta} from {@code stan::analyze::ess}, which is also the N_Eff column of
     * CmdStan 2.35's stansummary (1335.41366787, 1377.5030282).
     */
    @Test
    void unsplitBasicEssMatchesStansummaryNEff() {
        assertEquals(1335.41366787, EffectiveSampleSize.basic(lp, false), 1e-3);
        assertEquals(1377.5030282, EffectiveSampleSize.basic(theta, false), 1e-3);
    }

    @Test
    void constantColumnGivesNaN() {
        assertTrue(Double.isNaN(SplitRhat.rhat(divergent)));
        assertTrue(Double.isNaN(SplitRhat.bulk(divergent)));
        assertTrue(Double.isNaN(SplitRhat.tail(divergent)));
        assertTrue(Double.isNaN(SplitRhat.basic(divergent)));
        assertTrue(Double.isNaN(EffectiveSampleSize.bulk(divergent)));
        assertTrue(Double.isNaN(EffectiveSampleSize.tail(divergent)));
        assertTrue(Double.isNaN(EffectiveSampleSize.basic(divergent)));
        assertTrue(Double.isNaN(EffectiveSampleSize.mcseMean(divergent)));
    }

    @Test
    void infiniteDrawGivesNaN() {
        double[][] withInfinity = theta.clone();
        withInfinity[0] = theta[0].clone();
        withInfinity[0][0] = Double.POSITIVE_INFINITY;
        assertTrue(Double.isNaN(SplitRhat.rhat(withInfinity)));
        assertTrue(Double.isNaN(SplitRhat.basic(withInfinity)));
        assertTrue(Double.isNaN(EffectiveSampleSize.bulk(withInfinity)));
        assertTrue(Double.isNaN(EffectiveSampleSize.tail(withInfinity)));
        assertTrue(Double.isNaN(EffectiveSampleSize.mcseMean(withInfinity)));
    }

    @Test
    void diagnosticsDoNotModifyTheirInput() {
        double[][] copy = new double[theta.length][];
        for (int c = 0; c < theta.length; c++) {
            copy[c] = theta[c].clone();
        }
        ParameterSummary.of("theta", copy);
        for (int c = 0; c < theta.length; c++) {
            assertTrue(java.util.Arrays.equals(theta[c], copy[c]), "chain " + c + " changed");
        }
    }
}
