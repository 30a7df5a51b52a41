"""PII discovery runs: personal data found where the policy declares none (the DPO's blind spots)."""
