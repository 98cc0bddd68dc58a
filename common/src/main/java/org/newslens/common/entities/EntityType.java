package org.newslens.common.entities;

import java.util.Set;

/** Entity types of {@code entity_mentions.entity_type} (DESIGN.md). */
public enum EntityType {
  PERSON,
  ORG,
  LOCATION,
  /** Weapons and platforms: S-400, Su-57, BrahMos, INS Vikrant. */
  MILITARY_SYSTEM,
  /** Named military operations: Operation Sindhur. */
  OPERATION,
  /** Treaties, pacts, agreements: RELOS, New START. */
  AGREEMENT,
  /** Energy commodities, facilities, technologies: crude oil, LNG, compact reactors. */
  ENERGY,
  MISC;

  private static final Set<EntityType> DOMAIN = Set.of(MILITARY_SYSTEM, OPERATION, AGREEMENT, ENERGY);

  /** Domain types beat generic ones (PERSON, ORG, LOCATION, MISC) on the same span. */
  public boolean isDomain() {
    return DOMAIN.contains(this);
  }
}
