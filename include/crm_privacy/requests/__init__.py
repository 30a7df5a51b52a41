"""Data-subject requests (RGPD art. 15-21): access, portability, rectification, erasure, objection."""
