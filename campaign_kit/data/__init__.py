"""Reading the files users have: tables (CSV, Excel, Parquet) and the activity store of phase 4."""
