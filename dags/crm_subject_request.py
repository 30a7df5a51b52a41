"""
### Data-subject request (`crm_subject_request`) · Demande d'une personne concernée

Triggered by hand (the form, or the REST API) for one request of a person (RGPD art. 15-21):
**access**, **portability**, **rectification**, **erasure** or **objection**.

1. **validate**: refuses, before anything is read or changed, a conf key that is not a param of this
   DAG, an invalid request (the message names the field: `email`, `received`, `reference`,
   `changes`...), a policy outside `CRM_PRIVACY_POLICY_DIR`, an unknown connection id. Such a run
   fails at once, without retry, and nothing is changed;
2. **handle**: opens the case in the register of the privacy ledger (the legal deadline is one month
   from `received`), finds the person in the CRM by the identifiers given and answers the request:
   access/portability export, rectification, erasure (the invoices stay, in the archive the law
   requires: C. com. L123-22), objection. Erasures and objections put the keyed hashes of the
   identifiers on the suppression list. The run writes its report under
   `CRM_PRIVACY_REPORTS_DIR/subject_request/<run id>/`; XCom holds the summary only (counts, case
   reference, status, paths). Triggering again with the same `reference` changes nothing.
   `dry_run` plans the request and changes nothing. `awaiting_identity` registers the case and
   acts on nothing until the identity check is recorded (`crm-privacy case pause`, which also moves
   the deadline); trigger again with the same `reference` then. When the case needs a person (several people
   match the identifiers, or an erasure left some behind) the case is `review` and the task fails,
   without retry, naming the case and its report (a red run gets looked at).

**Personal data.** The e-mail, phone, customer reference and a rectification's new values are
personal data. Airflow keeps a triggered run's conf in its metadata database (unavoidable for a
triggered run: restrict who can read DAG runs, and purge old runs with `airflow db clean`); the tasks
never log them and never push them to XCom, and the ledger keeps only their keyed hashes.

Connections: `crm_conn_id` (the CRM), `ledger_conn_id` (the privacy ledger); the key is the Airflow
variable `crm_privacy_hmac_key`. Open cases and their deadlines: DAG `crm_request_deadlines`.
"""

from __future__ import annotations

from airflow.sdk import Param, dag, get_current_context, task

from crm_privacy.dag_defaults import DEFAULT_ARGS, START_DATE, TAGS, connection_params

REQUEST = "Demande / Request"
PERSON = "Personne concernée / Data subject"
RUN = "Exécution / Run"


@dag(
    dag_id="crm_subject_request",
    schedule=None,
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=[*TAGS, "requests"],
    default_args=DEFAULT_ARGS,
    params={
        "request_type": Param(
            type="string",
            enum=["access", "portability", "rectification", "erasure", "objection"],
            values_display={
                "access": "Accès / Access (art. 15)",
                "portability": "Portabilité / Portability (art. 20)",
                "rectification": "Rectification (art. 16)",
                "erasure": "Effacement / Erasure (art. 17)",
                "objection": "Opposition / Objection (art. 21)",
            },
            title="Type de demande / Request type",
            section=REQUEST,
        ),
        "reference": Param(
            type="string",
            pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$",
            title="Référence du dossier / Case reference",
            description_md="Votre référence du dossier, ex. `DSR-2026-0042` (lettres, chiffres, `_ . : -`). "
            "Your case reference: the same reference again changes nothing.",
            section=REQUEST,
        ),
        "received": Param(
            None,
            type=["null", "string"],
            format="date",
            title="Reçue le / Received on",
            description_md="Date de réception (le délai d'un mois court de là) ; vide = aujourd'hui. "
            "Date received (the one-month deadline runs from it); empty = today.",
            section=REQUEST,
        ),
        "changes": Param(
            {},
            type="object",
            additionalProperties={"type": "string"},
            title="Rectifications / Changes",
            description_md='Rectification seulement : `{"colonne": "nouvelle valeur"}`. '
            "Rectification only: column -> new value.",
            section=REQUEST,
        ),
        "email": Param(
            None,
            type=["null", "string"],
            maxLength=254,
            title="E-mail",
            description_md="Au moins un identifiant / at least one identifier: e-mail, téléphone ou référence client.",
            section=PERSON,
        ),
        "phone": Param(
            None, type=["null", "string"], maxLength=40, title="Téléphone / Phone", section=PERSON
        ),
        "ref": Param(
            None,
            type=["null", "string"],
            maxLength=100,
            title="Référence client / Customer reference",
            section=PERSON,
        ),
        "awaiting_identity": Param(
            False,
            type="boolean",
            title="Identité à vérifier / Identity to check",
            description_md=(
                "Enregistrer la demande sans agir : un doute sur l'identité, un justificatif demandé "
                "(art. 12(6)). Register the request without acting while the identity is checked."
            ),
            section=REQUEST,
        ),
        "dry_run": Param(
            False,
            type="boolean",
            title="Essai à blanc / Dry run",
            description_md="Planifier seulement, ne rien modifier. Plan only: change nothing.",
            section=RUN,
        ),
        **{
            name: Param(param.value, description=param.description, section=RUN, **param.schema)
            for name, param in connection_params(__file__).items()
        },
    },
)
def crm_subject_request() -> None:
    @task
    def validate() -> dict:
        """Fails at once (no retry, nothing changed) on an invalid request, naming the field."""
        from crm_privacy.requests import tasks

        ctx = get_current_context()
        day = tasks.run_day(ctx.get("logical_date"), ctx["dag_run"].run_after)
        return tasks.validate(dict(ctx["params"]), ctx["dag_run"].conf, ctx["dag"].params.keys(), day)

    @task
    def handle(validated: dict) -> dict:
        from crm_privacy.requests import tasks

        ctx = get_current_context()
        return tasks.handle(dict(ctx["params"]), validated, ctx["run_id"], ctx["dag"].dag_id)

    handle(validate())


crm_subject_request()
