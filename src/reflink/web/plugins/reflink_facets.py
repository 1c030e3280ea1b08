"""Datasette plugin: a `presence` facet, counting rows where a column is set or empty.

"Dangling or linked" (citations.ref_id) and "has DOI" (refs.doi) are facets on whether a value
exists, which Datasette's column facet cannot show (it skips nulls). Configured in metadata as
`facets: [{presence: ref_id}]`; the words shown come from the `reflink-facets` plugin config.
"""

from __future__ import annotations

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args


class PresenceFacet(Facet):
    """Two buckets per column: rows where it is set (`__notnull=1`) and where it is empty."""

    type = "presence"

    def labels(self, column: str) -> dict[str, str]:
        config = (self.ds.plugin_config("reflink-facets") or {}).get("presence", {})
        words = config.get(column) or {}
        return {
            "name": words.get("name", f"{column} set"),
            "present": words.get("present", "set"),
            "absent": words.get("absent", "empty"),
        }

    async def facet_results(self):
        results, timed_out = [], []
        qs_pairs = self.get_querystring_pairs()
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            labels = self.labels(column)
            sql = (
                f"select count({escape_sqlite(column)}) as present, count(*) as total "
                f"from ({self.sql})"
            )
            try:
                row = (
                    await self.ds.execute(
                        self.database,
                        sql,
                        self.params,
                        custom_time_limit=self.ds.setting("facet_time_limit_ms"),
                    )
                ).rows[0]
            except QueryInterrupted:
                timed_out.append(labels["name"])
                continue
            buckets = []
            for key, arg, count in (
                ("present", f"{column}__notnull", row["present"]),
                ("absent", f"{column}__isnull", row["total"] - row["present"]),
            ):
                selected = (arg, "1") in qs_pairs
                if selected:
                    toggle = path_with_removed_args(self.request, {arg: "1"})
                else:
                    toggle = path_with_added_args(self.request, {arg: "1"})
                if count or selected:
                    buckets.append(
                        {
                            "value": key,
                            "label": labels[key],
                            "count": count,
                            "toggle_url": self.ds.absolute_url(
                                self.request, self.ds.urls.path(toggle)
                            ),
                            "selected": selected,
                        }
                    )
            results.append(
                {
                    "name": labels["name"],
                    "type": self.type,
                    "hideable": source_and_config["source"] != "metadata",
                    "toggle_url": self.ds.urls.path(
                        path_with_removed_args(self.request, {"_facet_presence": column})
                    ),
                    "results": buckets,
                    "truncated": False,
                }
            )
        return results, timed_out


@hookimpl
def register_facet_classes():
    return [PresenceFacet]
