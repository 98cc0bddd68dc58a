package org.newslens.common.text;

import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Language detection with the optimaize n-gram detector (71 built-in profiles). One detector per
 * JVM, built lazily on first use, so executors pay the profile loading once.
 */
public final class Languages {

  /** Code stored when the detector is not confident or the text is too short. */
  public static final String UNDETERMINED = "und";

  /** Characters looked at: enough for a confident answer, bounded cost for long reports. */
  static final int SAMPLE_CHARS = 3000;

  private static final int MIN_LETTERS = 20;

  private Languages() {}

  /** ISO 639-1 code of the text's language, or {@link #UNDETERMINED}. */
  public static String detect(String text) {
    if (text == null || countLetters(text) < MIN_LETTERS) {
      return UNDETERMINED;
    }
    String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
    // Profiles are built from mixed-case prose; all-caps text (wire and agency styles) scores badly.
    if (sample.equals(sample.toUpperCase(Locale.ROOT))) {
      sample = sample.toLowerCase(Locale.ROOT);
    }
    var best = Holder.DETECTOR.detect(Holder.TEXT_FACTORY.forText(sample));
    return best.isPresent() ? best.get().getLanguage() : UNDETERMINED;
  }

  private static int countLetters(String text) {
    int n = 0;
    for (int i = 0; i < text.length() && n < MIN_LETTERS; i++) {
      if (Character.isLetter(text.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  private static final class Holder {
    static final TextObjectFactory TEXT_FACTORY = CommonTextObjectFactories.forDetectingOnLargeText();
    static final LanguageDetector DETECTOR = build();

    private static LanguageDetector build() {
      try {
        return LanguageDetectorBuilder.create(NgramExtractors.standard())
            .withProfiles(new LanguageProfileReader().readAllBuiltIn())
            .build();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load the language profiles", e);
      }
    }
  }
}
