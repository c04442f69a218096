"""Running campaigns on a scheduler: the Airflow DAG factory (`airflow.py`), its calendar (`schedule.py`),
the process between a task and the workbook's run (`guard.py`) and the file a data team drops into
Airflow's dags/ folder (`dags/campaigns.py`).

Nothing here is imported by the rest of the package: `airflow.py` and `schedule.py` run inside
Airflow's own virtual environment and call the workbook's command line in the workbook's venv.
"""
