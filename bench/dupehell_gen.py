"""Generates a DupeHell "kyc" data set and writes its natural persons as CSV for both linkers.

    dupehell_gen.py OUTDIR SIZE [SEED]

SIZE is DupeHell's base size for the whole kyc domain (natural persons and legal entities);
about half the records are natural persons, so 200000 gives about 100k people and 2000000
about 1M. Writes OUTDIR/kyc_SIZE_SEED.csv (the people, without the structural keys
master_id and party_id) and OUTDIR/kyc_SIZE_SEED_truth.csv (record_id, master_id). Skips
the work when both files exist.
"""

import os
import sys
import tempfile

import dupehell
import pandas as pd

COLUMNS = [
    "record_id",
    "given_name",
    "family_name",
    "middle_name",
    "birth_date",
    "birth_place",
    "nationality",
    "email_address",
    "mobile_phone",
    "personal_administrative_number",
    "tax_id",
    "residential_address_line1",
    "residential_city",
    "residential_postal_code",
    "residential_state",
    "residential_country",
    "document_type",
    "document_number",
]


def main() -> None:
    out_dir, size = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    os.makedirs(out_dir, exist_ok=True)
    stem = os.path.join(out_dir, f"kyc_{size}_{seed}")
    data_csv, truth_csv = stem + ".csv", stem + "_truth.csv"
    if os.path.exists(data_csv) and os.path.exists(truth_csv):
        print(data_csv)
        return
    with tempfile.TemporaryDirectory(dir=out_dir) as tmp:
        result = dupehell.generate("kyc", size, seed=seed, difficulty="medium", output_dir=tmp)
        frame = pd.read_parquet(result.dataset)
    people = frame[frame.entity_type == "natural_person"]
    people[["record_id", "master_id"]].to_csv(truth_csv + ".part", index=False)
    people[COLUMNS].to_csv(data_csv + ".part", index=False)
    os.replace(truth_csv + ".part", truth_csv)
    os.replace(data_csv + ".part", data_csv)
    print(data_csv)


if __name__ == "__main__":
    main()
