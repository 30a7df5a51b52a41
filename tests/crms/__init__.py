"""Test schemas of open-source CRMs (a subset of their real tables, real names and types) and
generators of French data whose fate at a run date is known: what the shipped policies in
``include/policies/`` must do to them (tests/integration/test_shipped_policies.py)."""
