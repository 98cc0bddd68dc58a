#!/usr/bin/env bash
# Precision and recall of doc_themes against a labelled corpus's own categories. The corpus is
# newslens JSONL with `labels` (the collection's categories) and `themes` (e.g. ["energy"]: the
# themes those categories map to; bench/corpora/ makes both). Scored: the articles with at least
# one label (as ApteMod, Reuters-21578's usual evaluation set: a story with no category was not
# judged, for any theme), with `topics_attr` YES where the field exists (Reuters-21578), and, with
# SPLIT, of that split. The warehouse must have run `topics` on an ingest of that corpus (doc_id =
# the corpus's id); run `entities` first to score as `newslens run` does.
#
#   bench/themes-eval.sh WAREHOUSE LABELLED.jsonl [SPLIT]     e.g. ... /work/corpora/reuters21578.jsonl TEST
set -euo pipefail
warehouse=${1:?usage: bench/themes-eval.sh WAREHOUSE LABELLED.jsonl [SPLIT]}
labelled=$(readlink -f "${2:?usage: bench/themes-eval.sh WAREHOUSE LABELLED.jsonl [SPLIT]}")
split=${3:-}
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
filter="size(labels) > 0"
[ -n "$split" ] && filter="$filter AND split = '$split'"
first=$(head -n 1 "$labelled")
[[ $first == *'"topics_attr"'* ]] && filter="$filter AND topics_attr = 'YES'"
"$root/bin/newslens" sql --warehouse "$warehouse" --output table -e "
WITH gold AS (
  SELECT id, coalesce(themes, array()) AS themes
  FROM json.\`$labelled\`
  WHERE $filter),
predicted AS (
  SELECT doc_id, collect_set(theme) AS themes FROM newslens.doc_themes GROUP BY doc_id),
scored AS (
  SELECT g.themes AS gold, p.themes AS predicted FROM gold g JOIN predicted p ON g.id = p.doc_id),
per_theme AS (
  SELECT t.theme,
         count_if(array_contains(gold, t.theme) AND array_contains(predicted, t.theme)) AS tp,
         count_if(NOT array_contains(gold, t.theme) AND array_contains(predicted, t.theme)) AS fp,
         count_if(array_contains(gold, t.theme) AND NOT array_contains(predicted, t.theme)) AS fn,
         count(*) AS scored
  FROM scored CROSS JOIN (SELECT explode(array('energy', 'defence')) AS theme) t
  GROUP BY t.theme)
SELECT theme, scored, tp + fn AS labelled, tp + fp AS predicted, tp, fp, fn,
       round(tp / nullif(tp + fp, 0), 3) AS precision, round(tp / nullif(tp + fn, 0), 3) AS recall,
       round(2 * tp / nullif(2 * tp + fp + fn, 0), 3) AS f1,
       (SELECT count(*) FROM gold) - scored AS not_in_warehouse
FROM per_theme ORDER BY theme" 2>/dev/null
