"""The search side: a Whoosh index derived from the store."""
