"""Findings of a run written as the decisions a DPO has to take (or as information when none is due).

Each finding has a code, a count, where it was found (rule, table, column) and a text in the report's
language. Texts name rules, tables and columns: never a value from the CRM.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from crm_privacy.report.i18n import Lang

# code -> (severity, French text, English text); {n} count, {rule} rule id, {title} rule title
_RULE_FINDINGS: dict[str, tuple[str, str, str]] = {
    "missing_date": (
        "decision",
        "{n} personne(s) sans date de départ pour la règle {rule} ({title}) : leur durée de conservation "
        "ne peut pas être calculée et rien n'a été fait pour elles. À décider : compléter la date dans le "
        "CRM, ou décider de leur sort.",
        "{n} person(s) without a start date for rule {rule} ({title}): their retention period cannot be "
        "computed and nothing was done for them. To decide: fill in the date in the CRM, or decide what "
        "happens to them.",
    ),
    "notice_to_send": (
        "info",
        "{n} avis d'inactivité à envoyer pour la règle {rule} ({title}) : les personnes sont prévenues "
        "avant toute action, qui aura lieu à la fin du délai d'attente.",
        "{n} inactivity notice(s) to send for rule {rule} ({title}): people are warned before anything "
        "is done, which happens when the waiting period ends.",
    ),
    "notice_waiting": (
        "info",
        "{n} personne(s) prévenue(s) pour la règle {rule} ({title}) : délai d'attente en cours, aucune "
        "action avant son terme.",
        "{n} person(s) warned for rule {rule} ({title}): waiting period running, nothing is done before "
        "it ends.",
    ),
    "no_consent_record": (
        "info",
        "{n} personne(s) sans aucun consentement enregistré, règle {rule} ({title}) : traitées comme "
        "sans consentement.",
        "{n} person(s) with no consent recorded, rule {rule} ({title}): treated as without consent.",
    ),
    "withdrawn": (
        "info",
        "{n} consentement(s) retiré(s), règle {rule} ({title}).",
        "{n} consent(s) withdrawn, rule {rule} ({title}).",
    ),
    "refused": (
        "info",
        "{n} consentement(s) refusé(s), règle {rule} ({title}).",
        "{n} consent(s) refused, rule {rule} ({title}).",
    ),
    "invalid_mechanism": (
        "decision",
        "{n} consentement(s) recueilli(s) par un moyen non valable (case pré-cochée, acceptation des CGV), "
        "règle {rule} ({title}) : traités comme absents. À décider : corriger le formulaire de collecte.",
        "{n} consent(s) collected in an invalid way (pre-ticked box, terms acceptance), rule {rule} "
        "({title}): treated as absent. To decide: fix the collection form.",
    ),
    "no_mechanism": (
        "decision",
        "{n} consentement(s) sans moyen de recueil enregistré, règle {rule} ({title}) : preuve "
        "insuffisante, traités comme absents. À décider : enregistrer le moyen de recueil.",
        "{n} consent(s) without a recorded collection mechanism, rule {rule} ({title}): insufficient "
        "proof, treated as absent. To decide: record how consent is collected.",
    ),
    "no_text_version": (
        "decision",
        "{n} consentement(s) sans version du texte présenté, règle {rule} ({title}) : preuve "
        "insuffisante, traités comme absents. À décider : enregistrer la version du texte.",
        "{n} consent(s) without the version of the text shown, rule {rule} ({title}): insufficient "
        "proof, treated as absent. To decide: record the text version.",
    ),
    "no_given_at": (
        "decision",
        "{n} consentement(s) sans date de recueil, règle {rule} ({title}) : preuve insuffisante, "
        "traités comme absents. À décider : enregistrer la date de recueil.",
        "{n} consent(s) without a collection date, rule {rule} ({title}): insufficient proof, treated "
        "as absent. To decide: record the collection date.",
    ),
}


def _item(code: str, severity: str, text: str, count: int | None = None, **where: Any) -> dict[str, Any]:
    return {"code": code, "severity": severity, "count": count, **where, "text": text}


def rule_findings(rules: Iterable[Mapping[str, Any]], lang: Lang) -> list[dict[str, Any]]:
    out = []
    for rule in rules:
        for code, count in sorted((rule.get("findings") or {}).items()):
            if not count:
                continue
            severity, fr, en = _RULE_FINDINGS.get(
                code,
                (
                    "decision",
                    "{n} constat(s) « {code} », règle {rule} ({title}).",
                    "{n} finding(s) '{code}', rule {rule} ({title}).",
                ),
            )
            text = (fr if lang == "fr" else en).format(
                n=count, rule=rule.get("rule_id"), title=rule.get("title"), code=code
            )
            out.append(_item(code, severity, text, int(count), rule_id=rule.get("rule_id")))
    return out


def guard_finding(guard: Mapping[str, Any] | None, dry_run: bool, lang: Lang) -> list[dict[str, Any]]:
    if not guard or guard.get("verdict") != "refused":
        return []
    reason = str(guard.get("reason", ""))
    if lang == "fr":
        text = (
            f"Plan refusé par le garde-fou ({reason}). À décider : relire le plan d'une simulation, puis "
            "autoriser explicitement une part plus grande (paramètre max_share) si le plan est juste."
        )
        if dry_run:
            text = (
                f"Une exécution réelle serait refusée par le garde-fou ({reason}). " + text.split(". ", 1)[1]
            )
    else:
        text = (
            f"Plan refused by the guard ({reason}). To decide: review the plan of a dry run, then allow a "
            "larger share explicitly (max_share) if the plan is right."
        )
        if dry_run:
            text = f"A real run would be refused by the guard ({reason}). " + text.split(". ", 1)[1]
    return [_item("guard_refused", "decision", text)]


def validation_findings(validation: Mapping[str, Any] | None, lang: Lang) -> list[dict[str, Any]]:
    out = []
    for failed in (validation or {}).get("failed") or []:
        where = ".".join(str(p) for p in (failed.get("table"), failed.get("column")) if p)
        n = failed.get("unexpected_count")
        rule = failed.get("rule")
        if lang == "fr":
            text = (
                f"Contrôle en échec : {failed.get('expectation')} sur {where or 'la base'}"
                f"{f' (règle {rule})' if rule else ''} : {n} ligne(s) en écart. À décider : ne pas "
                "signer ce résultat ; examiner la cause (Data Docs), corriger, relancer."
            )
        else:
            text = (
                f"Failed check: {failed.get('expectation')} on {where or 'the database'}"
                f"{f' (rule {rule})' if rule else ''}: {n} row(s) at fault. To decide: do not sign this "
                "result off; look at the cause (Data Docs), fix, run again."
            )
        out.append(
            _item(
                "validation_failed",
                "decision",
                text,
                n if isinstance(n, int) else None,
                rule_id=rule,
                table=failed.get("table"),
                column=failed.get("column"),
            )
        )
    return out


def discovery_findings(discovery: Mapping[str, Any] | None, lang: Lang) -> list[dict[str, Any]]:
    if not discovery:
        return []
    out = []
    for col in discovery.get("undeclared") or []:
        where = f"{col.get('table')}.{col.get('column')}"
        kinds = ", ".join(sorted(col.get("entities") or {})) or "?"
        share = float(col.get("share_with_pii") or 0) * 100
        if lang == "fr":
            text = (
                f"Colonne non déclarée contenant des données personnelles : {where} ({kinds} ; "
                f"{share:.0f} % des lignes échantillonnées). Traitement non recensé : à décider, la "
                "déclarer dans la politique (catégorie, action à l'échéance) ou l'effacer."
            )
        else:
            text = (
                f"Undeclared column holding personal data: {where} ({kinds}; {share:.0f}% of the rows "
                "sampled). Unrecorded processing: to decide, declare it in the policy (category, action "
                "at expiry) or erase it."
            )
        out.append(
            _item(
                "undeclared_column",
                "decision",
                text,
                col.get("rows_with_pii"),
                table=col.get("table"),
                column=col.get("column"),
            )
        )
    for name in discovery.get("missing_declared") or []:
        text = (
            f"Colonne déclarée par la politique mais absente de la base : {name}. À décider : corriger la politique."
            if lang == "fr"
            else f"Column declared by the policy but missing from the database: {name}. To decide: fix the policy."
        )
        out.append(_item("missing_declared_column", "decision", text, None, column=name))
    return out
