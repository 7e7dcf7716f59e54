"""Runs Splink (DuckDB backend) on a DupeHell "kyc" natural-person CSV and scores it.

    dupehell_splink.py DATA.csv TRUTH.csv [--raw-dates]

DATA.csv is the file written by dupehell_gen.py (record_id plus the person columns) and
TRUTH.csv maps record_id to master_id. Splink never sees the truth; it is read only after
clustering, to score the output. The point is to compare Splink with our own Rust linker
on the same file in the same bench run.

The model follows the reference Splink configuration from our research notes, untuned:

  * every column is read as a string, empty = null. birth_date comes in mixed formats
    (1955-02-03, 03-02-1955, 1954/08/17), so it is first normalised to ISO yyyy-mm-dd;
    values that parse in none of these formats are kept as they are (and so count as
    null in the date comparison). Splink's DuckDB date parsing takes a single format,
    hence the pre-cast. With --raw-dates birth_date is left exactly as read, so only
    ISO dates parse and the rest count as null in the date comparison; that is how the
    reference numbers in our notes were produced (pairwise F1 0.819 at 0.5, on 100k
    and on 1M), whereas the default (normalised) run scores higher (0.859 on 100k,
    0.863 on 1M);
  * blocking rules for predictions: birth_date | given_name+family_name |
    family_name+residential_postal_code | email_address | tax_id | mobile_phone |
    residential_address_line1;
  * comparisons: NameComparison (term-frequency adjusted) on given_name and family_name,
    DateOfBirthComparison on birth_date, EmailComparison on email_address, ExactMatch on
    mobile_phone and tax_id, LevenshteinAtThresholds(residential_address_line1, [2, 4]),
    ExactMatch on residential_postal_code (term-frequency adjusted);
  * training: probability_two_random_records_match from given_name+family_name+birth_date
    with recall 0.5; u by random sampling (max_pairs 1e7); EM blocked on birth_date, then
    on family_name+residential_postal_code;
  * DuckDB with 2 threads; predict at match probability 0.01; connected-components
    clustering at 0.5 and at 0.9.

Scoring, with true pairs = unordered record pairs sharing a master_id:

  * pairwise precision/recall/F1 of the predicted pairs at match probability >= 0.5 and
    >= 0.9;
  * the same for the pairs implied by the clusters at 0.5 and 0.9, counted from group
    sizes (sum of n*(n-1)/2) so no cluster's pairs are ever materialised.

Prints one human-readable line per metric set and, as the last line, a JSON object with
system, records, true_pairs, scored_pairs, seconds {load, train, predict, cluster, total},
pairs_at_0_5, pairs_at_0_9, clusters_at_0_5 and clusters_at_0_9 (each {precision, recall,
f1}).
"""

import argparse
import json
import logging
import time

import duckdb
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

SYSTEM = "splink 5.0.0 duckdb"
THREADS = 2
PREDICT_THRESHOLD = 0.01
THRESHOLDS = (0.5, 0.9)  # for both the predicted pairs and the clusters

# The date layouts DupeHell writes; the first that parses wins.
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%Y/%m/%d"]


def connect():
    """An in-memory DuckDB connection with 2 threads, no progress bar, quiet logging."""
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("splink").setLevel(logging.WARNING)
    con = duckdb.connect()
    # DuckDB 2 refuses new work on a connection while a result is only partly fetched,
    # so every statement in this script is fetched to the end (fetchall, never fetchone).
    con.execute(f"SET threads = {THREADS}").fetchall()
    con.execute("SET enable_progress_bar = false").fetchall()
    return con


def key(threshold):
    """The JSON key suffix for a threshold: 0.5 -> "0_5"."""
    return f"{threshold}".replace(".", "_")


def load(con, data_path, raw_dates):
    """Reads DATA.csv into the table `people`, every column a string, empty as NULL.

    Unless raw_dates, birth_date is rewritten to ISO yyyy-mm-dd where one of DATE_FORMATS
    parses it, so the blocking rule and every level of DateOfBirthComparison see one
    format.
    """
    formats = ", ".join(f"'{f}'" for f in DATE_FORMATS)
    iso = f"strftime(try_strptime(birth_date, [{formats}]), '%Y-%m-%d')"
    birth_date = "birth_date" if raw_dates else f"coalesce({iso}, birth_date)"
    con.execute(
        f"""
        CREATE TABLE people AS
        SELECT * REPLACE ({birth_date} AS birth_date)
        FROM read_csv(?, header = true, all_varchar = true)
        """,
        [data_path],
    ).fetchall()
    return con.execute("SELECT count(*) FROM people").fetchall()[0][0]


def settings():
    """The reference model: blocking rules for prediction and the comparisons."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="record_id",
        blocking_rules_to_generate_predictions=[
            block_on("birth_date"),
            block_on("given_name", "family_name"),
            block_on("family_name", "residential_postal_code"),
            block_on("email_address"),
            block_on("tax_id"),
            block_on("mobile_phone"),
            block_on("residential_address_line1"),
        ],
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("family_name").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("birth_date", input_is_string=True),
            cl.EmailComparison("email_address"),
            cl.ExactMatch("mobile_phone"),
            cl.ExactMatch("tax_id"),
            cl.LevenshteinAtThresholds("residential_address_line1", [2, 4]),
            cl.ExactMatch("residential_postal_code").configure(
                term_frequency_adjustments=True
            ),
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def train(linker):
    """The reference training sequence."""
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "family_name", "birth_date")], recall=0.5
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("birth_date")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("family_name", "residential_postal_code")
    )


def prf(tp, predicted, actual):
    """Precision, recall and F1 from counts (0 where undefined)."""
    p = tp / predicted if predicted else 0.0
    r = tp / actual if actual else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def pairs_in_groups(con, sql):
    """Sum of n*(n-1)/2 over the group sizes n returned by `sql` (one column `n`)."""
    total = con.execute(f"SELECT coalesce(sum(n * (n - 1) // 2), 0) FROM ({sql})")
    return int(total.fetchall()[0][0])


def score_pairs(con, predictions, threshold, true_pairs):
    """P/R/F1 of the distinct predicted pairs with match_probability >= threshold."""
    predicted, tp = con.execute(
        f"""
        WITH p AS (
            SELECT DISTINCT least(record_id_l, record_id_r) AS a,
                            greatest(record_id_l, record_id_r) AS b
            FROM {predictions}
            WHERE match_probability >= {threshold}
        )
        SELECT count(*), count(*) FILTER (WHERE ta.master_id = tb.master_id)
        FROM p
        LEFT JOIN truth ta ON ta.record_id = p.a
        LEFT JOIN truth tb ON tb.record_id = p.b
        """
    ).fetchall()[0]
    return prf(tp, predicted, true_pairs)


def score_clusters(con, clusters, true_pairs):
    """P/R/F1 of the pairs implied by same cluster_id, counted from group sizes.

    TP = sum over (cluster, master) groups of k*(k-1)/2; predicted = the same over
    clusters; actual = the same over masters (true_pairs).
    """
    predicted = pairs_in_groups(
        con, f"SELECT count(*) AS n FROM {clusters} GROUP BY cluster_id"
    )
    tp = pairs_in_groups(
        con,
        f"""
        SELECT count(*) AS n
        FROM {clusters} c JOIN truth t ON t.record_id = c.record_id
        GROUP BY c.cluster_id, t.master_id
        """,
    )
    return prf(tp, predicted, true_pairs)


def line(name, m):
    """One human-readable summary line for a metric set."""
    return (
        f"{name:<16} precision {m['precision']:.4f}  recall {m['recall']:.4f}"
        f"  f1 {m['f1']:.4f}"
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", help="DupeHell kyc people CSV")
    parser.add_argument("truth", help="record_id,master_id CSV (scoring only)")
    parser.add_argument(
        "--raw-dates",
        action="store_true",
        help="do not normalise birth_date (reproduces the reference numbers)",
    )
    args = parser.parse_args()

    t0 = time.perf_counter()
    con = connect()
    records = load(con, args.data, args.raw_dates)
    db_api = DuckDBAPI(connection=con)
    linker = Linker(db_api.register("people"), settings(), log_level=logging.WARNING)
    t_load = time.perf_counter()

    train(linker)
    t_train = time.perf_counter()

    predictions = linker.inference.predict(threshold_match_probability=PREDICT_THRESHOLD)
    t_predict = time.perf_counter()

    clusters = {
        t: linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=t
        )
        for t in THRESHOLDS
    }
    t_cluster = time.perf_counter()

    # Scoring only from here on: the truth enters the database after Splink is done.
    con.execute(
        "CREATE TABLE truth AS SELECT record_id, master_id "
        "FROM read_csv(?, header = true, all_varchar = true)",
        [args.truth],
    ).fetchall()
    true_pairs = pairs_in_groups(
        con, "SELECT count(*) AS n FROM truth GROUP BY master_id"
    )
    pred_table = predictions.physical_name
    scored_pairs = con.execute(f"SELECT count(*) FROM {pred_table}").fetchall()[0][0]

    result = {
        "system": SYSTEM,
        "records": int(records),
        "true_pairs": true_pairs,
        "scored_pairs": int(scored_pairs),
        "seconds": {
            "load": round(t_load - t0, 2),
            "train": round(t_train - t_load, 2),
            "predict": round(t_predict - t_train, 2),
            "cluster": round(t_cluster - t_predict, 2),
            "total": round(t_cluster - t0, 2),
        },
    }
    for t in THRESHOLDS:
        result[f"pairs_at_{key(t)}"] = score_pairs(con, pred_table, t, true_pairs)
    for t in THRESHOLDS:
        result[f"clusters_at_{key(t)}"] = score_clusters(
            con, clusters[t].physical_name, true_pairs
        )

    s = result["seconds"]
    print(f"{SYSTEM}: {records} records, {true_pairs} true pairs, {scored_pairs} scored")
    print(
        f"seconds          load {s['load']}  train {s['train']}  predict {s['predict']}"
        f"  cluster {s['cluster']}  total {s['total']}"
    )
    for t in THRESHOLDS:
        print(line(f"pairs >= {t}", result[f"pairs_at_{key(t)}"]))
    for t in THRESHOLDS:
        print(line(f"clusters @ {t}", result[f"clusters_at_{key(t)}"]))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
