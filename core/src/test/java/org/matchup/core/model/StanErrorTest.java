package org.matchup.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.matchup.core.sampling.ChainResult;
import org.matchup.core.sampling.NutsSampler;
import org.matchup.core.sampling.SamplerConfig;
import org.matchup.core.sampling.SamplingResult;

/** Stan's errors reach Java as exceptions carrying Stan's own message, and leave the JVM and the model usable. */
class StanErrorTest {

    private static StanData normalMeanData(int n, int values) {
        return StanData.builder().integer("N", n).real("y", new double[values], values).real("sigma", 1)
                .real("mu0", 0).real("tau0", 1).build();
    }

    @Test
    void dataOfTheWrongSizeIsRefusedWithStansMessage() {
        StanException e = assertThrows(StanException.class,
                () -> StanModel.load(ModelLibrary.named("normal-mean"), normalMeanData(3, 2)));
        assertTrue(e.getMessage().contains("y"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("mismatch"), e.getMessage());
    }

    @Test
    void missingVariableIsRefused() {
        StanData data = StanData.builder().integer("N", 0).build();
        StanException e = assertThrows(StanException.class,
                () -> StanModel.load(ModelLibrary.named("normal-mean"), data));
        assertTrue(e.getMessage().contains("y"), e.getMessage());
    }

    @Test
    void boundViolationIsRefused() {
        StanData data = StanData.builder().integer("N", 0).real("y", new double[0], 0).real("sigma", -1)
                .real("mu0", 0).real("tau0", 1).build();
        StanException e = assertThrows(StanException.class,
                () -> StanModel.load(ModelLibrary.named("normal-mean"), data));
        assertTrue(e.getMessage().contains("sigma"), e.getMessage());
    }

    @Test
    void rejectArrivesAsAnExceptionAndTheModelStaysUsable() {
        StanData data = StanData.builder().integer("N", 0).real("threshold", 1.5).build();
        try (StanModel model = StanModel.load(ModelLibrary.named("reject"), data)) {
            StanException e = assertThrows(StanException.class, () -> model.logDensity(new double[] {2}, false, true));
            assertTrue(e.getMessage().contains("x above threshold: 2"), e.getMessage());

            // Below the threshold the density is the standard normal's.
            assertEquals(-0.5 * Math.log(2 * Math.PI) - 0.5, model.logDensity(new double[] {1}, false, true), 1e-12);
        }
    }

    @Test
    void samplerThatCannotStartReportsStansMessage() {
        // Every initial value in (-2, 2) is above a threshold of -5: initialisation fails after 100 tries.
        StanData data = StanData.builder().integer("N", 0).real("threshold", -5).build();
        try (StanModel model = StanModel.load(ModelLibrary.named("reject"), data)) {
            SamplingResult result = NutsSampler.sample(model, SamplerConfig.builder().chains(2).warmup(10).draws(10)
                    .build());
            for (ChainResult chain : result.chains()) {
                assertEquals(ChainResult.Status.FAILED, chain.status());
                assertTrue(chain.error().contains("x above threshold"), chain.error());
            }
        }
    }

    @Test
    void wrongLengthIsCheckedInJavaBeforeTheNativeCall() {
        try (StanModel model = StanModel.load(ModelLibrary.named("normal-mean"), normalMeanData(0, 0))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.logDensity(new double[3], false, true));
            assertTrue(e.getMessage().contains("expected 1"), e.getMessage());
        }
    }

    @Test
    void closedModelIsRefused() {
        StanModel model = StanModel.load(ModelLibrary.named("normal-mean"), normalMeanData(0, 0));
        model.close();
        assertThrows(IllegalStateException.class, () -> model.logDensity(new double[1], false, true));
        model.close();
    }

    @Test
    void unknownModelNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MatchupModel.named("matchup-nonsense"));
        assertTrue(e.getMessage().contains("matchup-specific"), e.getMessage());
    }
}
