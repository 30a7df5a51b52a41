"""The words of the register of processing (art. 30), one dict per language: French first, English."""

from __future__ import annotations

from typing import Any

FR: dict[str, Any] = {
    "title": "Registre des activités de traitement",
    "subtitle": "Article 30 du RGPD, établi à partir de la politique",
    "policy": "Politique",
    "version": "version",
    "generated": "établi le",
    "crm": "CRM",
    "colon": " : ",
    "semicolon": " ; ",
    "controller_h": "Responsable du traitement et délégué à la protection des données",
    "controller": "Responsable du traitement",
    "dpo": "Délégué à la protection des données (DPO)",
    "not_given": "non renseigné",
    "purposes_h": "Finalités",
    "purpose": "Finalité",
    "legal_basis": "Base légale",
    "description": "Description",
    "data_subjects": "Catégories de personnes concernées",
    "data_categories": "Catégories de données",
    "tables": "Tables et colonnes",
    "recipients": "Destinataires",
    "transfers": "Transferts hors de l'UE/EEE",
    "no_transfer": "aucun",
    "transfer": "{recipient} ({country}) : {safeguards}",
    "retention": "Durée de conservation",
    "clock_starts": "Point de départ :",
    "at_expiry": "À l'échéance :",
    "rules": "Règles qui la mettent en œuvre",
    "no_rule": "aucune règle de la politique",
    "held_only": "aucune règle : l'obligation légale de conservation de {tables} (ci-dessous)",
    "consent": "Consentement",
    "consent_required": "requis (consentement « {purpose} » valide)",
    "consent_not_required": "non requis",
    "scope_all": "toutes les données de la personne",
    "scope_some": "catégories : {categories}",
    "clock": "horloge : {columns}",
    "notice": "avis à la personne, action {wait} après",
    "grace": "délai pour recueillir le consentement : {grace}",
    "rows": {
        "delete": "lignes supprimées",
        "archive": "lignes archivées sous obligation légale, sinon supprimées",
        "hold": "lignes conservées sous obligation légale",
        "delete_with_parent": "lignes rattachées à une ligne supprimée : supprimées avec elle",
    },
    "columns": "colonnes {columns}",
    "unreached_h": "Tables qu'aucune règle ni obligation légale n'atteint",
    "unreached": (
        "La politique ne leur fixe aucune durée de conservation : rattachez-les à une finalité (règle ou "
        "obligation légale) ou justifiez leur conservation."
    ),
    "holds_h": "Obligations légales de conservation",
    "table": "Table",
    "hold_basis": "Fondement",
    "period": "Durée",
    "starts_at": "Départ (colonne)",
    "hold_columns": "Colonnes traitées pendant la conservation",
    "archive": "Archive intermédiaire",
    "reader_role": "rôle lecteur : {role}",
    "in_place": "conservées dans la table",
    "no_hold": "aucune",
    "security_h": "Mesures de sécurité",
    "product_measures": "Mesures techniques appliquées par crm-privacy",
    "declared_measures": "Mesures déclarées par le responsable du traitement",
    "none_declared": "aucune mesure déclarée dans la politique",
    "footer": (
        "Établi par crm-privacy à partir de la politique {file} (sha256 {sha256}). Les données "
        "réelles du CRM n'y figurent pas : seulement ce que la politique déclare."
    ),
    "units": {"y": ("an", "ans"), "m": ("mois", "mois"), "d": ("jour", "jours")},
    "legal_bases": {
        "consent": "Consentement (art. 6(1)(a))",
        "contract": "Exécution d'un contrat (art. 6(1)(b))",
        "legal_obligation": "Obligation légale (art. 6(1)(c))",
        "legitimate_interest": "Intérêt légitime (art. 6(1)(f))",
    },
    "categories": {
        "identity": "identité",
        "contact_channel": "coordonnées",
        "location": "localisation",
        "marketing": "données commerciales et marketing",
        "professional": "vie professionnelle",
        "interaction_history": "historique des échanges",
        "consent_proof": "preuves de consentement",
        "free_text": "texte libre (notes)",
        "contract": "données contractuelles",
        "accounting": "données comptables et de facturation",
    },
    "measures": {
        "keyed_pseudonyms": (
            "Pseudonymes à clé : HMAC-SHA256 des valeurs normalisées (colonnes « hmac », personnes citées "
            "dans le ledger). La clé n'est ni dans la politique ni dans le dépôt (variable d'environnement, "
            "variable ou connexion Airflow), n'est jamais affichée ni enregistrée ; sans elle, une "
            "exécution réelle est refusée."
        ),
        "hash_chained_ledger": (
            "Ledger des exécutions dans une base distincte du CRM (la même base est refusée) : chaque "
            "exécution, plan, lot et résultat de validation, avec l'empreinte sha256 de la politique "
            "appliquée, y est scellé par une chaîne de hachage SHA-256 ; la vérification de la chaîne "
            "détecte une ligne modifiée, supprimée ou insérée."
        ),
        "no_personal_data_in_outputs": (
            "Aucune donnée personnelle dans les journaux, les rapports, le ledger et les résultats de "
            "validation : des nombres, des noms de tables, de colonnes et de règles, des empreintes à clé ; "
            "les valeurs citées par les erreurs de base de données sont masquées."
        ),
        "blast_radius_guard": (
            "Garde-fou : une exécution qui toucherait plus de {max_share} des lignes d'une table est "
            "refusée, sauf autorisation explicite pour cette exécution."
        ),
        "atomic_batches": (
            "Traitement par lots de {batch_size} personnes au plus, chacun en une transaction : une ligne "
            "n'est jamais à moitié traitée, et un lot rejoué ne refait rien de ce qui est fait."
        ),
        "validation_gate": (
            "Contrôle de validation (Great Expectations) après chaque purge réelle : il prouve, par des requêtes "
            "écrites d'après la politique, qu'il ne reste rien de ce que les règles devaient traiter ; "
            "un échec fait échouer l'exécution."
        ),
        "private_work_files": (
            "Les fichiers de travail qui contiennent les clés des personnes traitées ne sont lisibles que "
            "par le compte qui exécute (fichiers 0600, répertoires 0700)."
        ),
        "one_run_at_a_time": "Une seule purge à la fois sur un même CRM (verrou tenu dans le CRM).",
        "archive_reader_role": (
            "Archive intermédiaire : les lignes sous obligation légale de {table} passent dans {archive}, "
            "avec leur fondement et leur date de purge. Sur PostgreSQL, la lecture en est retirée à "
            "PUBLIC et accordée au seul rôle {role} (outre le compte propriétaire) ; sur MariaDB, elle est "
            "accordée au rôle {role}. Les lignes arrivées à échéance sont purgées à chaque exécution."
        ),
        "free_text_scrubbing": (
            "Texte libre ({columns}) : les données personnelles détectées (Presidio, en français) et les "
            "valeurs enregistrées de la personne sont retirées des textes."
        ),
        "pii_discovery": (
            "Découverte des données personnelles (DAG crm_pii_discovery, chaque semaine) : une colonne "
            "texte qui en contient sans être déclarée dans la politique est signalée au DPO."
        ),
    },
}

EN: dict[str, Any] = {
    "title": "Record of processing activities",
    "subtitle": "Article 30 GDPR, drawn from the policy",
    "policy": "Policy",
    "version": "version",
    "generated": "generated on",
    "crm": "CRM",
    "colon": ": ",
    "semicolon": "; ",
    "controller_h": "Controller and data protection officer",
    "controller": "Controller",
    "dpo": "Data protection officer (DPO)",
    "not_given": "not given",
    "purposes_h": "Purposes",
    "purpose": "Purpose",
    "legal_basis": "Legal basis",
    "description": "Description",
    "data_subjects": "Categories of data subjects",
    "data_categories": "Categories of personal data",
    "tables": "Tables and columns",
    "recipients": "Recipients",
    "transfers": "Transfers outside the EU/EEA",
    "no_transfer": "none",
    "transfer": "{recipient} ({country}): {safeguards}",
    "retention": "Retention period",
    "clock_starts": "Starts at:",
    "at_expiry": "At expiry:",
    "rules": "Rules implementing it",
    "no_rule": "no rule of the policy",
    "held_only": "no rule: the legal retention obligation of {tables} (below)",
    "consent": "Consent",
    "consent_required": "required (valid '{purpose}' consent)",
    "consent_not_required": "not required",
    "scope_all": "all data of the person",
    "scope_some": "categories: {categories}",
    "clock": "clock: {columns}",
    "notice": "notice to the person, action {wait} later",
    "grace": "time to collect consent: {grace}",
    "rows": {
        "delete": "rows deleted",
        "archive": "rows archived under a legal obligation, else deleted",
        "hold": "rows kept under a legal obligation",
        "delete_with_parent": "rows attached to a deleted row: deleted with it",
    },
    "columns": "columns {columns}",
    "unreached_h": "Tables no rule and no legal obligation reaches",
    "unreached": (
        "The policy sets them no retention limit: attach them to a purpose (a rule or a legal "
        "obligation) or justify keeping them."
    ),
    "holds_h": "Legal retention obligations",
    "table": "Table",
    "hold_basis": "Legal ground",
    "period": "Period",
    "starts_at": "Starts at (column)",
    "hold_columns": "Columns treated while kept",
    "archive": "Intermediate archive",
    "reader_role": "reader role: {role}",
    "in_place": "kept in the table",
    "no_hold": "none",
    "security_h": "Security measures",
    "product_measures": "Technical measures applied by crm-privacy",
    "declared_measures": "Measures declared by the controller",
    "none_declared": "no measure declared in the policy",
    "footer": (
        "Generated by crm-privacy from the policy {file} (sha256 {sha256}). It holds no data of the "
        "CRM: only what the policy declares."
    ),
    "units": {"y": ("year", "years"), "m": ("month", "months"), "d": ("day", "days")},
    "legal_bases": {
        "consent": "Consent (art. 6(1)(a))",
        "contract": "Performance of a contract (art. 6(1)(b))",
        "legal_obligation": "Legal obligation (art. 6(1)(c))",
        "legitimate_interest": "Legitimate interests (art. 6(1)(f))",
    },
    "categories": {
        "identity": "identity",
        "contact_channel": "contact details",
        "location": "location",
        "marketing": "commercial and marketing data",
        "professional": "professional life",
        "interaction_history": "history of interactions",
        "consent_proof": "consent records",
        "free_text": "free text (notes)",
        "contract": "contract data",
        "accounting": "accounting and billing data",
    },
    "measures": {
        "keyed_pseudonyms": (
            "Keyed pseudonyms: HMAC-SHA256 of normalised values ('hmac' columns, persons named in the "
            "ledger). The key is neither in the policy nor in the repository (environment variable, "
            "Airflow variable or connection), never printed nor stored; without it a real run is refused."
        ),
        "hash_chained_ledger": (
            "Ledger of runs in a database apart from the CRM (the same database is refused): every run, "
            "plan, batch and validation result, with the sha256 of the policy applied, is sealed in a "
            "SHA-256 hash chain; verifying the chain detects a row edited, deleted or inserted."
        ),
        "no_personal_data_in_outputs": (
            "No personal data in logs, reports, the ledger or validation results: counts, names of "
            "tables, columns and rules, keyed hashes; values quoted by database errors are masked."
        ),
        "blast_radius_guard": (
            "Blast-radius guard: a run that would touch more than {max_share} of a table's rows is "
            "refused, unless explicitly allowed for that run."
        ),
        "atomic_batches": (
            "Batches of at most {batch_size} persons, one transaction each: a row is never half treated, "
            "and a batch run again redoes nothing already done."
        ),
        "validation_gate": (
            "Validation gate (Great Expectations) after every real sweep: queries written from the policy "
            "prove that nothing the rules had to treat is left; a failure fails the run."
        ),
        "private_work_files": (
            "Work files holding the keys of the persons treated are readable by the running account only "
            "(files 0600, directories 0700)."
        ),
        "one_run_at_a_time": "One sweep at a time on a CRM (a lock held in the CRM).",
        "archive_reader_role": (
            "Intermediate archive: rows of {table} under a legal obligation move to {archive}, with their "
            "legal ground and purge date. On PostgreSQL, reading it is revoked from PUBLIC and granted "
            "to the role {role} only (besides the owning account); on MariaDB it is granted to {role}. "
            "Rows past their date are purged by every run."
        ),
        "free_text_scrubbing": (
            "Free text ({columns}): personal data detected (Presidio, French) and the person's own "
            "recorded values are removed from the texts."
        ),
        "pii_discovery": (
            "Personal data discovery (DAG crm_pii_discovery, weekly): a text column holding personal "
            "data that the policy does not declare is reported to the DPO."
        ),
    },
}

LANGUAGES: dict[str, dict[str, Any]] = {"fr": FR, "en": EN}
