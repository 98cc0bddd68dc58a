package org.newslens.jobs.entities;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.newslens.common.entities.EntityType;
import org.newslens.common.entities.Mention;

/**
 * Stanford CoreNLP for tokens, sentences and the 4-class CoNLL CRF (PERSON, ORG, LOCATION, MISC):
 * statistical NER only, no POS, regexner or SUTime. Tokens keep hyphenated designations whole
 * ({@code splitHyphenated=false}). One tokeniser pipeline and one classifier per JVM, loaded on
 * first use and shared by the executor's task threads.
 *
 * <p>The work per document is bounded whatever the text: it is tokenised in chunks of at most
 * {@link #CHUNK_CHARS} characters (cut at a paragraph break where there is one), a run of more than
 * {@link #MAX_TOKEN_CHARS} characters without white space is blanked before tokenising (the CRF's
 * character features of a 200,000-character token exhaust any heap), and a sentence of more than
 * {@link #MAX_SENTENCE_TOKENS} tokens is cut into sentences of that many. Offsets stay those of the
 * original text: blanking keeps every character's position.
 */
public final class CrfNer {

  /** The model, extracted from CoreNLP's models jar at build time into the job jar. */
  public static final String MODEL = "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz";

  /** Longest run of non-white-space characters tokenised; longer runs (hashes, junk, URLs) are skipped. */
  public static final int MAX_TOKEN_CHARS = 80;

  /** Most tokens the CRF labels as one sentence; longer sentences are cut into pieces of this size. */
  public static final int MAX_SENTENCE_TOKENS = 200;

  /** Most characters tokenised at once. */
  static final int CHUNK_CHARS = 20_000;

  static final double CONFIDENCE = 0.8;

  /**
   * Sentence spans of a text, the CRF's mentions in it, and what the bounds did: tokens counted,
   * over-long runs skipped, over-long sentences cut.
   */
  public record Annotated(int[] sentenceBegins, int[] sentenceEnds, List<Mention> mentions, boolean truncated,
      int tokens, int skippedTokens, int splitSentences, int namelessSentences) {}

  private CrfNer() {}

  /** Tokenises and splits the whole text; runs the CRF on sentences that begin before {@code maxChars}. */
  public static Annotated annotate(String text, int maxChars) {
    var out = new Builder(lowerCaseWords(text));
    Blanked blanked = blankLongRuns(text, MAX_TOKEN_CHARS);
    out.skippedTokens = blanked.runs();
    String tokenised = blanked.text();
    for (int start = 0; start < tokenised.length(); ) {
      int end = chunkEnd(tokenised, start, CHUNK_CHARS);
      Annotation doc = new Annotation(tokenised.substring(start, end));
      Holder.PIPELINE.annotate(doc);
      for (CoreMap sentence : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
        out.sentence(text, start, sentence.get(CoreAnnotations.TokensAnnotation.class), maxChars);
      }
      start = end;
    }
    return out.build();
  }

  /** The words a text writes in lower case ("the", "said"): a capitalised first word among them is no name. */
  static Set<String> lowerCaseWords(String text) {
    Set<String> out = new HashSet<>();
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (!Character.isLetter(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int from = i;
      boolean lower = Character.isLowerCase(cp);
      while (i < text.length() && Character.isLetter(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      if (lower) {
        out.add(text.substring(from, i));
      }
    }
    return out;
  }

  /**
   * Whether the CRF could find a name in a sentence: a capitalised token after the first, a first
   * token that the document never writes in lower case ("Putin said so", not "The talks ended"),
   * or a token mixing letters and digits (a designation). A sentence without any of these is not
   * labelled: the CRF's names are capitalised (measured: CoNLL F1 unchanged, README).
   */
  static boolean mayHoldName(List<CoreLabel> sentence, Set<String> lowerCaseWords) {
    for (int i = 0; i < sentence.size(); i++) {
      String w = sentence.get(i).word();
      if (w.isEmpty()) {
        continue;
      }
      boolean letters = false;
      boolean digits = false;
      for (int k = 0; k < w.length(); k++) {
        letters |= Character.isLetter(w.charAt(k));
        digits |= Character.isDigit(w.charAt(k));
      }
      if (letters && digits) {
        return true;
      }
      if (Character.isUpperCase(w.codePointAt(0))
          && (i > 0 || !lowerCaseWords.contains(w.toLowerCase(java.util.Locale.ROOT)))) {
        return true;
      }
    }
    return false;
  }

  /** Collects sentences and mentions chunk by chunk. */
  private static final class Builder {
    private final Set<String> lowerCaseWords;
    private final List<int[]> spans = new ArrayList<>();
    private final List<Mention> mentions = new ArrayList<>();
    private boolean truncated;
    private int tokens;
    private int skippedTokens;
    private int splitSentences;
    private int namelessSentences;

    Builder(Set<String> lowerCaseWords) {
      this.lowerCaseWords = lowerCaseWords;
    }

    void sentence(String text, int offset, List<CoreLabel> labels, int maxChars) {
      tokens += labels.size();
      if (labels.size() > MAX_SENTENCE_TOKENS) {
        splitSentences++;
      }
      for (int from = 0; from < labels.size(); from += MAX_SENTENCE_TOKENS) {
        List<CoreLabel> piece = labels.subList(from, Math.min(labels.size(), from + MAX_SENTENCE_TOKENS));
        int begin = offset + piece.get(0).beginPosition();
        spans.add(new int[] {begin, offset + piece.get(piece.size() - 1).endPosition()});
        if (begin >= maxChars) {
          truncated = true;
        } else if (!mayHoldName(piece, lowerCaseWords)) {
          namelessSentences++;
        } else {
          collect(text, offset, Holder.CRF.classifySentence(piece), mentions);
        }
      }
    }

    Annotated build() {
      return new Annotated(spans.stream().mapToInt(s -> s[0]).toArray(), spans.stream().mapToInt(s -> s[1]).toArray(),
          mentions, truncated, tokens, skippedTokens, splitSentences, namelessSentences);
    }
  }

  /**
   * Where the chunk starting at {@code start} ends: the whole rest if it is short, else after the
   * last paragraph break, line break, sentence end ({@code .!?} and a space) or white space in the
   * second half of the window, else at the window's end (never between the halves of a surrogate
   * pair).
   */
  static int chunkEnd(String text, int start, int limit) {
    if (text.length() - start <= limit) {
      return text.length();
    }
    int window = start + limit;
    int half = start + limit / 2;
    int cut = text.lastIndexOf("\n\n", window - 2);
    if (cut >= half) {
      return cut + 2;
    }
    cut = text.lastIndexOf('\n', window - 1);
    if (cut >= half) {
      return cut + 1;
    }
    for (int i = window - 1; i > half; i--) {
      if (isSpace(text.charAt(i)) && ".!?".indexOf(text.charAt(i - 1)) >= 0) {
        return i + 1;
      }
    }
    for (int i = window - 1; i >= half; i--) {
      if (isSpace(text.charAt(i))) {
        return i + 1;
      }
    }
    return Character.isHighSurrogate(text.charAt(window - 1)) ? window - 1 : window;
  }

  /** A text with its over-long runs blanked, and how many runs that was. */
  record Blanked(String text, int runs) {}

  /**
   * The text with every run of more than {@code max} non-space characters replaced by as many
   * spaces (the same string when there is none), and the number of such runs.
   */
  static Blanked blankLongRuns(String text, int max) {
    char[] chars = null;
    int runs = 0;
    int runStart = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || isSpace(text.charAt(i))) {
        if (i - runStart > max) {
          chars = chars == null ? text.toCharArray() : chars;
          java.util.Arrays.fill(chars, runStart, i, ' ');
          runs++;
        }
        runStart = i + 1;
      }
    }
    return new Blanked(chars == null ? text : new String(chars), runs);
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /**
   * Runs of tokens with the same entity label on one line become one mention; token offsets are
   * relative to {@code offset}.
   */
  private static void collect(String text, int offset, List<CoreLabel> labelled, List<Mention> out) {
    int i = 0;
    while (i < labelled.size()) {
      String label = labelled.get(i).get(CoreAnnotations.AnswerAnnotation.class);
      EntityType type = typeOf(label);
      if (type == null) {
        i++;
        continue;
      }
      int j = i + 1;
      // A name never crosses a line break: a heading and the line under it are two things.
      while (j < labelled.size() && label.equals(labelled.get(j).get(CoreAnnotations.AnswerAnnotation.class))
          && !lineBreakBetween(text, offset + labelled.get(j - 1).endPosition(), offset + labelled.get(j).beginPosition())) {
        j++;
      }
      int begin = offset + labelled.get(i).beginPosition();
      int end = offset + labelled.get(j - 1).endPosition();
      out.add(new Mention(begin, end, text.substring(begin, end), type, null, null, Mention.CRF, CONFIDENCE, "", "none"));
      i = j;
    }
  }

  private static boolean lineBreakBetween(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }

  static EntityType typeOf(String label) {
    if (label == null) {
      return null;
    }
    return switch (label) {
      case "PERSON" -> EntityType.PERSON;
      case "ORGANIZATION" -> EntityType.ORG;
      case "LOCATION" -> EntityType.LOCATION;
      case "MISC" -> EntityType.MISC;
      default -> null;
    };
  }

  private static final class Holder {
    static final StanfordCoreNLP PIPELINE = pipeline();
    static final CRFClassifier<CoreLabel> CRF = classifier();

    private static StanfordCoreNLP pipeline() {
      Properties props = new Properties();
      props.setProperty("annotators", "tokenize,ssplit");
      props.setProperty("tokenize.language", "en");
      // splitHyphenated last: ptb3Escaping=false resets it (S-400 and Tyler-Sharman were split before).
      props.setProperty("tokenize.options", "invertible=false,ptb3Escaping=false,untokenizable=noneKeep,splitHyphenated=false");
      props.setProperty("ssplit.newlineIsSentenceBreak", "two");
      return new StanfordCoreNLP(props, false);
    }

    private static CRFClassifier<CoreLabel> classifier() {
      try {
        return CRFClassifier.getClassifier(MODEL);
      } catch (Exception e) {
        throw new IllegalStateException("cannot load the CoreNLP NER model " + MODEL + " from the classpath", e);
      }
    }
  }
}
