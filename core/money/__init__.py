"""Money over time: pay in all its parts, vesting and the cost of leaving (compensation), income
tax (tax), exchange rates (currency) and figures worth checking (plausibility)."""
