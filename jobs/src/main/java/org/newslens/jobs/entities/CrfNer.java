package org.newslens.jobs.entities;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.newslens.common.entities.EntityType;
import org.newslens.common.entities.Mention;

/**
 * Stanford CoreNLP for tokens, sentences and the 4-class CoNLL CRF (PERSON, ORG, LOCATION, MISC):
 * statistical NER only, no POS, regexner or SUTime. Tokens keep hyphenated designations whole
 * ({@code splitHyphenated=false}). One tokeniser pipeline and one classifier per JVM, loaded on
 * first use and shared by the executor's task threads.
 */
public final class CrfNer {

  /** The model, extracted from CoreNLP's models jar at build time into the job jar. */
  public static final String MODEL = "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz";

  static final double CONFIDENCE = 0.8;

  /** Tokens and sentences of a text, and the CRF's mentions in it. */
  public record Annotated(List<CoreMap> sentences, int[] sentenceBegins, int[] sentenceEnds, List<Mention> mentions, boolean truncated) {}

  private CrfNer() {}

  /** Tokenises and splits the whole text; runs the CRF on sentences that begin before {@code maxChars}. */
  public static Annotated annotate(String text, int maxChars) {
    Annotation doc = new Annotation(text);
    Holder.PIPELINE.annotate(doc);
    List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
    int[] begins = new int[sentences.size()];
    int[] ends = new int[sentences.size()];
    List<Mention> mentions = new ArrayList<>();
    boolean truncated = false;
    for (int i = 0; i < sentences.size(); i++) {
      List<CoreLabel> tokens = sentences.get(i).get(CoreAnnotations.TokensAnnotation.class);
      begins[i] = tokens.isEmpty() ? 0 : tokens.get(0).beginPosition();
      ends[i] = tokens.isEmpty() ? begins[i] : tokens.get(tokens.size() - 1).endPosition();
      if (begins[i] >= maxChars) {
        truncated = true;
        continue;
      }
      collect(text, Holder.CRF.classifySentence(tokens), mentions);
    }
    return new Annotated(sentences, begins, ends, mentions, truncated);
  }

  /** Runs of tokens with the same entity label become one mention. */
  private static void collect(String text, List<CoreLabel> labelled, List<Mention> out) {
    int i = 0;
    while (i < labelled.size()) {
      String label = labelled.get(i).get(CoreAnnotations.AnswerAnnotation.class);
      EntityType type = typeOf(label);
      if (type == null) {
        i++;
        continue;
      }
      int j = i + 1;
      while (j < labelled.size() && label.equals(labelled.get(j).get(CoreAnnotations.AnswerAnnotation.class))) {
        j++;
      }
      int begin = labelled.get(i).beginPosition();
      int end = labelled.get(j - 1).endPosition();
      out.add(new Mention(begin, end, text.substring(begin, end), type, null, null, Mention.CRF, CONFIDENCE, "", "none"));
      i = j;
    }
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
      props.setProperty("tokenize.options", "splitHyphenated=false,invertible=false,ptb3Escaping=false,untokenizable=noneKeep");
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
