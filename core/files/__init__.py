"""Files a person opens or keeps: the scenario JSON, the options CSV, and the CSV safety every
CSV goes through. Nothing here imports the decision: saving a scenario loads no scoring."""
