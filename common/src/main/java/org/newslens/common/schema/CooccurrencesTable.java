package org.newslens.common.schema;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** {@code cooccurrences}: entity pair × window kind × period, with significance; partitioned by period. */
public final class CooccurrencesTable {

  public static final String NAME = "cooccurrences";
  public static final String WINDOW = "window";
  public static final String ENTITY_A = "entity_a";
  public static final String ENTITY_B = "entity_b";
  public static final String N_AB = "n_ab";
  public static final String N_AB_SYNDICATED = "n_ab_syndicated";
  public static final String N_A = "n_a";
  public static final String N_B = "n_b";
  public static final String N_WINDOWS = "n_windows";
  public static final String PMI = "pmi";
  public static final String NPMI = "npmi";
  public static final String LLR = "llr";
  public static final String EXAMPLE_DOC_IDS = "example_doc_ids";
  public static final String PERIOD = "period";

  /** Window kinds. */
  public static final String SENTENCE = "sentence";
  public static final String DOCUMENT = "document";
  /** The period of counts over all months. */
  public static final String ALL = "all";

  public static final StructType SCHEMA =
      new StructType()
          .add(WINDOW, StringType, false, "Window kind: sentence or document")
          .add(ENTITY_A, StringType, false, "First entity of the pair (entity_a < entity_b)")
          .add(ENTITY_B, StringType, false, "Second entity of the pair")
          .add(N_AB, LongType, false, "Windows holding both")
          .add(N_AB_SYNDICATED, LongType, true, "Windows holding both, each counted once per input record of its document's near-duplicate cluster (syndication_count); null unless cooccur ran with --weight-by-syndication")
          .add(N_A, LongType, false, "Windows holding entity_a")
          .add(N_B, LongType, false, "Windows holding entity_b")
          .add(N_WINDOWS, LongType, false, "Windows of this kind and period holding at least one entity")
          .add(PMI, DoubleType, false, "ln(n_ab * n_windows / (n_a * n_b))")
          .add(NPMI, DoubleType, false, "PMI / -ln(n_ab / n_windows), in [-1, 1]; 1 when the pair fills every window")
          .add(LLR, DoubleType, false, "Dunning log-likelihood ratio G² of the 2×2 table (natural log)")
          .add(EXAMPLE_DOC_IDS, createArrayType(StringType, false), false, "Up to 5 documents with the pair, smallest ids first")
          .add(PERIOD, StringType, false, "yyyy-MM, 'unknown', or 'all' for every period together");

  public static final TableSpec SPEC = new TableSpec(NAME, SCHEMA, List.of(PERIOD));

  private CooccurrencesTable() {}
}
