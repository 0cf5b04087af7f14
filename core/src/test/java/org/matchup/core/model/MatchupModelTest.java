package org.matchup.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.matchup.core.data.SufficientStatistics;

/** The registry's names against the names the compiled models report. */
class MatchupModelTest {

    @Test
    void eachCompiledModelIsFoundByTheNameItReports() throws IOException {
        SufficientStatistics statistics = SufficientStatistics.compute(Path.of(System.getProperty("matchup.shared"),
                "data", "nba", "matchups_train.csv.gz"), 2000);
        for (MatchupModel model : MatchupModel.values()) {
            if (model.isRowByRow()) {
                continue;
            }
            try (StanModel loaded = StanModel.load(model.library(), model.data(null, statistics))) {
                assertEquals(Optional.of(model), MatchupModel.ofStanName(loaded.name()), loaded.name());
            }
        }
        assertTrue(MatchupModel.ofStanName("bernoulli_model").isEmpty());
    }
}
