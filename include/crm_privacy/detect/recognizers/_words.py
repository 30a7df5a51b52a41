"""Word lists and the name-token walk shared by the French recognizers (no spaCy needed)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def _wordlist(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that end a name: French function words, CRM shorthand and the verbs that follow a name in
# sales notes ("Mme dupont rappelle demain"). Accent-free and lower case (compared after fold()).
STOP_WORDS: frozenset[str] = _wordlist(
    """
    a à ai au aux avec ce ces cet cette chez dans de des du elle en est et il ils je la le les leur
    lui ma mais me mes moi mon ne ni nos notre nous on ou où par pas pour qu que qui sa se ses si son
    sur ta te tes toi ton tu un une vos votre vous y ne nee né née nes
    ok rdv tel tél tel. tél. telephone téléphone portable mobile fixe fax mail email e-mail courriel
    mel adresse rue avenue boulevard iban bic rib nir siren siret tva cb carte visa mastercard amex
    client cliente clients prospect contact interlocuteur interlocutrice gérant gérante directeur
    directrice responsable commercial commerciale comptable assistante assistant service société
    devis commande facture contrat offre relance rappel appel appels mardi lundi mercredi jeudi
    vendredi samedi dimanche demain hier aujourd aujourd'hui matin soir midi semaine mois
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    rappelle rappeler appelle appeler souhaite souhaiterait demande veut voudrait confirme accepte
    refuse préfère attend viendra passe passera signe signé signée valide validé validée règle payé
    réglé rencontré rencontrée vu vue joint jointe joignable injoignable absent absente présent
    intéressé intéressée satisfait satisfaite mécontent mécontente informé informée relancé relancée
    dit indique signale précise ajoute envoie envoyé envoyée reçu reçue vient était sera serait a été
    m mr mme mlle melle monsieur madame mademoiselle dr docteur pr professeur cedex
    livraison relevé parrainage réunion salon habite remise prix ticket fiche inventaire bon dossier
    assurance souscription renouvellement changement mise paiement prélèvement opposition entretien
    visite kbis point relance objet total montant budget ht ttc eur sku expédition retour échange
    avoir remboursement litige réclamation proposition négociation signature résiliation abonnement
    option produit article modèle lot stock catalogue tarif promo promotion campagne newsletter démo
    formation installation maintenance intervention panne garantie sav support incident important
    info infos nb ps remarque attention confidentiel interne agenda planning rendu cr suivi prospection
    lead opportunité pipe trimestre objectif ca marge commission facturation comptabilité achats
    direction dsi drh daf dg pdg rh siège agence bureau magasin boutique entrepôt usine site foire
    conférence séminaire déjeuner visio entrant sortant nouveau nouvelle vip froid chaud perso rcs
    maire président présidente principal principale livrer envoyer expédier facturer contacter prévoir
    vérifier penser noter transmettre préparer annuler valider confirmer clôturer mettre
    merci cordialement bonjour bonsoir urgent urgente note notes voir cf ref réf n° no num numéro
    date naissance ddn anniversaire nom prénom prenom titulaire compte signataire
    """
)

# Words that are never a person's name on their own, though spaCy tags them PER in French notes:
# English month and day names ("le 3 December") and the vocabulary of offer and product names
# ("Offre Cloud Pro", "Pack Sérénité Plus"). A PER span made only of these is dropped.
NOT_NAME_WORDS: frozenset[str] = _wordlist(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday
    offre offres pack forfait formule gamme abonnement option edition cloud pro premium plus
    business box fibre office suite starter essentiel essentielle serenite confort gold silver
    platinum standard basic team max ultra light lite mini home family famille duo solo connect
    smart digital online web mobile data security securite protect protection expert advanced
    enterprise corporate start evolution evo liberte zen energie eco green classic classique
    cdlt cdt bav bjr slt attendees opened requester release billing reporting kind to cc per dear sir
    madam gentili signori saludos cordiales grusse beste germany luxembourg belgium switzerland spain
    italy united kingdom usa uk anonymiser pci dss rgpd gdpr copil codir
    please subject checklist roadmap bienvenue cheffe top franco wi-fi wifi
    """
)

# What a caller says first after "Client :" in a call transcript ("Client : Oui bonjour, c'est...",
# "Interlocuteur : Alors, 07 28...", "Signature client : refusée"): answers, not names.
SPOKEN_WORDS: frozenset[str] = _wordlist(
    """
    oui ouais non nan alors bon ben bah bref euh heu hum voila ok okay merci bjr bonjour bonsoir slt
    salut allo c'est c’est cest j'ai ici exact exactement parfait tout refuse refusee accepte
    acceptee absent absente
    """
)

#: Words before a number that make it a reference, not a phone number ("réf 0123 4567 89").
REFERENCE_WORDS: tuple[str, ...] = (
    "ref", "reference", "commande", "facture", "dossier", "ticket", "contrat", "siren", "siret", "tva", "rcs",
    "iban", "bic", "compte", "code", "colis", "suivi", "lot", "serie", "version", "montant", "total",
)  # fmt: skip

#: Lower-case particles allowed inside a capitalised name ("Jean de La Fontaine").
PARTICLES: frozenset[str] = frozenset(
    {
        "de",
        "du",
        "des",
        "d'",
        "d’",
        "le",
        "la",
        "van",
        "von",
        "der",
        "ben",
        "el",
        "da",
        "dos",
        "das",
        "di",
        "del",
    }
)

_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*\.?")
_GAP = re.compile(r"[ \t]{1,2}")


def fold_text(text: str) -> str:
    """Lower case without accents, so ``NÉE``, ``née`` and ``nee`` compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


fold = lru_cache(maxsize=16384)(fold_text)  # single words repeat a lot: cache them


_STOP_FOLDED = frozenset(fold(w) for w in STOP_WORDS)


def is_stop(word: str) -> bool:
    return fold(word.rstrip(".")) in _STOP_FOLDED


def _style(word: str) -> str:
    core = word[2:] if word[:2].lower() in _ELIDED and len(word) > 2 else word
    return "cap" if core[0].isupper() or core[0].isdigit() else "lower"


_ELIDED = frozenset({"l'", "d'", "l’", "d’"})
_NUMBER = re.compile(r"[0-9]{1,4}(?:er|e|ème|bis|ter)?(?![\w])")


def walk(
    text: str,
    pos: int,
    *,
    max_tokens: int = 4,
    lower_max: int = 3,
    particles: frozenset[str] = PARTICLES,
    street: bool = False,
    lower_ok: bool = True,
) -> int | None:
    """End offset of the name (of a person, a street or a town) that starts at ``pos``, or None.

    The first token sets the style: a capitalised name continues with capitalised or upper-case
    tokens (plus particles), a lower-case one (typed carelessly) with lower-case tokens, at most
    ``lower_max`` of them. Stop words end the name, so "Mme Dupont souhaite" and "MME DUPONT TEL"
    stop in time. In ``street`` mode particles may appear in any style and short numbers are
    tokens ("rue du 8 Mai").
    """
    end: int | None = None
    style = ""
    count = 0
    i = pos
    while count < max_tokens:
        m = _TOKEN.match(text, i) or (_NUMBER.match(text, i) if street else None)
        if m is None:
            break
        word = m.group()
        is_initial = len(word) == 2 and word[1] == "." and word[0].isupper()
        word_end = m.end() if is_initial or not word.endswith(".") else m.end() - 1
        bare = word.rstrip(".")
        low = bare.lower()
        if low in particles and (street or style == "cap" or not count):
            nxt = _skip_gap(text, m.end())
            if nxt is None:
                break
            i = nxt
            continue  # a particle counts only if a real token follows
        street_word = street and fold(bare) in _STREET_TITLES
        if not is_initial and not street_word and (is_stop(bare) or (len(bare) < 2 and not bare.isdigit())):
            break
        tok_style = _style(bare)
        if not style:
            if tok_style == "lower" and not lower_ok:
                break
            style = tok_style
        elif style != tok_style and not bare.isdigit():
            break
        count += 1
        end = word_end
        if style == "lower" and count >= lower_max:
            break
        nxt = _skip_gap(text, word_end)
        if nxt is None:
            break
        i = nxt
    return end


# Titles and months that name streets ("rue du Docteur Schweitzer", "chemin du 11 Novembre"): not
# the end of a street name, though they end a person's.
_STREET_TITLES = frozenset(
    [
        "docteur",
        "dr",
        "professeur",
        "pr",
        "general",
        "marechal",
        "president",
        "abbe",
        "colonel",
        "commandant",
        "capitaine",
        "lieutenant",
        "saint",
        "sainte",
        "notre",
        "dame",
        "madame",
        "monsieur",
        "janvier",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "decembre",
    ]
)


_CAPITAL_PARTICLE = re.compile(
    r"(?:^|(?<=[\s,;:(]))(?:Le|La|De|Du|Des|Van|Von|Der|Ben|El|Di|Da|Dos|Del|LE|LA|DE|DU|DES|VAN|VON|BEN|EL|DI|DA|DOS|DEL)[ ]$"
)
_CIVILITY_PARTICLE = re.compile(
    r"(?:M\.|Mme|Mlle|Dr|Me|Monsieur|Madame)[ ]+(?:de|du|des|d'|d’)[ ]?$", re.IGNORECASE
)


def with_particle(text: str, start: int) -> int:
    """Start of a name once the particle before it is taken in: "LE GOFF" (not "GOFF"), "De Luca",
    "M. de Montaigu" (a lower-case particle only after a civility)."""
    before = text[max(0, start - 16) : start]
    m = _CAPITAL_PARTICLE.search(before)
    if m is not None:
        return start - (len(before) - m.start())
    m = re.search(r"(?:de|du|des|d'|d’)[ ]?$", before)
    if m is not None and _CIVILITY_PARTICLE.search(before):
        return start - (len(before) - m.start())
    return start


def _skip_gap(text: str, i: int) -> int | None:
    m = _GAP.match(text, i)
    return m.end() if m else None


def has_context(text: str, start: int, words: tuple[str, ...], window: int = 40) -> bool:
    """True when one of ``words`` (accent-free, lower case) occurs in the ``window`` chars before.

    A word counts where a word starts ("tel" in "téléphone", not in "hotel"); a word of three
    letters or fewer must also end there, digits aside ("ref" in "réf.", not in "refus"; "lot" not in
    "Lotte"; "tel" in "Tel1:")."""
    low = max(0, start - window)
    if low > 0 and text[low - 1].isalnum():
        while low < start and text[low].isalnum():
            low += 1  # the window cut a word: its tail ("lot" of "Guillot") starts no word
    before = fold_text(text[low:start])
    return _context_regex(words).search(before) is not None


@lru_cache(maxsize=64)
def _context_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = []
    for word in words:
        short = sum(c.isalnum() for c in word) <= 3 and word[-1].isalnum()
        alternatives.append(re.escape(word) + (r"(?![^\W\d_])" if short else ""))
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + ")")


# Words that make a capitalised name a company ("Dupont SARL", "Martin et Fils", "Groupe Leroy"),
# or a car ("Renault Kangoo", "Tesla Model 3").
COMPANY_MARKERS: frozenset[str] = _wordlist(
    """
    sa sas sasu sarl eurl snc sci scop sca gie ei eirl s.a s.a.s s.a.r.l s.a.r.l. sarl. fils cie
    associes groupe societe ets etablissements cabinet agence industries industrie holding
    consulting conseil services distribution france international immobilier transports boulangerie
    garage pharmacie laboratoire entreprise entreprises assurances banque mutuelle technologies
    solutions systems partners
    kangoo berlingo jogger twingo sandero duster trafic jumpy captur yaris
    biscuiterie atelier ateliers carrosserie menuiserie menuiseries ostreiculture coop
    cooperative imprimerie quincaillerie clinique studio fromagerie brasserie librairie caves
    """
)
#: Car makes, and the models that follow them in notes ("Renault Master", "Peugeot 308"): a make
#: before a model is a vehicle, not a person, though "Mégane", "Clio" or "Zoé" alone are first names.
CAR_MAKES: tuple[str, ...] = (
    "renault", "peugeot", "citroen", "dacia", "tesla", "toyota", "volkswagen", "vw", "ford", "fiat", "opel",
    "nissan", "bmw", "audi", "mercedes", "kia", "hyundai", "skoda", "seat", "volvo", "suzuki", "mazda",
    "honda", "jeep",
)  # fmt: skip
CAR_MODELS: tuple[str, ...] = (
    "clio", "kangoo", "berlingo", "partner", "trafic", "jumpy", "megane", "twingo", "zoe", "sandero",
    "duster", "golf", "polo", "yaris", "captur", "master", "model", "jogger", "c3", "c4", "208", "308",
    "2008", "3008", "5008",
)  # fmt: skip
_CAR = re.compile(rf"(?<![\w])(?:{'|'.join(CAR_MAKES)})[ ]+(?:{'|'.join(CAR_MODELS)})(?![\w])", re.IGNORECASE)
_MODEL = re.compile(rf"(?:{'|'.join(CAR_MODELS)})(?![\w])", re.IGNORECASE)
# on the same line as a model name, what makes it a car: a plate, a vehicle word, a version
_VEHICLE_LINE = re.compile(
    r"(?i)v[ée]hicule|voiture|immat|plaque|loueur|location|leasing|bo[iî]te[ ]+(?:auto|manuelle)"
    r"|(?-i:[A-Z]{2}[ \-]?[0-9]{3}[ \-]?[A-Z]{2})|[0-9]{1,4}[ ]?[A-Z]{1,3}[ ]?[0-9]{2}(?![0-9])"
)
_VERSION = re.compile(
    r"[ ]+(?:[IVX]{1,3}|E-Tech|[0-9]{1,3}|hybride?|electrique|électrique)(?![\w])", re.IGNORECASE
)


def _a_vehicle(text: str, start: int, end: int) -> bool:
    """ "Clio V", "Mégane E-Tech", "immat CB 342 LL — Clio blanche": a model name near a plate or a
    vehicle word is a car, though "Mégane Guillot" is a person."""
    model = _MODEL.match(fold_text(text[start:end]))
    if model is None:
        return False
    if _VERSION.match(text, start + model.end()):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return _VEHICLE_LINE.search(text, line_start, len(text) if line_end < 0 else line_end) is not None


_WORD = re.compile(r"[^\W\d_][\w.'’\-]*")
_NEXT_WORD = re.compile(r"[ \t]+(?:et[ \t]+|&[ \t]*)?([^\W\d_][\w.'’\-]*)")


def looks_like_company(text: str, start: int, end: int) -> bool:
    """True when the span, or the word right after it, is a company marker ("Dupont SARL",
    "Martin et Fils"); a marker after punctuation ("Jean Martin (Dupont SARL)") does not count."""
    if _CAR.search(fold_text(text[start : min(len(text), end + 12)])) or _a_vehicle(text, start, end):
        return True  # "Renault Master", "Peugeot Partner", "véhicule Clio V"
    words = _WORD.findall(text[start:end])
    after = _NEXT_WORD.match(text, end)
    if after is not None:
        words.append(after.group(1))
    return any(fold(w.rstrip(".")) in COMPANY_MARKERS or fold(w) in COMPANY_MARKERS for w in words)


_OF = re.compile(r"[ \t]+(?:de|du|des|d['’]|chez)[ \t]*", re.IGNORECASE)


def person_not_company(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The person part of a name span: "Sophie Lambert de Martin SAS" -> "Sophie Lambert";
    None when the span is a company name ("Dupont SARL", "Leroy et Fils")."""
    while looks_like_company(text, start, end):
        cuts = [m.start() for m in _OF.finditer(text, start, end)]
        if not cuts:
            return None
        end = cuts[-1]
    return start, end
