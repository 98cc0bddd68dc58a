package org.newslens.jobs.entities;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.newslens.common.entities.DomainPatterns;
import org.newslens.common.entities.Gazetteer;
import org.newslens.common.entities.Mention;
import org.newslens.common.entities.MentionResolver;

/**
 * The recogniser stack for one document: CoreNLP tokens, sentences and CRF mentions, gazetteer
 * and pattern matches, resolved into non-overlapping mentions with entity ids and sentence index.
 */
public final class EntityExtractor implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A final mention and the sentence it is in. */
  public record Located(Mention mention, int sentenceIdx) {}

  /** All mentions of a document, and whether NER stopped at the character cap. */
  public record Extraction(List<Located> mentions, boolean nerTruncated, int tokens) {}

  private final Gazetteer gazetteer;
  private final int maxNerChars;

  public EntityExtractor(Gazetteer gazetteer, int maxNerChars) {
    this.gazetteer = gazetteer;
    this.maxNerChars = maxNerChars;
  }

  public Extraction extract(String text) {
    CrfNer.Annotated annotated = CrfNer.annotate(text, maxNerChars);
    List<Mention> candidates = new ArrayList<>(annotated.mentions());
    gazetteer.find(text).forEach(m -> candidates.add(Mention.of(m.begin(), m.end(), text, m.entry(), Mention.GAZETTEER, 0.95)));
    candidates.addAll(DomainPatterns.find(text));
    List<Located> out = new ArrayList<>();
    for (Mention m : MentionResolver.resolve(text, candidates, gazetteer)) {
      out.add(new Located(m, sentenceOf(annotated.sentenceBegins(), m.begin())));
    }
    int tokens = annotated.sentences().stream()
        .mapToInt(s -> s.get(edu.stanford.nlp.ling.CoreAnnotations.TokensAnnotation.class).size()).sum();
    return new Extraction(out, annotated.truncated(), tokens);
  }

  static int sentenceOf(int[] begins, int offset) {
    int i = Arrays.binarySearch(begins, offset);
    return Math.max(0, i >= 0 ? i : -i - 2);
  }
}
