"""Personal data that must not be left in scrubbed free text, as regular expressions.

Written in the syntax PostgreSQL (``~``, ARE), MariaDB (``REGEXP``, PCRE2) and Python's ``re`` (the
function the runner gives SQLite) read alike: bracket classes, no ``\\b`` or ``\\d``. A number glued to
other digits is not matched (an order or invoice number is no phone).
"""

from __future__ import annotations

_NOT_DIGIT_BEFORE = "(^|[^0-9])"
_NOT_DIGIT_AFTER = "([^0-9]|$)"

FREE_TEXT_PATTERNS: dict[str, str] = {
    "e-mail": "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}",
    # 01..09 then four pairs, separated by nothing, spaces, dots or dashes; or +33 / 0033
    "téléphone": _NOT_DIGIT_BEFORE
    + "(0|\\+33 ?(\\(0\\))? ?|0033 ?)[1-9]([ .-]?[0-9]{2}){4}"
    + _NOT_DIGIT_AFTER,
    # a whole word: not a run of capitals and digits inside a longer token, such as the base64url
    # ciphertext of an encrypted span (<ENC:IBAN_CODE:AB12CDEF...>), which is random
    "IBAN": "(^|[^0-9A-Za-z_-])[A-Z]{2}[0-9]{2}( ?[0-9A-Z]{4}){3,7}( ?[0-9A-Z]{1,3})?([^0-9A-Za-z_-]|$)",
    # Visa, Mastercard, Amex and Discover prefixes, 4-4-4-4 or 4-6-5 groups or compact
    "carte bancaire": _NOT_DIGIT_BEFORE
    + "((4[0-9]{3}|5[1-5][0-9]{2}|2[2-7][0-9]{2}|6011)([ -]?[0-9]{4}){3}|3[47][0-9]{2}[ -]?[0-9]{6}[ -]?[0-9]{5})"
    + _NOT_DIGIT_AFTER,
    # sex, year, month (or 20, 30-42, 50+ for special cases), department (2A/2B), commune, order, key
    "NIR": _NOT_DIGIT_BEFORE
    + "[12] ?[0-9]{2} ?(0[1-9]|1[0-2]|[2-9][0-9]) ?(2[ABab]|[0-9]{2}) ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}"
    + _NOT_DIGIT_AFTER,
}
