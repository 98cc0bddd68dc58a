package org.newslens.jobs.entities;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
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

  /**
   * The layers of the stack, for measuring what each adds: the CRF, the resolver's rules (drop
   * pronouns, bylines and capitalised common words, retype wire credits, propagate acronyms, link
   * short person names), the gazetteer and the domain patterns. Without the rules, overlapping
   * candidates are still merged (longest span wins).
   */
  public enum Recogniser {
    CRF, RULES, GAZETTEER, PATTERNS;

    public static final Set<Recogniser> ALL = EnumSet.allOf(Recogniser.class);

    /** A comma-separated list of layer names ({@code crf,rules}, or {@code all}). */
    public static Set<Recogniser> parse(String list) {
      Set<Recogniser> out = EnumSet.noneOf(Recogniser.class);
      for (String name : list.split(",")) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        if (n.equals("ALL")) {
          out.addAll(ALL);
          continue;
        }
        try {
          out.add(valueOf(n));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("unknown recogniser '" + name.strip() + "' (known: crf, rules, gazetteer, patterns, all)");
        }
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException("no recogniser named");
      }
      return out;
    }

    /** The layers' names, in stack order, joined by '+' ({@code crf+rules+gazetteer}). */
    public static String label(Set<Recogniser> layers) {
      return layers.equals(ALL) ? "all (crf+rules+gazetteer+patterns)"
          : layers.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining("+"));
    }
  }

  /** A final mention, the sentence it is in and that sentence's span (UTF-16 offsets into the text). */
  public record Located(Mention mention, int sentenceIdx, int sentenceBegin, int sentenceEnd) {}

  /**
   * All mentions of a document, whether NER stopped at the character cap, the tokens, and what the
   * tokeniser's bounds did: over-long runs skipped, over-long sentences cut.
   */
  public record Extraction(List<Located> mentions, boolean nerTruncated, int tokens, int skippedTokens, int splitSentences,
      int namelessSentences) {}

  private final Gazetteer gazetteer;
  private final int maxNerChars;

  public EntityExtractor(Gazetteer gazetteer, int maxNerChars) {
    this.gazetteer = gazetteer;
    this.maxNerChars = maxNerChars;
  }

  /** The whole stack on a text. */
  public Extraction extract(String text) {
    CrfNer.Annotated annotated = annotate(text);
    List<Located> out = new ArrayList<>();
    for (Mention m : recognise(text, annotated, Recogniser.ALL)) {
      out.add(locate(annotated, m));
    }
    return new Extraction(out, annotated.truncated(), annotated.tokens(), annotated.skippedTokens(), annotated.splitSentences(),
        annotated.namelessSentences());
  }

  /** Tokens, sentences and CRF mentions: the costly part, shared by every layer choice. */
  CrfNer.Annotated annotate(String text) {
    return CrfNer.annotate(text, maxNerChars);
  }

  /** The final mentions of the chosen layers, in text order. */
  List<Mention> recognise(String text, CrfNer.Annotated annotated, Set<Recogniser> layers) {
    List<Mention> candidates = new ArrayList<>();
    if (layers.contains(Recogniser.CRF)) {
      candidates.addAll(annotated.mentions());
    }
    if (layers.contains(Recogniser.GAZETTEER)) {
      gazetteer.find(text).forEach(m -> candidates.add(Mention.of(m.begin(), m.end(), text, m.entry(), Mention.GAZETTEER, 0.95)));
    }
    if (layers.contains(Recogniser.PATTERNS)) {
      candidates.addAll(DomainPatterns.find(text));
    }
    if (!layers.contains(Recogniser.RULES)) {
      return MentionResolver.merge(candidates);
    }
    return MentionResolver.resolve(text, candidates, layers.contains(Recogniser.GAZETTEER) ? gazetteer : Gazetteer.none());
  }

  private static Located locate(CrfNer.Annotated annotated, Mention m) {
    int[] begins = annotated.sentenceBegins();
    int[] ends = annotated.sentenceEnds();
    int s = sentenceOf(begins, m.begin());
    // A mention may run past its sentence's last token (a gazetteer phrase across a split): widen to cover it.
    int begin = begins.length == 0 ? m.begin() : Math.min(begins[s], m.begin());
    int end = ends.length == 0 ? m.end() : Math.max(ends[s], m.end());
    return new Located(m, s, begin, end);
  }

  static int sentenceOf(int[] begins, int offset) {
    int i = Arrays.binarySearch(begins, offset);
    return Math.max(0, i >= 0 ? i : -i - 2);
  }
}
