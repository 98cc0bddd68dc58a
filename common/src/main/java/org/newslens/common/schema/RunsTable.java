package org.newslens.common.schema;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code runs}: one row per job execution (lineage), appended by every job. */
public final class RunsTable {

  public static final String NAME = "runs";
  public static final String RUN_ID = "run_id";
  public static final String JOB = "job";
  public static final String STATUS = "status";
  public static final String STARTED_AT = "started_at";
  public static final String FINISHED_AT = "finished_at";
  public static final String APP_VERSION = "app_version";
  public static final String SPARK_VERSION = "spark_version";
  public static final String CONFIG = "config";
  public static final String INPUTS = "inputs";
  public static final String ROWS_IN = "rows_in";
  public static final String ROWS_OUT = "rows_out";
  public static final String QUARANTINED = "quarantined";
  public static final String COUNTERS = "counters";
  public static final String STAGE_SECONDS = "stage_seconds";

  public static final StructType SCHEMA =
      new StructType()
          .add(RUN_ID, StringType, false, "Hash of job, config and input fingerprint: a re-run on the same input shares it")
          .add(JOB, StringType, false, "Job name: ingest, entities, ...")
          .add(STATUS, StringType, false, "SUCCEEDED or FAILED")
          .add(STARTED_AT, TimestampType, false, "Start of this execution (UTC)")
          .add(FINISHED_AT, TimestampType, false, "End of this execution (UTC)")
          .add(APP_VERSION, StringType, false, "newslens version")
          .add(SPARK_VERSION, StringType, false, "Spark version the job ran on")
          .add(CONFIG, StringType, false, "The job's effective options as JSON")
          .add(INPUTS, createArrayType(StringType, false), false, "Input paths or tables")
          .add(ROWS_IN, LongType, false, "Input records read")
          .add(ROWS_OUT, createMapType(StringType, LongType, false), false, "Rows written per table")
          .add(QUARANTINED, LongType, false, "Input records sent to quarantine")
          .add(COUNTERS, createMapType(StringType, LongType, false), false, "Job counters: quarantine reasons, undated documents, caps applied")
          .add(STAGE_SECONDS, createMapType(StringType, DataTypes.DoubleType, false), false, "Wall seconds per stage");

  public static final TableSpec SPEC = new TableSpec(NAME, SCHEMA, List.of());

  private RunsTable() {}
}
