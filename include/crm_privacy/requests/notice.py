"""LISEZMOI.txt of an export: what the files are and, for an access request, the art. 15(1) and 15(2)
information, taken from the policy (purposes, bases, retention, categories, recipients, transfers,
source, automated decisions, rights, the CNIL). In French: the person reads it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from crm_privacy.policy.model import Policy, Purpose
from crm_privacy.report.i18n import LEGAL_BASES
from crm_privacy.report.i18n_register import FR as REGISTER_WORDS
from crm_privacy.report.register import period_words
from crm_privacy.requests.collect import ARCHIVE_CATEGORY, Collected
from crm_privacy.requests.model import SubjectRequest

#: columns of the subject table that record where a record came from (art. 15(1)(g)), when present
SOURCE_COLUMNS = ("source", "lead_source", "origin")
CNIL = (
    "Vous pouvez introduire une réclamation auprès de la Commission nationale de l'informatique et des "
    "libertés (CNIL) : en ligne sur www.cnil.fr, ou par courrier à CNIL, 3 place de Fontenoy, TSA 80715, "
    "75334 Paris Cedex 07 (art. 77 du RGPD)."
)


def readme(
    policy: Policy,
    request: SubjectRequest,
    as_of: dt.date,
    tables: Sequence[Collected],
    reached: Sequence[Purpose],
    *,
    portability: bool,
) -> str:
    """The whole text (``\\n`` line ends)."""
    right = (
        "droit à la portabilité (article 20 du RGPD)" if portability else "droit d'accès (article 15 du RGPD)"
    )
    lines = [
        f"Vos données personnelles : {right}",
        "",
        f"Responsable du traitement : {policy.controller}",
        f"Délégué à la protection des données : {policy.dpo or 'non désigné ; écrivez au responsable du traitement'}",
        f"Demande {request.reference}, reçue le {_day(request.received)} ; fichiers établis le {_day(as_of)}.",
        "",
        *_files(tables, portability),
    ]
    if portability:
        lines += _portability(policy, reached, tables)
    else:
        lines += _access(policy, reached, tables)
    lines += ["", "Réclamation", CNIL, ""]
    return "\n".join(lines)


def _files(tables: Sequence[Collected], portability: bool) -> list[str]:
    out = [
        "Les fichiers",
        "- json/<table>.json et csv/<table>.csv : vos lignes de chaque table (CSV : UTF-8, virgules, une",
        "  ligne d'en-tête ; dates au format ISO 8601 AAAA-MM-JJ, montants en texte avec un point décimal) ;",
        "- json/all.json : toutes les tables dans un seul fichier ;",
        "- schema.json : chaque table et colonne, son type et la catégorie de données qu'elle contient ;",
        "- SHA256SUMS : l'empreinte SHA-256 de chaque fichier (vérification : sha256sum -c SHA256SUMS).",
        "",
        "Nombre de lignes par table :",
    ]
    for table in tables:
        note = (
            " (archive intermédiaire : conservées au titre d'une obligation légale)" if table.archive else ""
        )
        out.append(f"- {table.name} : {len(table.rows)}{note}")
    out += [
        "",
        "Les noms, téléphones et adresses électroniques d'autres personnes cités dans nos notes sont remplacés",
        "par <PERSONNE>, <TELEPHONE>, <EMAIL> : leurs données ne peuvent pas vous être communiquées",
        f"(art. {'20(4)' if portability else '15(4)'} du RGPD). Vos propres coordonnées y figurent telles quelles.",
    ]
    return out


def _access(policy: Policy, reached: Sequence[Purpose], tables: Sequence[Collected]) -> list[str]:
    out = ["", "Finalités, bases légales et durées de conservation (art. 15(1)(a) et (d))"]
    if not reached:
        out.append("Aucune finalité de notre registre ne s'applique à ce jour à vos données.")
    for purpose in reached:
        out += _purpose(purpose)
    others = [p for p in policy.purposes if p not in reached]
    if others:
        out += ["", "Autres finalités de notre registre (vos données n'y sont pas traitées à ce jour) :"]
        out += [f"- {p.title} ({LEGAL_BASES['fr'][p.legal_basis.value]})" for p in others]
    out += ["", "Catégories de données (art. 15(1)(b))", *_categories(tables)]
    recipients = list(dict.fromkeys(r for p in reached for r in p.recipients))
    out += ["", "Destinataires (art. 15(1)(c))", f"- {', '.join(recipients) or 'aucun destinataire'}"]
    out += ["", "Origine des données (art. 15(1)(g))", *_source(policy, tables)]
    out += [
        "",
        "Décisions automatisées (art. 15(1)(h))",
        "Aucune décision produisant des effets juridiques à votre égard ou vous affectant de manière",
        "significative n'est prise sur le seul fondement d'un traitement automatisé, profilage compris (art. 22).",
        "",
        "Vos droits (art. 15(1)(e))",
        "- rectification de données inexactes ou incomplètes (art. 16) ;",
        f"- effacement (art. 17){_holds(policy)} ;",
        "- limitation du traitement (art. 18) ;",
        "- opposition (art. 21), à tout moment et sans motif à la prospection commerciale ;",
        "- portabilité des données que vous nous avez fournies, traitées sur la base de votre consentement",
        "  ou d'un contrat (art. 20) ;",
        "- retrait de votre consentement à tout moment, sans effet sur les traitements passés (art. 7(3)).",
        f"Pour les exercer : {policy.dpo or policy.controller}.",
    ]
    return out


def _holds(policy: Policy) -> str:
    """What the law obliges us to keep despite an erasure request (art. 17(3)(b))."""
    holds = [
        f"{name} : {tp.hold.legal_basis}, {period_words(str(tp.hold.period), 'fr')}"
        for name, tp in policy.tables.items()
        if tp.hold is not None
    ]
    return f", sauf ce que la loi nous oblige à conserver ({'; '.join(holds)})" if holds else ""


def _purpose(purpose: Purpose) -> list[str]:
    out = [
        "",
        f"- {purpose.title}",
        f"  Base légale : {LEGAL_BASES['fr'][purpose.legal_basis.value]}",
    ]
    if purpose.description:
        out.append(f"  {purpose.description}")
    out += [
        f"  Conservation : {period_words(str(purpose.retention), 'fr')} à compter de : {purpose.clock_starts}",
        f"  À l'échéance : {purpose.at_expiry}",
        f"  Destinataires : {', '.join(purpose.recipients) or 'aucun'}",
    ]
    for t in purpose.transfers:  # art. 15(2): the safeguards of a transfer outside the EU/EEA
        out.append(f"  Transfert hors de l'UE : {t.recipient} ({t.country}), garanties : {t.safeguards}")
    return out


def _categories(tables: Sequence[Collected]) -> list[str]:
    words = REGISTER_WORDS["categories"]
    where: dict[str, list[str]] = {}
    for table in tables:
        if not table.rows:
            continue
        for column in table.columns:
            category = table.categories.get(column.name, table.category)
            if category != ARCHIVE_CATEGORY and table.name not in where.setdefault(category, []):
                where[category].append(table.name)
    if not where:
        return ["- aucune donnée vous concernant dans notre CRM"]
    return [f"- {words.get(c, c)} : {', '.join(names)}" for c, names in where.items()]


def _source(policy: Policy, tables: Sequence[Collected]) -> list[str]:
    out = [
        "Vos données ont été collectées auprès de vous (formulaires, échanges, commandes, consentements) ou",
        "observées lors de nos échanges avec vous (historique des contacts, achats).",
    ]
    subject = next((t for t in tables if t.name == policy.subject.table), None)
    if subject is not None:
        names = {c.name for c in subject.columns}
        column = next((c for c in SOURCE_COLUMNS if c in names), None)
        recorded = sorted({str(r[column]) for r in subject.rows if column and r[column] is not None})
        if recorded:
            out.append(f"Origine de votre fiche enregistrée dans notre CRM : {', '.join(recorded)}.")
    inferred = [
        f"{name} ({'toute la table' if tp.inferred == ['*'] else ', '.join(tp.inferred)})"
        for name, tp in policy.tables.items()
        if tp.inferred
    ]
    if inferred:
        out.append(f"Données que nous avons nous-mêmes déduites ou calculées : {'; '.join(inferred)}.")
    return out


def _portability(policy: Policy, reached: Sequence[Purpose], tables: Sequence[Collected]) -> list[str]:
    from crm_privacy.requests.scope import PORTABLE_BASES

    portable = [p for p in reached if p.legal_basis in PORTABLE_BASES]
    out = [
        "",
        "Contenu",
        "Les données que vous nous avez fournies et celles que nous avons observées (historique des échanges,",
        "commandes, consentements), dans un format structuré, couramment utilisé et lisible par machine, pour",
        "les traitements fondés sur votre consentement ou sur un contrat :",
        *[f"- {p.title} ({LEGAL_BASES['fr'][p.legal_basis.value]})" for p in portable],
        "",
        "Ne sont pas incluses les données que nous avons déduites ou calculées (scores, segments, notes",
        "internes, marges), ni les données d'autres personnes. schema.json liste les colonnes écartées.",
        "Vous pouvez transmettre ces fichiers à un autre responsable du traitement (art. 20(1)) ou nous",
        f"demander de le faire directement lorsque c'est techniquement possible (art. 20(2)) : {policy.dpo or policy.controller}.",
    ]
    return out


def _day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")
