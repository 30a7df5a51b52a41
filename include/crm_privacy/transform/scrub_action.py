"""The ``scrub_text`` action: personal data in free text replaced through presidio-anonymizer.

``mode`` chooses the operator (``detect.operators``): typed placeholders (Presidio's ``replace``), keyed
pseudonyms or keyed hashes (``custom``, HMAC with the pseudonymisation key), ``mask``, or ``encrypt``
(AES, reversible by whoever holds the key: ``crm-privacy decrypt-text``). The AES key is never in the
policy: the policy names where it is (``key_env``, ``key_variable`` or ``key_connection``), and a key
that is absent or of the wrong size is refused when the policy is bound, before anything changes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr, model_validator
from sqlalchemy import Column

from crm_privacy.detect.operators import check_aes_key
from crm_privacy.errors import ActionError
from crm_privacy.transform.base import Action, ActionContext, Writes, register
from crm_privacy.transform.keys import SECRET_SOURCES, KeyRing, SecretSource, named_secret

if TYPE_CHECKING:
    from crm_privacy.detect.operators import SpanOperator

ScrubMode = Literal["placeholder", "pseudonym", "mask", "hash", "encrypt"]
#: the params that belong to one mode only
MODE_PARAMS: dict[str, tuple[str, ...]] = {
    "mask": ("masking_char", "chars_to_mask", "from_end"),
    "encrypt": ("key_env", "key_variable", "key_connection"),
}
#: HMAC domain of ``hash`` mode (apart from pseudonyms: a hash never equals a pseudonym's digits)
HASH_DOMAIN = "scrub_text:hash"
_SOURCES: tuple[SecretSource, ...] = ("env", "variable", "connection")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,127}")
_AIRFLOW_NAME = re.compile(r"[A-Za-z0-9_.\-]{1,250}")


class ScrubParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    mode: ScrubMode = "placeholder"
    #: mode mask: the character, how many characters (None: all), from the end of the span
    masking_char: StrictStr | None = None
    chars_to_mask: int | None = Field(default=None, ge=1, strict=True)
    from_end: StrictBool | None = None
    #: mode encrypt: where the AES key is (exactly one)
    key_env: StrictStr | None = None
    key_variable: StrictStr | None = None
    key_connection: StrictStr | None = None

    @model_validator(mode="before")
    @classmethod
    def _no_key_in_the_policy(cls, data: Any) -> Any:
        if isinstance(data, dict) and "key" in data:
            raise ValueError(
                "the key itself never goes in the policy: name where it is with key_env (an "
                "environment variable), key_variable (an Airflow variable) or key_connection"
            )
        return data

    @model_validator(mode="after")
    def _params_of_the_mode(self) -> ScrubParams:
        for name in sorted(self.model_fields_set - {"mode"}):
            owner = next(mode for mode, names in MODE_PARAMS.items() if name in names)
            if owner != self.mode:
                raise ValueError(f"{name} is a param of mode {owner}, not of mode {self.mode}")
        if self.masking_char is not None and len(self.masking_char) != 1:
            raise ValueError(f"masking_char must be one character, got {len(self.masking_char)}")
        if self.mode == "encrypt":
            given = [name for name in MODE_PARAMS["encrypt"] if getattr(self, name) is not None]
            if len(given) != 1:
                raise ValueError(
                    "mode encrypt needs exactly one of key_env (an environment variable), key_variable "
                    "(an Airflow variable) or key_connection (an Airflow connection's password), "
                    f"naming where the AES key is; got {', '.join(given) or 'none'}"
                )
            source, name = self.key_source()
            pattern, chars = (
                (_ENV_NAME, "letters, digits, _")
                if source == "env"
                else (_AIRFLOW_NAME, "letters, digits, _ . -")
            )
            if not pattern.fullmatch(name):  # the value is not shown: it could be the key itself
                raise ValueError(f"key_{source} must be a name ({chars}), not what was given")
        return self

    def key_source(self) -> tuple[SecretSource, str]:
        """Where the AES key is (mode encrypt)."""
        for source in _SOURCES:
            name = getattr(self, f"key_{source}")
            if name is not None:
                return source, name
        raise ActionError("mode encrypt has no key_env, key_variable or key_connection")


@register
class ScrubText(Action):
    """Free text: personal data found by the detection engine is replaced, the rest of the note stays.

    The values the CRM holds for the row's subject (``ctx.subject_values``: names, phones, e-mails,
    references...) are replaced too, whatever the engine finds, by the same operator; a subject's
    pseudonym is the one the column's ``hmac`` gives for the recorded value.
    """

    name = "scrub_text"
    Params = ScrubParams
    needs_values = True
    uses_subject_values = True

    def __init__(self, params: BaseModel) -> None:
        super().__init__(params)
        self._key: str | None = None

    @property
    def mode(self) -> ScrubMode:
        assert isinstance(self.params, ScrubParams)
        return self.params.mode

    @property
    def label(self) -> str:
        return self.name if self.mode == "placeholder" else f"{self.name} ({self.mode})"

    def writes(self) -> Writes | None:
        return Writes("text")

    def check(self, column: Column[Any]) -> str | None:
        """Also refuses, in mode encrypt, a key that cannot be read or has the wrong size: the policy
        is refused when it is bound, before any change (a plan needs the key too)."""
        problem = super().check(column)
        if problem is None and self.mode == "encrypt":
            try:
                self.encryption_key()
            except ActionError as exc:
                return str(exc)
        return problem

    def encryption_key(self) -> str:
        """The AES key of mode encrypt, read where the policy says (once per action)."""
        if self._key is not None:
            return self._key
        assert isinstance(self.params, ScrubParams)
        source, name = self.params.key_source()
        where = f"{SECRET_SOURCES[source]} {name} (key_{source})"
        secret = named_secret(source, name)
        if secret is None:
            unread = "" if source == "env" else " or cannot be read"
            raise ActionError(f"{self.label} has no key: {where} is not set{unread}")
        try:
            check_aes_key(secret)
        except ValueError as exc:
            raise ActionError(
                f"{self.label}: the key in {where} cannot be used: {exc} (for example "
                "`openssl rand -hex 16` prints 32 characters, a 256-bit key)"
            ) from None
        self._key = secret
        return secret

    def operator(self, ctx: ActionContext) -> SpanOperator:
        """What replaces each span, for this mode."""
        from crm_privacy.detect.operators import Encrypt, Keyed, Mask
        from crm_privacy.detect.scrub import PLACEHOLDER_OPERATOR

        params = self.params
        assert isinstance(params, ScrubParams)
        if params.mode == "placeholder":
            return PLACEHOLDER_OPERATOR
        if params.mode == "mask":
            return Mask(params.masking_char or "*", params.chars_to_mask, bool(params.from_end))
        if params.mode == "encrypt":
            return Encrypt(self.encryption_key())
        ring = ctx.require_keyring(self.name)
        return Keyed(partial(_pseudonym if params.mode == "pseudonym" else _keyed_hash, ring))

    def transform(
        self, values: Sequence[Any], subjects: Sequence[Any], ctx: ActionContext, column: Column[Any]
    ) -> list[Any]:
        from crm_privacy.detect.own_values import OwnValueMatcher, scrub_with_own_values
        from crm_privacy.detect.scan import scan_texts

        operator = self.operator(ctx)
        texts = list(values)
        matchers: dict[Any, OwnValueMatcher] = {}  # one per subject of this batch, dropped after it
        out: list[Any] = []
        for text, spans, subject in zip(texts, scan_texts(texts), subjects, strict=True):
            if text is None:
                out.append(None)
                continue
            matcher = matchers.get(subject)
            if matcher is None:
                matcher = matchers[subject] = OwnValueMatcher(ctx.subject_values.get(subject, ()))
            out.append(scrub_with_own_values(str(text), spans, matcher, operator=operator))
        return out


def _pseudonym(ring: KeyRing, entity_type: str, text: str) -> str:
    """The column's ``hmac`` pseudonym (``pz:`` + 16 hex digits) of the normalised value."""
    return ring.pseudonym(_PSEUDONYM_KINDS.get(entity_type, "text"), text)


def _keyed_hash(ring: KeyRing, entity_type: str, text: str) -> str:
    """HMAC-SHA256 (64 hex digits) of the value as written: keyed, so not found again by hashing
    every phone number, which a plain SHA-256 is."""
    return ring.digest(HASH_DOMAIN, text)


#: entity type -> hmac kind, so that a pseudonym in a note equals the column's (see transform.keys)
_PSEUDONYM_KINDS = {
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone",
    "PERSON": "person",
    "SUBJECT_REFERENCE": "reference",
}
