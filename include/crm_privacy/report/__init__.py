"""Run reports for the DPO: ``report.json`` (versioned, for machines) and ``report.html`` (French by
default, one self-contained file), the index of every run, the register of processing (art. 30), and
the e-mail to the DPO. Everything here holds counts, rule ids and table names: never a CRM value."""
