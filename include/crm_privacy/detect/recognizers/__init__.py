"""French PII recognizers, one per module (Presidio style), and the list the engine runs."""

from __future__ import annotations

from crm_privacy.detect.recognizers.base import FrPatternRecognizer
from crm_privacy.detect.recognizers.credit_card import FrCreditCardRecognizer
from crm_privacy.detect.recognizers.email import FrEmailRecognizer
from crm_privacy.detect.recognizers.foreign_phone import ForeignPhoneRecognizer
from crm_privacy.detect.recognizers.fr_address import FrAddressRecognizer
from crm_privacy.detect.recognizers.fr_birth_date import FrBirthDateRecognizer
from crm_privacy.detect.recognizers.fr_chat_speaker import FrChatSpeakerRecognizer
from crm_privacy.detect.recognizers.fr_civility_person import FrCivilityPersonRecognizer
from crm_privacy.detect.recognizers.fr_license_plate import FrLicensePlateRecognizer
from crm_privacy.detect.recognizers.fr_name_gazetteer import FrNameGazetteerRecognizer
from crm_privacy.detect.recognizers.fr_nir import FrNirRecognizer
from crm_privacy.detect.recognizers.fr_phone import FrPhoneRecognizer
from crm_privacy.detect.recognizers.fr_siren import FrSirenRecognizer
from crm_privacy.detect.recognizers.fr_siret import FrSiretRecognizer
from crm_privacy.detect.recognizers.fr_spacy_person import FrSpacyPersonRecognizer
from crm_privacy.detect.recognizers.fr_spelled_email import FrSpelledEmailRecognizer
from crm_privacy.detect.recognizers.fr_spelled_phone import FrSpelledPhoneRecognizer
from crm_privacy.detect.recognizers.iban import FrIbanRecognizer
from crm_privacy.detect.recognizers.ip_address import FrIpAddressRecognizer
from crm_privacy.detect.recognizers.keyed_values import FrKeyedValuesRecognizer
from crm_privacy.detect.recognizers.personal_url import FrPersonalUrlRecognizer
from crm_privacy.detect.recognizers.table_columns import FrTableColumnsRecognizer

PATTERN_RECOGNIZERS: tuple[type[FrPatternRecognizer], ...] = (
    FrEmailRecognizer,
    FrSpelledEmailRecognizer,
    FrPhoneRecognizer,
    ForeignPhoneRecognizer,
    FrSpelledPhoneRecognizer,
    FrIbanRecognizer,
    FrNirRecognizer,
    FrCreditCardRecognizer,
    FrSirenRecognizer,
    FrSiretRecognizer,
    FrAddressRecognizer,
    FrBirthDateRecognizer,
    FrCivilityPersonRecognizer,
    FrIpAddressRecognizer,
    FrLicensePlateRecognizer,
    FrPersonalUrlRecognizer,
    FrNameGazetteerRecognizer,
    FrChatSpeakerRecognizer,
    FrTableColumnsRecognizer,
    FrKeyedValuesRecognizer,
)


def pattern_recognizers() -> list[FrPatternRecognizer]:
    """One fresh instance of every regex recognizer (compiled once, reused for every text)."""
    return [cls() for cls in PATTERN_RECOGNIZERS]


__all__ = [
    "PATTERN_RECOGNIZERS",
    "ForeignPhoneRecognizer",
    "FrAddressRecognizer",
    "FrBirthDateRecognizer",
    "FrChatSpeakerRecognizer",
    "FrCivilityPersonRecognizer",
    "FrCreditCardRecognizer",
    "FrEmailRecognizer",
    "FrIbanRecognizer",
    "FrIpAddressRecognizer",
    "FrKeyedValuesRecognizer",
    "FrLicensePlateRecognizer",
    "FrNameGazetteerRecognizer",
    "FrNirRecognizer",
    "FrPatternRecognizer",
    "FrPersonalUrlRecognizer",
    "FrPhoneRecognizer",
    "FrSirenRecognizer",
    "FrSiretRecognizer",
    "FrSpacyPersonRecognizer",
    "FrSpelledEmailRecognizer",
    "FrSpelledPhoneRecognizer",
    "FrTableColumnsRecognizer",
    "pattern_recognizers",
]
