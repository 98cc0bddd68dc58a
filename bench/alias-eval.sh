#!/usr/bin/env bash
# Precision and recall of "same entity" across documents against judged pairs of document-level
# entities (data-samples/eval/alias-pairs.tsv: id_a, id_b, name_a, name_b, same yes|no). The
# warehouse must have run `entities` on the corpus the pairs come from (data-samples/corpus for
# the bundled pairs). A pair is predicted the same when both its local_entity_ids are in
# entity_mentions and resolve to one entity_id; pairs with an id the warehouse does not hold are
# counted apart (the recognisers changed since the pairs were drawn).
#
#   bench/alias-eval.sh WAREHOUSE [PAIRS.tsv]
set -euo pipefail
warehouse=${1:?usage: bench/alias-eval.sh WAREHOUSE [PAIRS.tsv]}
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
pairs=$(readlink -f "${2:-$root/data-samples/eval/alias-pairs.tsv}")
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$pairs" "$tmp/pairs.json" <<'PY'
import json, sys
with open(sys.argv[1]) as src, open(sys.argv[2], "w") as out:
    header = None
    for line in src:
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if header is None:
            header = cols
            continue
        out.write(json.dumps(dict(zip(header, cols))) + "\n")
PY
"$root/bin/newslens" sql --warehouse "$warehouse" --output table --limit 1000 -e "
WITH pairs AS (SELECT id_a, id_b, name_a, name_b, same = 'yes' AS gold FROM json.\`$tmp/pairs.json\`),
ids AS (SELECT DISTINCT local_entity_id, entity_id FROM newslens.entity_mentions),
judged AS (
  SELECT p.*, a.entity_id AS ea, b.entity_id AS eb, a.entity_id = b.entity_id AS predicted
  FROM pairs p JOIN ids a ON a.local_entity_id = p.id_a JOIN ids b ON b.local_entity_id = p.id_b),
kinds AS (SELECT CASE WHEN id_a LIKE 'person:%' THEN 'person' ELSE 'acronym' END AS kind, * FROM judged)
SELECT kind, count(*) AS pairs, count_if(gold) AS same, count_if(predicted) AS merged,
       count_if(gold AND predicted) AS tp, count_if(NOT gold AND predicted) AS fp, count_if(gold AND NOT predicted) AS fn,
       round(count_if(gold AND predicted) / nullif(count_if(predicted), 0), 3) AS precision,
       round(count_if(gold AND predicted) / nullif(count_if(gold), 0), 3) AS recall,
       (SELECT count(*) FROM pairs) - (SELECT count(*) FROM judged) AS not_in_warehouse
FROM kinds GROUP BY ROLLUP(kind) ORDER BY kind NULLS LAST" 2>/dev/null
if [ "${ALIAS_EVAL_ERRORS:-0}" = 1 ]; then
  "$root/bin/newslens" sql --warehouse "$warehouse" --output table --limit 1000 -e "
  WITH pairs AS (SELECT id_a, id_b, same = 'yes' AS gold FROM json.\`$tmp/pairs.json\`),
  ids AS (SELECT DISTINCT local_entity_id, entity_id FROM newslens.entity_mentions)
  SELECT p.id_a, p.id_b, p.gold, a.entity_id AS entity_a, b.entity_id AS entity_b
  FROM pairs p JOIN ids a ON a.local_entity_id = p.id_a JOIN ids b ON b.local_entity_id = p.id_b
  WHERE p.gold <> (a.entity_id = b.entity_id) ORDER BY p.id_a, p.id_b" 2>/dev/null
fi
