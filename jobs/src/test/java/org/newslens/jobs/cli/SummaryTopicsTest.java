package org.newslens.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newslens.jobs.topics.TopicModel;
import org.newslens.jobs.topics.TopicsJob;

/** The topics summary warns, in one line per model, when one topic is the heaviest of more than half of the documents. */
class SummaryTopicsTest {

  private static String summary(double largestShare) {
    var fit = new TopicModel.Fit("energy", 10, null, null, List.of(), List.of(), new double[] {0.1}, 0.5, 0.8, 900.0, 400, 400, 1.0, "gibbs");
    var result = new TopicsJob.Result("topics-1", 400, 1000, List.of(fit), Map.of("energy", new TopicsJob.Balance(3, largestShare, 7)),
        Map.of("energy", 400L), Map.of(TopicsJob.SKIPPED_DOCS, 0L, TopicsJob.TRUNCATED_DOCS, 0L), Map.of());
    return Summary.topics(result);
  }

  @Test
  void aModelWithOneTopicOverHalfOfTheDocumentsIsFlagged() {
    assertThat(summary(0.88).lines().filter(l -> l.contains("WARNING"))).containsExactly(
        "  WARNING     model energy: topic 3 is the heaviest of 88 % of its 400 documents (7 of 10 topics under 0.5 %):"
            + " one kind of document dominates the corpus, or the model did not separate them; read that topic's top_terms");
    assertThat(summary(0.88)).contains("0.880");
  }

  @Test
  void aBalancedModelIsNot() {
    assertThat(summary(0.5)).doesNotContain("WARNING").contains("0.500");
  }
}
