"""Offline guarantees: tldextract on its bundled public-suffix snapshot, spaCy models never downloaded."""

from __future__ import annotations

from functools import lru_cache

import tldextract


@lru_cache(maxsize=1)
def offline_tld_extractor() -> tldextract.TLDExtract:
    """An extractor that reads the suffix list shipped inside tldextract: no URL, no disk cache.

    The default extractor fetches the list from the internet at first use (and logs a connection
    error on offline hosts); the snapshot is a few months old at worst, fine for validating e-mails.
    """
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def use_offline_tldextract() -> None:
    """Make ``tldextract.extract`` (what Presidio's stock Email recognizer calls) use the snapshot.

    Only needed by code that runs Presidio's predefined recognizers (the benchmark's stock engine);
    our own recognizers call ``offline_tld_extractor`` directly.
    """
    import tldextract.tldextract as module

    module.TLD_EXTRACTOR = offline_tld_extractor()
