"""Expands JSON-LD read from stdin with pyld, offline, and prints the
expanded form as JSON: the claimdesk tests check it.

Usage: python3 expand.py CONTEXT_DIR < document.jsonld

Remote contexts are served from CONTEXT_DIR (see its README.md); any other
address fails, so nothing is fetched from the network.
"""

import json
import os
import sys

from pyld import jsonld

CONTEXTS = {
    "https://schema.org": "schemaorg-claimreview.jsonld",
    "https://schema.org/": "schemaorg-claimreview.jsonld",
    "http://schema.org": "schemaorg-claimreview.jsonld",
    "http://schema.org/": "schemaorg-claimreview.jsonld",
    "http://www.w3.org/ns/anno.jsonld": "anno.jsonld",
    "https://www.w3.org/ns/anno.jsonld": "anno.jsonld",
}


def main():
    directory = sys.argv[1]

    def loader(url, options=None):
        name = CONTEXTS.get(url)
        if name is None:
            raise jsonld.JsonLdError(
                "no network in the tests: " + url,
                "jsonld.LoadDocumentError",
                {"url": url},
                code="loading document failed",
            )
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            document = json.load(f)
        return {"contextUrl": None, "documentUrl": url, "document": document}

    jsonld.set_document_loader(loader)
    document = json.load(sys.stdin)
    expanded = jsonld.expand(document)
    json.dump(expanded, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
