package org.newslens.common.entities;

import java.util.ArrayList;
import java.util.List;

/** The resolver fed as the entity stage feeds it: given CRF mentions, the gazetteer's and the patterns'. */
final class ResolverFixture {

  private static final Gazetteer GAZETTEER = Gazetteer.load(List.of());

  private ResolverFixture() {}

  /** A CRF mention of the first occurrence of {@code surface} in {@code text}. */
  static Mention crf(String text, String surface, EntityType type) {
    int b = text.indexOf(surface);
    return new Mention(b, b + surface.length(), surface, type, null, null, Mention.CRF, 0.8, "", "none");
  }

  static List<Mention> resolve(String text, Mention... crf) {
    List<Mention> all = new ArrayList<>(List.of(crf));
    GAZETTEER.find(text).forEach(m -> all.add(Mention.of(m.begin(), m.end(), text, m.entry(), Mention.GAZETTEER, 0.95)));
    all.addAll(DomainPatterns.find(text));
    return MentionResolver.resolve(text, all, GAZETTEER);
  }
}
