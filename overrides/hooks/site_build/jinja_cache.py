"""Compiled templates kept in memory, so that each language's build (and each rebuild of
`mkdocs serve`) does not compile Material's templates again; keyed by their source."""

from __future__ import annotations

import jinja2


class SharedBytecode(jinja2.BytecodeCache):
    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = SharedBytecode()  # for the whole process: keyed by each template's source, it never goes stale
