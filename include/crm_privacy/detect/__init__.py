"""PII detection for French CRM free text: recognizers, engine, scrub, CLI, discovery.

Entry points: ``detect.scrub.scrub_texts``, ``detect.scan.scan_texts``, ``detect.engine.get_engine``,
``detect.presidio.build_analyzer``, ``detect.discovery.discover``; ``detect.operators`` (how spans are
replaced, through presidio-anonymizer) and ``detect.decrypt.decrypt_text``. Nothing heavy is imported
here.
"""
