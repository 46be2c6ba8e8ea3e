print("triage-sim")
