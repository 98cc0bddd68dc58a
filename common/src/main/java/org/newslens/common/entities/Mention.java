package org.newslens.common.entities;

import java.io.Serializable;

/**
 * One entity mention with its evidence: [begin, end) UTF-16 offsets into the document text, the
 * surface, type, resolved entity, how it was found ({@code method}) and a confidence.
 */
public record Mention(
    int begin,
    int end,
    String surface,
    EntityType type,
    String entityId,
    String canonicalName,
    String method,
    double confidence,
    String wikidataId,
    String theme)
    implements Serializable {

  public static final String CRF = "crf";
  public static final String GAZETTEER = "gazetteer";
  public static final String DESIGNATION = "pattern:designation";
  public static final String OPERATION = "pattern:operation";
  public static final String AGREEMENT = "pattern:agreement";
  public static final String ACRONYM = "pattern:acronym";
  public static final String COREF = "coref";

  public int length() {
    return end - begin;
  }

  public boolean overlaps(Mention o) {
    return begin < o.end && o.begin < end;
  }

  /** A mention of a curated entry. */
  public static Mention of(int begin, int end, String text, GazetteerEntry e, String method, double confidence) {
    return new Mention(begin, end, text.substring(begin, end), e.type(), e.id(), e.canonicalName(), method,
        confidence, e.wikidataId(), e.theme());
  }
}
