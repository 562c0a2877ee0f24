"""A stateful stand-in for the parts of an Elasticsearch cluster the store's index lifecycle uses.

It keeps indices (documents and the write block), aliases and the locks index in memory and
answers the real client's requests through :class:`tests.test_es_store_offline.StubNode`, so a
re-index can be interrupted at any request and the state it leaves behind inspected. Faults:

* ``refused``: the request fails before it is applied (a connection error);
* ``lost``: the request is applied, then its answer is lost (a client-side timeout);
* ``down``: from that request on, every request fails (the server or the process is gone).

Only what the lifecycle needs is modelled: searches are full scans by id (``search_after``),
counts ignore their query.
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit
from uuid import uuid4

import elastic_transport

SERVER_INFO = {"name": "fake", "version": {"number": "9.1.5"}}


def _error(status: int, kind: str, reason: str = "") -> tuple[int, dict]:
    return status, {
        "error": {"type": kind, "reason": reason or kind, "root_cause": [{"type": kind}]},
        "status": status,
    }


@dataclass
class Index:
    docs: dict[str, dict] = field(default_factory=dict)
    seq: dict[str, int] = field(default_factory=dict)
    blocked: bool = False
    uuid: str = field(default_factory=lambda: uuid4().hex[:22])
    mappings: dict = field(default_factory=dict)


class FakeCluster:
    def __init__(self) -> None:
        self.indices: dict[str, Index] = {}
        self.aliases: dict[str, set[str]] = {}
        self.log: list[tuple[str, str]] = []
        self.fault: tuple[int, str] | None = None  # (request number, mode)
        self._seq = 0

    # ------------------------------------------------------------------ faults
    def fail_at(self, number: int, mode: str) -> None:
        self.fault = (len(self.log) + number, mode)

    def handle(self, method: str, target: str, body: bytes | None, headers: Any) -> tuple[int, Any]:
        split = urlsplit(target)
        path, params = unquote(split.path), dict(parse_qsl(split.query))
        decoded: Any = None
        if body:
            text = body.decode("utf-8")
            if "ndjson" in str((headers or {}).get("content-type", "")):
                decoded = [json.loads(line) for line in text.splitlines() if line.strip()]
            else:
                decoded = json.loads(text)
        self.log.append((method, path))
        number = len(self.log)
        mode = None
        if self.fault is not None:
            at, fault_mode = self.fault
            if number == at or (fault_mode == "down" and number >= at):
                mode = fault_mode
        if mode in ("refused", "down"):
            raise elastic_transport.ConnectionError(f"fault injected at request {number}")
        answer = self._route(method, path, params, decoded)
        if mode == "lost":
            raise elastic_transport.ConnectionTimeout(f"answer lost at request {number}")
        return answer

    # ------------------------------------------------------------------ state
    def resolve(self, name: str) -> list[str]:
        if name in self.aliases:
            return sorted(self.aliases[name])
        return [name] if name in self.indices else []

    def live(self, alias: str) -> list[str]:
        return sorted(self.aliases.get(alias, set()))

    def _index_doc(self, index: str, doc_id: str, source: dict) -> int:
        self._seq += 1
        idx = self.indices[index]
        idx.docs[doc_id] = source
        idx.seq[doc_id] = self._seq
        return self._seq

    # ------------------------------------------------------------------ routes
    def _route(self, method: str, path: str, params: dict, body: Any) -> tuple[int, Any]:  # noqa: C901
        parts = [p for p in path.split("/") if p]
        if not parts:
            return 200, SERVER_INFO
        if parts[0] == "_alias":
            return self._get_alias(method, parts[1])
        if parts[0] == "_aliases":
            return self._update_aliases(body["actions"])
        if parts[0] == "_bulk":
            return self._bulk(body)
        name = parts[0]
        if len(parts) == 1:
            return self._index_level(method, name, params, body)
        op = parts[1]
        if op == "_doc":
            return self._doc(method, name, parts[2], params, body)
        targets = self.resolve(name)
        if not targets:
            return _error(404, "index_not_found_exception", name)
        if op == "_settings":
            for t in targets:
                self.indices[t].blocked = bool(body.get("index.blocks.write"))
            return 200, {"acknowledged": True}
        if op == "_refresh":
            return 200, {"_shards": {"failed": 0}}
        if op == "_count":
            return 200, {"count": sum(len(self.indices[t].docs) for t in targets)}
        if op == "_search":
            return self._scan(targets, body)
        if op == "_mget":
            docs = []
            for doc_id in body["ids"]:
                found = [t for t in targets if doc_id in self.indices[t].docs]
                if found:
                    idx = self.indices[found[0]]
                    docs.append(
                        {
                            "_id": doc_id,
                            "found": True,
                            "_seq_no": idx.seq[doc_id],
                            "_primary_term": 1,
                            "_source": idx.docs[doc_id],
                        }
                    )
                else:
                    docs.append({"_id": doc_id, "found": False})
            return 200, {"docs": docs}
        return _error(400, "fake_cluster_has_no_route", f"{method} {path}")

    def _get_alias(self, method: str, alias: str) -> tuple[int, Any]:
        targets = self.live(alias)
        if not targets:
            return (404, None) if method == "HEAD" else _error(404, "aliases_not_found_exception")
        if method == "HEAD":
            return 200, None
        return 200, {t: {"aliases": {alias: {}}} for t in targets}

    def _index_level(self, method: str, name: str, params: dict, body: Any) -> tuple[int, Any]:
        if method == "HEAD":
            return (200 if self.resolve(name) else 404), None
        if method == "GET":
            names = [n for n in self.indices if fnmatch.fnmatch(n, name)]
            return 200, {
                n: {
                    "aliases": {a: {} for a, members in self.aliases.items() if n in members},
                    "mappings": self.indices[n].mappings,
                    "settings": {"index": {"uuid": self.indices[n].uuid}},
                }
                for n in names
            }
        if method == "PUT":
            if name in self.indices or name in self.aliases:
                return _error(400, "resource_already_exists_exception", name)
            self.indices[name] = Index(mappings=(body or {}).get("mappings") or {})
            for alias in (body or {}).get("aliases") or {}:
                self.aliases.setdefault(alias, set()).add(name)
            return 200, {"acknowledged": True, "index": name}
        if method == "DELETE":
            for one in name.split(","):
                if one in self.aliases:
                    return _error(400, "illegal_argument_exception", f"{one} is an alias")
                if one not in self.indices:
                    if params.get("ignore_unavailable") == "true":
                        continue
                    return _error(404, "index_not_found_exception", one)
                del self.indices[one]
                for members in self.aliases.values():
                    members.discard(one)
            self.aliases = {a: m for a, m in self.aliases.items() if m}
            return 200, {"acknowledged": True}
        return _error(400, "fake_cluster_has_no_route", f"{method} /{name}")

    def _update_aliases(self, actions: list[dict]) -> tuple[int, Any]:
        new = {a: set(m) for a, m in self.aliases.items()}
        for action in actions:
            ((kind, spec),) = action.items()
            members = new.setdefault(spec["alias"], set())
            if kind == "remove":
                if spec["index"] not in members and spec.get("must_exist"):
                    return _error(404, "aliases_not_found_exception", spec["alias"])
                members.discard(spec["index"])
            elif kind == "add":
                if spec["index"] not in self.indices:
                    return _error(404, "index_not_found_exception", spec["index"])
                members.add(spec["index"])
        self.aliases = {a: m for a, m in new.items() if m}
        return 200, {"acknowledged": True}

    def _bulk(self, lines: list[dict]) -> tuple[int, Any]:
        items = []
        for header, source in zip(lines[0::2], lines[1::2], strict=True):
            ((op, meta),) = header.items()
            targets = self.resolve(meta["_index"])
            if len(targets) != 1:
                items.append({op: {"_id": meta["_id"], "status": 404, "error": {"type": "x"}}})
            elif self.indices[targets[0]].blocked:
                error = {"type": "cluster_block_exception", "reason": "index write (api)"}
                items.append({op: {"_id": meta["_id"], "status": 403, "error": error}})
            elif (op == "create" and meta["_id"] in self.indices[targets[0]].docs) or (
                "if_seq_no" in meta
                and self.indices[targets[0]].seq.get(meta["_id"]) != meta["if_seq_no"]
            ):
                error = {"type": "version_conflict_engine_exception", "reason": "changed"}
                items.append({op: {"_id": meta["_id"], "status": 409, "error": error}})
            else:
                self._index_doc(targets[0], meta["_id"], source)
                items.append({op: {"_id": meta["_id"], "status": 201, "result": "created"}})
        errors = any("error" in next(iter(i.values())) for i in items)
        return 200, {"took": 1, "errors": errors, "items": items}

    def _scan(self, targets: list[str], body: dict) -> tuple[int, Any]:
        docs = sorted(
            (doc_id, src) for t in targets for doc_id, src in self.indices[t].docs.items()
        )
        after = (body.get("search_after") or [None])[0]
        if after is not None:
            docs = [d for d in docs if d[0] > after]
        hits = [{"_id": i, "_source": s, "sort": [i]} for i, s in docs[: body.get("size", 10)]]
        return 200, {"hits": {"total": {"value": len(docs), "relation": "eq"}, "hits": hits}}

    def _doc(self, method: str, index: str, doc_id: str, params: dict, body: Any):
        if index not in self.indices:
            if method == "PUT":
                self.indices[index] = Index()  # auto-created, as a real cluster would
            else:
                return _error(404, "index_not_found_exception", index)
        idx = self.indices[index]
        if method == "GET":
            if doc_id not in idx.docs:
                return 404, {"_id": doc_id, "found": False}
            return 200, {
                "_id": doc_id,
                "found": True,
                "_seq_no": idx.seq[doc_id],
                "_primary_term": 1,
                "_source": idx.docs[doc_id],
            }
        if "if_seq_no" in params and idx.seq.get(doc_id) != int(params["if_seq_no"]):
            return _error(409, "version_conflict_engine_exception")
        if method == "DELETE":
            if doc_id not in idx.docs:
                return 404, {"result": "not_found"}
            del idx.docs[doc_id]
            del idx.seq[doc_id]
            return 200, {"result": "deleted"}
        if params.get("op_type") == "create" and doc_id in idx.docs:
            return _error(409, "version_conflict_engine_exception")
        seq = self._index_doc(index, doc_id, body)
        return 200, {"result": "created", "_seq_no": seq, "_primary_term": 1}
