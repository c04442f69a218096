"""Running a campaign: the command line, the runner, dated snapshots, HTML export, new-campaign scaffold."""
