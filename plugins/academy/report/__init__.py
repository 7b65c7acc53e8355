"""The hub's view of the programme: the report, item analysis, renewals and data protection.

* `store`: reads the ledger's certificates and attempts (and the groups kept for them);
* `figures`: the programme figures of a period (issued, pass rates, expiry, cohorts);
* `items`: item analysis of the exam questions from the stored requests;
* `charts` and `page`: the self-contained HTML report (inline SVG and a data table per chart);
* `renewals`: who to remind before a certificate expires;
* `privacy`: erasure of a learner and the retention of stored requests.

Nothing here imports MkDocs, and nothing here writes into the built site: the report holds
personal data and goes to the private folder (`.academy/reports/`).
"""
