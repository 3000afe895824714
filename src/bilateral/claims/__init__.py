"""Claim checks: find the trade figures quoted in a text and verify them against the store.

`extract_claims` reads English or Italian text (press releases, articles, scraped web copy)
into structured claims (values, growth rates, changes in money, ranks among partners);
`check_claims` compares each with every view the store holds. The API is
`Store.check(text)`; the command line `bilateral check FILE`.
"""

from bilateral.claims.extract import extract_claims
from bilateral.claims.verify import check_claims

__all__ = ["check_claims", "extract_claims"]
