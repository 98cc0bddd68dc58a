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

  /** A final mention, the sentence it is in and that sentence's span (UTF-16 offsets into the text). */
  public record Located(Mention mention, int sentenceIdx, int sentenceBegin, int sentenceEnd) {}

  /**
   * All mentions of a document, whether NER stopped at the character cap, the tokens, and what the
   * tokeniser's bounds did: over-long runs skipped, over-long sentences cut.
   */
  public record Extraction(List<Located> mentions, boolean nerTruncated, int tokens, int skippedTokens, int splitSentences) {}

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
      int s = sentenceOf(annotated.sentenceBegins(), m.begin());
      int[] begins = annotated.sentenceBegins();
      int[] ends = annotated.sentenceEnds();
      // A mention may run past its sentence's last token (a gazetteer phrase across a split): widen to cover it.
      int begin = begins.length == 0 ? m.begin() : Math.min(begins[s], m.begin());
      int end = ends.length == 0 ? m.end() : Math.max(ends[s], m.end());
      out.add(new Located(m, s, begin, end));
    }
    return new Extraction(out, annotated.truncated(), annotated.tokens(), annotated.skippedTokens(), annotated.splitSentences());
  }

  static int sentenceOf(int[] begins, int offset) {
    int i = Arrays.binarySearch(begins, offset);
    return Math.max(0, i >= 0 ? i : -i - 2);
  }
}
