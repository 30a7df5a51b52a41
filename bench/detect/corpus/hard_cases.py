"""Hand-written hard cases and negatives, in ``[value](TYPE)`` markup. Values are invented; keys
(NIR, IBAN, Luhn) are valid where a value is marked, invalid where the text says so."""

from __future__ import annotations

HARD_CASES: tuple[str, ...] = (
    # GDPR_RULES.md section 9, scenario 17.
    "RDV avec Mme [Claire Dupont](PERSON), née le [3 janvier 1980](DATE_TIME), tél [06 12 34 56 78](PHONE_NUMBER), "
    "NIR [2 80 01 2A 123 456 67](FR_NIR), IBAN [FR76 3000 6000 0112 3456 7890 189](IBAN_CODE), "
    "[claire.dupont@exemple.fr](EMAIL_ADDRESS), commande n° 75001-443",
    # Names typed in lower and upper case, with civilities.
    "rdv avec mme [claire dupont](PERSON) demain matin, elle rappelle au [06.12.34.56.78](PHONE_NUMBER)",
    "m. [martin](PERSON) souhaite être rappelé après 18h",
    "MME [CLAIRE DUPONT](PERSON) NEE LE [03/01/1980](DATE_TIME) TEL [+33 (0)6 12 34 56 78](PHONE_NUMBER)",
    "MONSIEUR [JEAN-PIERRE LEROY](PERSON) A SIGNÉ LE DEVIS CMD-2024-000123",
    "Monsieur [Bernard](PERSON) est d'accord pour la remise de 12 %.",
    "Madame [de La Fontaine](PERSON) préfère le courrier.",
    "Nom : [DUPONT](PERSON) Prénom : [Claire](PERSON)",
    "interlocutrice : [sophie girard](PERSON), service achats",
    "Titulaire du compte : M. [Paul Henry](PERSON)",
    # Every phone writing.
    "Tél : [06 12 34 56 78](PHONE_NUMBER) / [06-12-34-56-78](PHONE_NUMBER) / [0612345678](PHONE_NUMBER)",
    "Portable [+33 6 12 34 56 78](PHONE_NUMBER), fixe [+33 (0)1 42 68 53 00](PHONE_NUMBER)",
    "Joindre au [+33612345678](PHONE_NUMBER) ou au [0033 1 42 68 53 00](PHONE_NUMBER)",
    "Standard [01.42.68.53.00](PHONE_NUMBER), poste 4512.",
    "Numéro belge du client : [+32 2 555 12 12](PHONE_NUMBER)",
    # IBAN, NIR, cards, SIREN/SIRET in their writings.
    "IBAN : [FR7630006000011234567890189](IBAN_CODE)",
    "iban [fr76 3000 6000 0112 3456 7890 189](IBAN_CODE) à mettre à jour",
    "Compte allemand [DE89 3704 0044 0532 0130 00](IBAN_CODE) pour le virement.",
    "IBAN FR76 3000 6000 0112 3456 7890 188 erroné (clé fausse), redemander un RIB.",
    "NIR [180017512345660](FR_NIR) vérifié.",
    "N° sécu [2 80 01 2B 123 456 94](FR_NIR) (Haute-Corse).",
    "NIR 2 80 01 2A 123 456 68 refusé par la CPAM (clé invalide).",
    "CB [4970 1012 3456 7893](CREDIT_CARD) exp 12/27",
    "Amex [3782 822463 10005](CREDIT_CARD) notée par erreur.",
    "Carte 4970 1012 3456 7894 refusée : numéro invalide.",
    "SIREN [732 829 320](FR_SIREN), SIRET [732 829 320 00074](FR_SIRET).",
    "SIRET : [73282932000074](FR_SIRET) — société immatriculée au RCS de Paris [732829320](FR_SIREN).",
    # Addresses.
    "Habite au [12 bis, rue de la Paix 75002 Paris](LOCATION) depuis 2010.",
    "Livrer [3 av. Foch, 69006 LYON](LOCATION) avant midi.",
    "Nouvelle adresse : [rue Victor Hugo, 33000 Bordeaux](LOCATION).",
    "adresse : [8 impasse des lilas 44000 nantes](LOCATION)",
    # Birth dates versus every other date.
    "Né le [1er mars 1975](DATE_TIME) à Lyon, client depuis le 4 avril 2019.",
    "Date de naissance : [1980-01-03](DATE_TIME). RDV le 12 mars 2025.",
    "né(e) le [14.07.1962](DATE_TIME), contrat du 01/09/2023 au 31/08/2026",
    # Negatives: look-alikes that must stay untouched.
    "RDV le 12 mars 2025 à 14h30 pour la démo, puis point le 03/04/2025.",
    "Commande CMD-2024-000123 livrée, facture FAC-2024-00871 de 1 250,00 € TTC.",
    "Réf. produit AB-1234, SKU 48213, lot 75001, article 69003 en rupture.",
    "Prix catalogue 2 499,90 EUR HT, remise 15 %, soit 2 124,92 €.",
    "Ticket #45821 : le modèle X200 (réf. 0612-3456) est défectueux.",
    "Contrat n° 2024/118 renouvelé pour 36 mois, 12 licences à 49 €.",
    "Code postal 75001 manquant sur la fiche, à compléter.",
    "Le devis 2025-000123 expire le 30/06/2025, montant 12 500 euros.",
    "Quantité 123 456 789 unités ? Erreur de saisie sur la commande BC-88213.",
    "Leroy et Fils relance pour la livraison de la commande CMD-2024-000777.",
    "Boutique rue de la République, ouverte du lundi au samedi.",
    "Le client souhaite être rappelé demain, pas de RDV fixé.",
    # Free-form notes written after the recognizers were tuned (kept as a check, not tuned against).
    "Échange téléphonique avec [Nathalie Fournier](PERSON) du cabinet Axens : elle attend la V2 du devis.",
    "Le DSI, [Marc Lefebvre](PERSON), valide le POC ; go pour 25 postes en septembre.",
    "Salon Vivatech : passage de [Karim Benali](PERSON) (Capgemini) sur le stand, intéressé par l'API.",
    "Visio avec Orange Business et BNP Paribas sur l'appel d'offres, décision fin juin.",
    "[Sophie](PERSON) (compta) signale un doublon de facture sur Total Energies, avoir à émettre.",
    "Demande de [Lucas Martin](PERSON) : recevoir les factures à [compta.lucas@martin-bois.fr](EMAIL_ADDRESS).",
    "Attention : le Crédit Agricole Centre-Est exige un RIB au nouveau format avant le 15/07.",
    "Tél direct de Mme [Benoît](PERSON) : [04 78 62 19 30](PHONE_NUMBER), à éviter le mercredi.",
    "Dossier transmis à Maître [Garnier](PERSON), avocat de la société, pour le litige de 2023.",
    "RDV pris à Lyon Part-Dieu le 18/09 à 10h, salle Rhône, avec l'équipe achats de Renault Trucks.",
    "Prospect chaud : [Élodie Rousseau](PERSON), directrice RH chez Decathlon Lille, budget 40 k€.",
    "La cliente demande que son mari, [Thomas Girard](PERSON), soit ajouté comme contact secondaire.",
    "Nouvelle adresse de livraison : [ZI des Paluds, 13400 Aubagne](LOCATION), quai 4.",
    "Anniversaire : [12/05/1978](DATE_TIME), penser au bon de réduction.",
    "M. et Mme [Perrin](PERSON) souhaitent un seul contrat pour le foyer.",
    "Mail envoyé au service client de Free pour la box, ticket 2024-11-0042.",
    "Saint-Gobain relance sur la commande 4500123456, livraison partielle acceptée.",
    "Intervention technique au siège de Michelin, Clermont-Ferrand, le 3 octobre.",
    "Accord de [Jean-Luc Mercier](PERSON) pour le prélèvement, IBAN [FR14 2004 1010 0505 0001 3M02 606](IBAN_CODE).",
    "Client injoignable depuis trois semaines, dernier contact le 02/05/2025.",
)
