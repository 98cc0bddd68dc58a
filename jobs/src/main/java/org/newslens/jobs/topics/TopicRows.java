package org.newslens.jobs.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.newslens.common.schema.TopicTables;
import org.newslens.common.topics.ThemeLexicon;

/** Rows of {@code topics} and {@code topic_quality} from a fitted model. */
final class TopicRows {

  private static final double SCALE = 1e6;

  private TopicRows() {}

  static double round(double x) {
    return Math.round(x * SCALE) / SCALE;
  }

  static Row topic(TopicModel.Fit f, int t, List<String> vocab, Map<String, String> names, ThemeLexicon lexicon,
      double prevalence, String runId) {
    int[] terms = f.topTerms().get(t);
    double[] weights = f.topWeights().get(t);
    List<Row> top = new ArrayList<>();
    List<String> display = new ArrayList<>();
    for (int i = 0; i < terms.length; i++) {
      String term = vocab.get(terms[i]);
      top.add(RowFactory.create(term, round(weights[i])));
      display.add(names.getOrDefault(term, term.startsWith("ent:") ? term.substring(4) : term));
    }
    String label = String.join(" / ", display.subList(0, Math.min(3, display.size())));
    String theme = f.model().equals(TopicTables.ALL) ? themeOf(top, lexicon) : f.model();
    return RowFactory.create(f.model(), t, theme, label, top, round(f.npmi()[t]), round(prevalence), runId);
  }

  /** The theme whose lexicon has most of the topic's top-10 terms (at least two), else other. */
  static String themeOf(List<Row> top, ThemeLexicon lexicon) {
    String best = TopicTables.OTHER;
    long bestCount = 1;
    for (String theme : ThemeLexicon.THEMES) {
      long n = top.stream().limit(TopicModel.COHERENCE_TERMS).filter(r -> lexicon.terms(theme).has(r.getString(0))).count();
      if (n > bestCount) {
        best = theme;
        bestCount = n;
      }
    }
    return best;
  }

  static Row quality(TopicModel.Fit f, TopicsJob.Balance balance, int vocabSize, TopicsOptions o) {
    boolean seeded = !f.optimizer().equals(TopicsOptions.EM) && !f.model().equals(TopicTables.ALL) && o.boost() > 0;
    return RowFactory.create(f.model(), f.k(), round(f.meanNpmi()), round(f.diversity()),
        f.stability() == null ? null : round(f.stability()), f.perplexity() == null ? null : Math.round(f.perplexity() * 1e4) / 1e4,
        round(balance.largestShare()), balance.smallTopics(),
        o.iterations(), o.seed(), seeded ? f.optimizer() + "-seeded" : f.optimizer(), f.docs(), f.fitDocs(), vocabSize);
  }
}
