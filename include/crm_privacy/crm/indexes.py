"""Indexes the policy's links need: without one, finding one person's rows (a data-subject request)
or a batch's rows scans the whole table. ``crm-privacy plan`` lists the missing ones."""

from __future__ import annotations

from sqlalchemy import inspect, text

from crm_privacy.crm.binding import Binding


def link_columns(binding: Binding) -> list[tuple[str, tuple[str, ...]]]:
    """(table, columns) a lookup by subject goes through: each linked table's link column (the
    polymorphic pair for a polymorphic link) and the subject's identifier columns."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for name, tp in binding.policy.tables.items():
        link = tp.link
        if link.subject:
            continue
        if link.fk is not None:
            out.append((name, (link.fk,)))
        elif link.via is not None:
            out.append((name, (link.via_parts()[0],)))
        elif link.polymorphic is not None:
            out.append((name, (link.polymorphic.type_column, link.polymorphic.id_column)))
    subject = binding.policy.subject.table
    out.extend((subject, (ident.column,)) for ident in binding.policy.subject.identifiers)
    return out


def missing_indexes(binding: Binding) -> list[dict[str, object]]:
    """The link and identifier columns no index (nor the primary key) starts with."""
    inspector = inspect(binding.engine)
    missing: list[dict[str, object]] = []
    for table, columns in link_columns(binding):
        starts = [tuple(ix.get("column_names") or ()) for ix in inspector.get_indexes(table)]
        pk = tuple(inspector.get_pk_constraint(table).get("constrained_columns") or ())
        uniques = [tuple(u.get("column_names") or ()) for u in inspector.get_unique_constraints(table)]
        covered = any(cols[: len(columns)] == columns for cols in [*starts, pk, *uniques] if cols)
        if not covered:
            missing.append(
                {
                    "table": table,
                    "columns": list(columns),
                    "create": f"CREATE INDEX ix_{table}_{'_'.join(columns)} ON {table} ({', '.join(columns)})",
                    "why": "finding one person's rows scans the whole table",
                }
            )
    return missing + _missing_trigram_indexes(binding)


def _missing_trigram_indexes(binding: Binding) -> list[dict[str, object]]:
    """On PostgreSQL, the free-text columns without a trigram index (``pg_trgm``): a request's search
    for a person's e-mail or phone number in other people's notes reads them whole without one."""
    if binding.engine.dialect.name != "postgresql":
        return []
    with binding.engine.connect() as conn:
        indexed = {
            (table, column)
            for table, column in conn.execute(
                text(
                    "SELECT c.relname, a.attname FROM pg_index i "
                    "JOIN pg_class c ON c.oid = i.indrelid "
                    "JOIN pg_class ic ON ic.oid = i.indexrelid "
                    "JOIN pg_am am ON am.oid = ic.relam "
                    "JOIN pg_opclass oc ON oc.oid = i.indclass[0] "
                    "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0] "
                    "WHERE c.relnamespace = current_schema()::regnamespace "
                    "AND am.amname IN ('gin', 'gist') AND oc.opcname LIKE '%trgm_ops'"
                )
            )
        }
    return [
        {
            "table": table,
            "columns": [column],
            "create": "CREATE EXTENSION IF NOT EXISTS pg_trgm; "
            f"CREATE INDEX ix_{table}_{column}_trgm ON {table} USING gin ({column} gin_trgm_ops)",
            "why": "looking for one person's e-mail or phone number in this free text reads the whole table",
        }
        for table, column in binding.policy.free_text_columns()
        if (table, column) not in indexed
    ]
